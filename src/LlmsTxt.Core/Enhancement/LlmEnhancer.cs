using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using LlmsTxt.Core.Extraction;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LlmsTxt.Core.Enhancement;

/// <summary>
/// Improves the summary, the about paragraph and the link notes of an llms.txt with an OpenAI-compatible
/// chat completions endpoint (OpenRouter by default). The answer replaces the file only when
/// <see cref="LlmOutputCheck"/> accepts it; on any failure the original is kept and the outcome says why.
/// Never throws except <see cref="OperationCanceledException"/> when the caller cancels.
/// </summary>
public sealed class LlmEnhancer : ILlmsTxtEnhancer, IDisposable
{
    private readonly LlmEnhancerOptions _options;
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    /// <param name="httpClient">Optional; when given, its <see cref="HttpClient.Timeout"/> should be infinite (the options' timeout applies per attempt).</param>
    public LlmEnhancer(LlmEnhancerOptions options, ILogger<LlmEnhancer>? logger = null, HttpClient? httpClient = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _time = timeProvider ?? TimeProvider.System;
        _ownsHttp = httpClient is null;
        _http = httpClient ?? new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), UseProxy = true })
        {
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
            MaxResponseContentBufferSize = 8 * 1024 * 1024,
        };
    }

    public bool IsAvailable => _options.IsAvailable;

    public async Task<EnhancementOutcome> EnhanceAsync(string llmsTxt, IReadOnlyList<Page> pages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(llmsTxt);
        if (!IsAvailable) return Kept(llmsTxt, "LLM enhancement is not configured (LLM_ENHANCEMENT_ENABLED and an API key are both needed)");

        var answer = await AskAsync(llmsTxt, cancellationToken);
        if (answer.Failure is not null) return Kept(llmsTxt, answer.Failure);

        var check = LlmOutputCheck.Check(llmsTxt, answer.Text!);
        if (!check.Accepted) return Kept(llmsTxt, check.Reason!);
        if (check.Text == llmsTxt) return Kept(llmsTxt, "the model returned the file unchanged");

        _logger.LogInformation("LLM enhancement accepted from {Model} ({Before} → {After} characters)", _options.Model, llmsTxt.Length, check.Text!.Length);
        return new EnhancementOutcome(check.Text, Changed: true, Note: $"improved by {_options.Model}");
    }

    private EnhancementOutcome Kept(string llmsTxt, string reason)
    {
        _logger.LogWarning("LLM enhancement not applied: {Reason}", reason);
        return new EnhancementOutcome(llmsTxt, Changed: false, Note: reason);
    }

    private sealed record Answer(string? Text, string? Failure);

    private async Task<Answer> AskAsync(string llmsTxt, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.Timeout);
            try
            {
                using var request = Request(llmsTxt);
                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                var status = (int)response.StatusCode;
                if (response.IsSuccessStatusCode) return await ReadAsync(response, timeout.Token);
                if ((status == 429 || status >= 500) && attempt < _options.MaxRetries)
                {
                    var delay = RetryDelay(attempt, response.Headers.RetryAfter, _options, _time.GetUtcNow());
                    _logger.LogInformation("LLM provider answered HTTP {Status}; retrying in {Delay} s (retry {Retry} of {MaxRetries})",
                        status, delay.TotalSeconds, attempt + 1, _options.MaxRetries);
                    await Task.Delay(delay, _time, cancellationToken);
                    continue;
                }
                var attempts = attempt + 1;
                return new Answer(null, $"HTTP {status} from the provider{(attempts > 1 ? $" after {attempts} attempts" : "")}");
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return new Answer(null, $"timed out after {_options.Timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s");
            }
            catch (HttpRequestException ex)
            {
                // The message names the host and the socket error, never the request headers (so never the key).
                return new Answer(null, $"could not reach the provider ({ex.HttpRequestError})");
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Enhancement is optional: nothing the provider sends may fail the generation.
                return new Answer(null, $"the provider's answer could not be read ({ex.GetType().Name})");
            }
        }
    }

    private HttpRequestMessage Request(string llmsTxt)
    {
        var body = new ChatRequest(_options.Model, [new ChatMessage("system", LlmPrompt.System), new ChatMessage("user", LlmPrompt.User(llmsTxt))], Temperature: 0.2);
        var request = new HttpRequestMessage(HttpMethod.Post, _options.Endpoint)
        {
            Content = JsonContent.Create(body, LlmJsonContext.Default.ChatRequest),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.ApiKey);
        // OpenRouter's app attribution headers; other providers ignore them.
        request.Headers.TryAddWithoutValidation("X-Title", "llmstxt");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return request;
    }

    private static async Task<Answer> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ChatResponse? chat;
        try
        {
            chat = await response.Content.ReadFromJsonAsync(LlmJsonContext.Default.ChatResponse, cancellationToken);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException)
        {
            return new Answer(null, "the provider's answer was not a chat completion (invalid JSON)");
        }
        var choice = chat?.Choices is { Count: > 0 } choices ? choices[0] : null;
        if (choice?.Message?.Content is not { } content) return new Answer(null, "the provider's answer held no message");
        if (choice.FinishReason == "length") return new Answer(null, "the answer was cut off (the model hit its output limit)");
        return new Answer(content, null);
    }

    /// <summary>
    /// How long to wait before retry <paramref name="attempt"/>+1: the provider's Retry-After when it sends one,
    /// else exponential backoff from <see cref="LlmEnhancerOptions.RetryDelay"/>; never more than <see cref="LlmEnhancerOptions.MaxRetryDelay"/>.
    /// </summary>
    public static TimeSpan RetryDelay(int attempt, RetryConditionHeaderValue? retryAfter, LlmEnhancerOptions options, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(options);
        var wanted = retryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - now,
            _ => options.RetryDelay * Math.Pow(2, attempt),
        };
        if (wanted < TimeSpan.Zero) wanted = TimeSpan.Zero;
        return wanted > options.MaxRetryDelay ? options.MaxRetryDelay : wanted;
    }

    public void Dispose()
    {
        if (_ownsHttp) _http.Dispose();
    }
}

internal sealed record ChatMessage(
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("content")] string? Content);

internal sealed record ChatRequest(
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("messages")] IReadOnlyList<ChatMessage> Messages,
    [property: JsonPropertyName("temperature")] double Temperature);

internal sealed record ChatChoice(
    [property: JsonPropertyName("message")] ChatMessage? Message,
    [property: JsonPropertyName("finish_reason")] string? FinishReason);

internal sealed record ChatResponse([property: JsonPropertyName("choices")] IReadOnlyList<ChatChoice>? Choices);

[JsonSerializable(typeof(ChatRequest))]
[JsonSerializable(typeof(ChatResponse))]
internal sealed partial class LlmJsonContext : JsonSerializerContext;
