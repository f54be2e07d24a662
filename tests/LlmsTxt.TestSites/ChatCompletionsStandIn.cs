using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace LlmsTxt.TestSites;

/// <summary>One scripted answer of the stand-in provider.</summary>
public sealed record ChatReply
{
    public int Status { get; init; } = 200;

    /// <summary>Builds the assistant's content from the user message (the prompt with the file).</summary>
    public Func<string, string>? Content { get; init; }

    public string? RetryAfter { get; init; }

    /// <summary>Never answers (until the client gives up).</summary>
    public bool Hang { get; init; }

    /// <summary>Sent as is with status 200 instead of a chat completion.</summary>
    public string? RawBody { get; init; }

    public static ChatReply Answer(string content) => new() { Content = _ => content };

    public static ChatReply Rewrite(Func<string, string> rewrite) => new() { Content = rewrite };

    public static ChatReply Error(int status, string? retryAfter = null) => new() { Status = status, RetryAfter = retryAfter };

    public static ChatReply Hanging() => new() { Hang = true };
}

/// <summary>One chat completions call as the stand-in saw it.</summary>
public sealed record ChatCall(string? Authorization, string? Model, string SystemPrompt, string UserPrompt, string Body);

/// <summary>
/// A stand-in for a paid OpenAI-compatible provider: a real HTTP server on 127.0.0.1 answering
/// <c>POST /v1/chat/completions</c> with scripted replies, in order (the last one repeats).
/// Point <c>LLM_BASE_URL</c> at <see cref="BaseUrl"/>.
/// </summary>
public sealed class ChatCompletionsStandIn : IAsyncDisposable
{
    /// <summary>What the prompt puts before the file; a rewrite reply receives only the file.</summary>
    public const string FilePrefix = "Improve this llms.txt:\n\n";

    private readonly ConcurrentQueue<ChatReply> _replies;
    private readonly ConcurrentQueue<ChatCall> _calls = new();
    private ChatReply _last;
    private TestWebServer _server = null!;

    private ChatCompletionsStandIn(ChatReply[] replies)
    {
        if (replies.Length == 0) throw new ArgumentException("Give at least one reply.", nameof(replies));
        _replies = new ConcurrentQueue<ChatReply>(replies);
        _last = replies[^1];
    }

    public Uri BaseUrl => _server.Url("v1");

    public IReadOnlyList<ChatCall> Calls => [.. _calls];

    public static async Task<ChatCompletionsStandIn> StartAsync(params ChatReply[] replies)
    {
        var standIn = new ChatCompletionsStandIn(replies);
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
        var user = Message("user");
        _calls.Enqueue(new ChatCall(context.Request.Headers.Authorization.ToString(), (string?)json["model"], Message("system"), user, body));

        var reply = _replies.TryDequeue(out var next) ? _last = next : _last;
        if (reply.Hang)
        {
            try { await Task.Delay(Timeout.Infinite, context.RequestAborted); } catch (OperationCanceledException) { }
            return;
        }
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
        var file = user.StartsWith(FilePrefix, StringComparison.Ordinal) ? user[FilePrefix.Length..] : user;
        var content = reply.Content?.Invoke(file) ?? file;
        await context.Response.WriteAsJsonAsync(new
        {
            id = "chatcmpl-standin",
            @object = "chat.completion",
            model = (string?)json["model"],
            choices = new[] { new { index = 0, message = new { role = "assistant", content }, finish_reason = "stop" } },
        }, context.RequestAborted);
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
