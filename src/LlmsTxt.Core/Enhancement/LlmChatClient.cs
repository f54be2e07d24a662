using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;

namespace LlmsTxt.Core.Enhancement;

/// <summary>One request's result: the answer's text or why there is none, and what it cost.</summary>
internal sealed record ChatOutcome(string? Text, string? Failure, LlmUsage Usage);

/// <summary>
/// Sends one prompt to an OpenAI-compatible <c>/chat/completions</c>: the body buffered (so it goes with
/// <c>Content-Length</c>, which some servers need), <c>max_tokens</c>, <c>response_format</c> JSON unless the server
/// refused it once; retries 429/5xx with Retry-After or backoff; a timeout per attempt. Never throws except
/// <see cref="OperationCanceledException"/> when the caller cancels.
/// </summary>
/// <remarks>
/// Named rule: a request the provider refuses (HTTP 400/422) for naming <c>max_tokens</c> is sent again with
/// <c>max_completion_tokens</c>, and one refused for naming <c>temperature</c> without it; later requests keep the
/// new shape. Why: OpenAI's reasoning models take only <c>max_completion_tokens</c> and the default temperature,
/// while most other OpenAI-compatible servers take only <c>max_tokens</c>; the refusal says which parameter it was.
/// </remarks>
internal sealed class LlmChatClient(HttpClient http, LlmEnhancerOptions options, ILogger logger, TimeProvider time)
{
    // Set once a server answers a request carrying response_format with 400/404/422: later requests use lines.
    private int _jsonRefused = options.AnswerFormat == LlmAnswerFormat.Lines ? 1 : 0;
    private int _maxTokensRefused;
    private int _temperatureRefused;

    public bool UsesJson => Volatile.Read(ref _jsonRefused) == 0;

    /// <summary>The exact request body for <paramref name="prompt"/>; its length is what the prompt budget limits.</summary>
    public byte[] Body(ChatPrompt prompt, bool json) => Body(prompt, json, completionTokens: Volatile.Read(ref _maxTokensRefused) == 1);

    private byte[] Body(ChatPrompt prompt, bool json, bool completionTokens) => JsonSerializer.SerializeToUtf8Bytes(
        new ChatRequest(options.Model,
            [new ChatMessage("system", json ? prompt.SystemJson : prompt.SystemLines), new ChatMessage("user", prompt.User)],
            Temperature: Volatile.Read(ref _temperatureRefused) == 1 ? null : 0.2,
            MaxTokens: completionTokens ? null : prompt.MaxTokens,
            MaxCompletionTokens: completionTokens ? prompt.MaxTokens : null,
            ResponseFormat: json ? ResponseFormat.JsonObject : null),
        LlmJsonContext.Default.ChatRequest);

    /// <summary>The largest body a request may send: it may fall back from JSON to lines, or rename its token limit, mid-run.</summary>
    public int LargestBody(ChatPrompt prompt) => Math.Max(Body(prompt, json: true, completionTokens: true).Length, Body(prompt, json: false, completionTokens: true).Length);

