using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace LlmsTxt.TestSites;

/// <summary>One scripted answer of the stand-in provider.</summary>
public sealed record ChatReply
{
    public int Status { get; init; } = 200;

    /// <summary>Builds the assistant's content from the request; null answers as <see cref="StandInAnswers.Improve"/> would.</summary>
    public Func<ChatCall, string>? Content { get; init; }

    public string? RetryAfter { get; init; }

    /// <summary>Never answers (until the client gives up).</summary>
    public bool Hang { get; init; }

    /// <summary>Sent as is with status 200 instead of a chat completion.</summary>
    public string? RawBody { get; init; }

    /// <summary>How long the answer takes (a model's latency), on top of <see cref="ChatCompletionsStandIn.Latency"/>.</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>The answer's <c>finish_reason</c>.</summary>
    public string FinishReason { get; init; } = "stop";

    public static ChatReply Answer(string content) => new() { Content = _ => content };

    public static ChatReply Answer(Func<ChatCall, string> content) => new() { Content = content };

    /// <summary>Good descriptions and header fields for exactly what was asked, in the format asked for.</summary>
    public static ChatReply Improve(Func<StandInPage, string>? describe = null) => new() { Content = c => StandInAnswers.Improve(c, describe) };

    public static ChatReply Error(int status, string? retryAfter = null) => new() { Status = status, RetryAfter = retryAfter };

    public static ChatReply Hanging() => new() { Hang = true };
}

/// <summary>One chat completions call as the stand-in saw it, headers and body included.</summary>
/// <param name="ContentLength">The request's Content-Length header (null when it was sent chunked).</param>
/// <param name="MaxTokens">The output limit asked for, as <c>max_tokens</c> or <c>max_completion_tokens</c>.</param>
/// <param name="ResponseFormat">The <c>response_format.type</c> asked for, null when none.</param>
public sealed record ChatCall(
    string? Authorization,
    string? Model,
    string SystemPrompt,
    string UserPrompt,
    string Body,
    long? ContentLength,
    int BodyBytes,
    int? MaxTokens,
    string? ResponseFormat)
{
    public bool IsHeaderRequest => UserPrompt.StartsWith(StandInAnswers.SiteMarker, StringComparison.Ordinal);

    /// <summary>The pages a description request carries (empty for the header request).</summary>
    public IReadOnlyList<StandInPage> Pages => StandInAnswers.Pages(this);
}

/// <summary>
/// A stand-in for a paid OpenAI-compatible provider: a real HTTP server on 127.0.0.1 answering
/// <c>POST /v1/chat/completions</c> with scripted replies — in order (the last one repeats), or chosen per request
/// by a function — after an optional latency, and recording every request. Its <c>usage</c> counts 4 bytes a token.
/// Point <c>LLM_BASE_URL</c> at <see cref="BaseUrl"/>.
/// </summary>
public sealed class ChatCompletionsStandIn : IAsyncDisposable
{
    private readonly Func<ChatCall, ChatReply> _respond;
    private readonly ConcurrentQueue<ChatCall> _calls = new();
    private TestWebServer _server = null!;
    private int _inFlight;
    private int _maxInFlight;

    private ChatCompletionsStandIn(Func<ChatCall, ChatReply> respond) => _respond = respond;

    public Uri BaseUrl => _server.Url("v1");

    public IReadOnlyList<ChatCall> Calls => [.. _calls];

    /// <summary>Added before every answer.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>The most requests that were being answered at one time.</summary>
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public static Task<ChatCompletionsStandIn> StartAsync(params ChatReply[] replies)
    {
        if (replies.Length == 0) throw new ArgumentException("Give at least one reply.", nameof(replies));
        var queue = new ConcurrentQueue<ChatReply>(replies);
        var last = replies[^1];
        return StartAsync(_ => queue.TryDequeue(out var next) ? next : last);
    }

    /// <summary>Answers each request with <paramref name="respond"/>'s reply for it.</summary>
    public static async Task<ChatCompletionsStandIn> StartAsync(Func<ChatCall, ChatReply> respond)
    {
        var standIn = new ChatCompletionsStandIn(respond);
        standIn._server = await TestWebServer.StartAsync(app => app.MapPost("/v1/chat/completions", standIn.HandleAsync));
        return standIn;
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var json = JsonNode.Parse(body)!;
        var messages = json["messages"]!.AsArray();
        string Message(string role) => messages.FirstOrDefault(m => (string?)m!["role"] == role)?["content"]?.GetValue<string>() ?? "";
        var call = new ChatCall(context.Request.Headers.Authorization.ToString(), (string?)json["model"], Message("system"), Message("user"), body,
            context.Request.ContentLength, System.Text.Encoding.UTF8.GetByteCount(body), (int?)json["max_tokens"] ?? (int?)json["max_completion_tokens"], (string?)json["response_format"]?["type"]);
        _calls.Enqueue(call);

        var reply = _respond(call);
        var now = Interlocked.Increment(ref _inFlight);
        InterlockedMax(ref _maxInFlight, now);
        try
        {
            if (reply.Hang)
            {
                try { await Task.Delay(Timeout.Infinite, context.RequestAborted); } catch (OperationCanceledException) { }
                return;
            }
            if (Latency + reply.Delay > TimeSpan.Zero) await Task.Delay(Latency + reply.Delay, context.RequestAborted);
            await AnswerAsync(context, call, reply);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private static async Task AnswerAsync(HttpContext context, ChatCall call, ChatReply reply)
    {
        context.Response.StatusCode = reply.Status;
        if (reply.RawBody is not null)
        {
            await context.Response.WriteAsync(reply.RawBody, context.RequestAborted);
            return;
        }
        if (reply.RetryAfter is not null) context.Response.Headers.RetryAfter = reply.RetryAfter;
        if (reply.Status != 200)
        {
            await context.Response.WriteAsJsonAsync(new { error = new { message = "scripted failure", code = reply.Status } }, context.RequestAborted);
            return;
        }
        var content = reply.Content?.Invoke(call) ?? StandInAnswers.Improve(call);
        await context.Response.WriteAsJsonAsync(new
        {
            id = "chatcmpl-standin",
            @object = "chat.completion",
            model = call.Model,
            choices = new[] { new { index = 0, message = new { role = "assistant", content }, finish_reason = reply.FinishReason } },
            usage = new { prompt_tokens = call.BodyBytes / 4, completion_tokens = content.Length / 4, total_tokens = (call.BodyBytes / 4) + (content.Length / 4) },
        }, context.RequestAborted);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var seen = Volatile.Read(ref target);
        while (value > seen && Interlocked.CompareExchange(ref target, value, seen) is var was && was != seen) seen = was;
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