    public async Task<ChatOutcome> SendAsync(ChatPrompt prompt, CancellationToken cancellationToken)
    {
        var usage = LlmUsage.None;
        for (var attempt = 0; ; attempt++)
        {
            var json = UsesJson;
            var body = Body(prompt, json);
            usage = usage.Add(new LlmUsage(1, 0, 0, body.Length));
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.Timeout);
            try
            {
                using var request = Request(body);
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                var status = (int)response.StatusCode;
                if (response.IsSuccessStatusCode)
                {
                    var answer = await ReadAsync(response, timeout.Token);
                    return answer with { Usage = usage.Add(answer.Usage) };
                }
                if (status is 400 or 422 && await RefusedParameterAsync(response, timeout.Token))
                {
                    attempt--;
                    continue;
                }
                if (json && status is 400 or 404 or 422)
                {
                    // Not every OpenAI-compatible server knows response_format; the line format needs nothing from it.
                    if (Interlocked.Exchange(ref _jsonRefused, 1) == 0)
                        logger.LogInformation("LLM provider answered HTTP {Status} to a request with response_format; using the line format from now on", status);
                    attempt--;
                    continue;
                }
                if ((status == 429 || status >= 500) && attempt < options.MaxRetries)
                {
                    var delay = LlmEnhancer.RetryDelay(attempt, response.Headers.RetryAfter, options, time.GetUtcNow());
                    logger.LogInformation("LLM provider answered HTTP {Status}; retrying in {Delay} s (retry {Retry} of {MaxRetries})",
                        status, delay.TotalSeconds, attempt + 1, options.MaxRetries);
                    await Task.Delay(delay, time, cancellationToken);
                    continue;
                }
                var attempts = attempt + 1;
                return new ChatOutcome(null, $"HTTP {status} from the provider{(attempts > 1 ? $" after {attempts} attempts" : "")}", usage);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return new ChatOutcome(null, $"timed out after {options.Timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s", usage);
            }
            catch (HttpRequestException ex)
            {
                // The message names the socket error, never the request headers (so never the key).
                return new ChatOutcome(null, $"could not reach the provider ({ex.HttpRequestError})", usage);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Enhancement is optional: nothing the provider sends may fail the generation.
                return new ChatOutcome(null, $"the provider's answer could not be read ({ex.GetType().Name})", usage);
            }
        }
    }

    /// <summary>
    /// Whether the refusal names a parameter this client can do without (see the rule above); if so, later requests
    /// leave it out or rename it. Each is adjusted once, so a provider refusing for another reason is not asked forever.
    /// </summary>
    private async Task<bool> RefusedParameterAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string error;
        try
        {
            error = await response.Content.ReadAsStringAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            return false;
        }
        if (error.Contains("max_tokens", StringComparison.Ordinal) && Interlocked.Exchange(ref _maxTokensRefused, 1) == 0)
        {
            logger.LogInformation("LLM provider refused max_tokens; sending max_completion_tokens from now on");
            return true;
        }
        if (error.Contains("temperature", StringComparison.Ordinal) && Interlocked.Exchange(ref _temperatureRefused, 1) == 0)
        {
            logger.LogInformation("LLM provider refused the temperature; using its default from now on");
            return true;
        }
        return false;
    }

    private HttpRequestMessage Request(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        content.Headers.ContentLength = body.Length;
        var request = new HttpRequestMessage(HttpMethod.Post, options.Endpoint) { Content = content };
        // A local server needs no key; sending an empty Bearer would make some refuse the request.
        if (!string.IsNullOrWhiteSpace(options.ApiKey)) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);
        // OpenRouter's app attribution header; other providers ignore it.
        request.Headers.TryAddWithoutValidation("X-Title", "llmstxt");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return request;
    }

    private static async Task<ChatOutcome> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ChatResponse? chat;
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            chat = await JsonSerializer.DeserializeAsync(stream, LlmJsonContext.Default.ChatResponse, cancellationToken);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException)
        {
            return new ChatOutcome(null, "the provider's answer was not a chat completion (invalid JSON)", LlmUsage.None);
        }
        var usage = new LlmUsage(0, chat?.Usage?.PromptTokens ?? 0, chat?.Usage?.CompletionTokens ?? 0, 0);
        var choice = chat?.Choices is { Count: > 0 } choices ? choices[0] : null;
        if (choice?.Message?.Content is not { } content) return new ChatOutcome(null, "the provider's answer held no message", usage);
        if (choice.FinishReason == "length") return new ChatOutcome(null, "the answer was cut off (the model hit its output limit)", usage);
        return new ChatOutcome(content, null, usage);
    }
}

internal sealed record ChatMessage(
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("content")] string? Content);

internal sealed record ResponseFormat([property: JsonPropertyName("type")] string Type)
{
    public static readonly ResponseFormat JsonObject = new("json_object");
}

internal sealed record ChatRequest(
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("messages")] IReadOnlyList<ChatMessage> Messages,
    [property: JsonPropertyName("temperature"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Temperature,
    [property: JsonPropertyName("max_tokens"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? MaxTokens,
    [property: JsonPropertyName("max_completion_tokens"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? MaxCompletionTokens,
    [property: JsonPropertyName("response_format"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ResponseFormat? ResponseFormat);

internal sealed record ChatChoice(
    [property: JsonPropertyName("message")] ChatMessage? Message,
    [property: JsonPropertyName("finish_reason")] string? FinishReason);

internal sealed record ChatUsage(
    [property: JsonPropertyName("prompt_tokens")] long PromptTokens,
    [property: JsonPropertyName("completion_tokens")] long CompletionTokens);

internal sealed record ChatResponse(
    [property: JsonPropertyName("choices")] IReadOnlyList<ChatChoice>? Choices,
    [property: JsonPropertyName("usage")] ChatUsage? Usage);

[JsonSerializable(typeof(ChatRequest))]
[JsonSerializable(typeof(ChatResponse))]
internal sealed partial class LlmJsonContext : JsonSerializerContext;
