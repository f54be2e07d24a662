using System.Globalization;

namespace LlmsTxt.Core.Enhancement;

/// <summary>
/// Where and how to ask an OpenAI-compatible chat completions endpoint to improve a file. Read from
/// <c>LLM_ENHANCEMENT_ENABLED</c>, <c>OPENROUTER_API_KEY</c> (or <c>LLM_API_KEY</c>), <c>LLM_BASE_URL</c>,
/// <c>LLM_MODEL</c>, <c>LLM_TIMEOUT</c>, <c>LLM_MAX_RETRIES</c>, <c>LLM_CONCURRENCY</c>, <c>LLM_PROMPT_BUDGET</c>
/// and <c>LLM_RESPONSE_FORMAT</c>.
/// </summary>
public sealed record LlmEnhancerOptions
{
    public static readonly Uri DefaultBaseUrl = new("https://openrouter.ai/api/v1");
    public const string DefaultModel = "openai/gpt-4o-mini";
    public const int MaxRetriesLimit = 3;
    public const int DefaultPromptBudget = 24 * 1024, MinPromptBudget = 8 * 1024, MaxPromptBudget = 512 * 1024;
    public const int DefaultConcurrency = 4, MaxConcurrency = 32;

    /// <summary><c>LLM_ENHANCEMENT_ENABLED</c>: off unless set to true.</summary>
    public bool Enabled { get; init; }

    /// <summary><c>OPENROUTER_API_KEY</c>: sent only as the Bearer token, never logged or echoed.</summary>
    public string? ApiKey { get; init; }

    /// <summary><c>LLM_BASE_URL</c>: requests go to <c>{base}/chat/completions</c>.</summary>
    public Uri BaseUrl { get; init; } = DefaultBaseUrl;

    /// <summary><c>LLM_MODEL</c>: the provider's model id.</summary>
    public string Model { get; init; } = DefaultModel;

    /// <summary><c>LLM_TIMEOUT</c> (seconds): budget for one attempt, from sending to the last byte of the answer.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary><c>LLM_MAX_RETRIES</c>: extra attempts after a 429 or 5xx (0 to 3).</summary>
    public int MaxRetries { get; init; } = MaxRetriesLimit;

    /// <summary>First backoff delay; doubles each retry unless the provider sends Retry-After.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between attempts, even when Retry-After asks for more.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary><c>LLM_CONCURRENCY</c>: requests in flight at once for one generation (1 to 32).</summary>
    public int Concurrency { get; init; } = DefaultConcurrency;

    /// <summary><c>LLM_PROMPT_BUDGET</c> (bytes): the largest request body sent; sections are sliced to fit.</summary>
    public int PromptBudgetBytes { get; init; } = DefaultPromptBudget;

    /// <summary><c>LLM_RESPONSE_FORMAT</c>: ask for JSON with <c>response_format</c> (falling back to lines when the
    /// server refuses it), or always use the line format (servers that choke on <c>response_format</c>).</summary>
    public LlmAnswerFormat AnswerFormat { get; init; } = LlmAnswerFormat.Json;

    /// <summary>Characters of a page's own text sent with its entry, so the model can say more than the current note.</summary>
    public int ExcerptChars { get; init; } = 600;

    /// <summary>A local server (Ollama, llama.cpp, vLLM on this machine) needs no key.</summary>
    public bool IsLoopback => BaseUrl.IsLoopback;

    /// <summary>Switched on, and given a key unless the server is on this machine.</summary>
    public bool IsAvailable => Enabled && (!string.IsNullOrWhiteSpace(ApiKey) || IsLoopback);

    /// <summary>The chat completions endpoint under <see cref="BaseUrl"/>.</summary>
    public Uri Endpoint => new(BaseUrl.AbsoluteUri.TrimEnd('/') + "/chat/completions");

    // The key stays out of ToString (records print every property), so logging the options can't leak it.
    public override string ToString() =>
        $"LlmEnhancerOptions {{ Enabled = {Enabled}, ApiKey = {(ApiKey is null ? "unset" : "set")}, BaseUrl = {BaseUrl}, Model = {Model}, Timeout = {Timeout}, MaxRetries = {MaxRetries}, Concurrency = {Concurrency}, PromptBudgetBytes = {PromptBudgetBytes}, AnswerFormat = {AnswerFormat} }}";

    /// <summary>Reads the environment variables (by name through <paramref name="get"/>).</summary>
    /// <exception cref="ArgumentException">A value is malformed; the message starts with the variable's name.</exception>
    public static LlmEnhancerOptions FromEnvironment(Func<string, string?> get)
    {
        ArgumentNullException.ThrowIfNull(get);
        string? Raw(string name) => get(name) is { } v && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
        var d = new LlmEnhancerOptions();

        var enabled = Raw("LLM_ENHANCEMENT_ENABLED")?.ToLowerInvariant() switch
        {
            null => false,
            "true" or "1" or "yes" or "on" => true,
            "false" or "0" or "no" or "off" => false,
            var other => throw new ArgumentException($"LLM_ENHANCEMENT_ENABLED must be true or false, got '{Printable(other)}'"),
        };
        var baseUrl = d.BaseUrl;
        if (Raw("LLM_BASE_URL") is { } rawBase)
        {
            if (!Uri.TryCreate(rawBase, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https") || !string.IsNullOrEmpty(parsed.Query))
                throw new ArgumentException($"LLM_BASE_URL must be an absolute http or https URL without a query, such as {DefaultBaseUrl}, got '{Printable(rawBase)}'");
            baseUrl = parsed;
        }
        var model = Raw("LLM_MODEL") ?? d.Model;
        if (model.Any(char.IsWhiteSpace) || model.Length > 200)
            throw new ArgumentException($"LLM_MODEL must be a model id without spaces (such as {DefaultModel}), got '{Printable(model)}'");

        var format = Raw("LLM_RESPONSE_FORMAT")?.ToLowerInvariant() switch
        {
            null or "json" => LlmAnswerFormat.Json,
            "lines" or "text" => LlmAnswerFormat.Lines,
            var other => throw new ArgumentException($"LLM_RESPONSE_FORMAT must be json or lines, got '{Printable(other)}'"),
        };

        return d with
        {
            Enabled = enabled,
            ApiKey = Raw("OPENROUTER_API_KEY") ?? Raw("LLM_API_KEY"),
            BaseUrl = baseUrl,
            Model = model,
            Timeout = TimeSpan.FromSeconds(Number(Raw("LLM_TIMEOUT"), "LLM_TIMEOUT", (int)d.Timeout.TotalSeconds, 1, 600)),
            MaxRetries = Number(Raw("LLM_MAX_RETRIES"), "LLM_MAX_RETRIES", d.MaxRetries, 0, MaxRetriesLimit),
            Concurrency = Number(Raw("LLM_CONCURRENCY"), "LLM_CONCURRENCY", d.Concurrency, 1, MaxConcurrency),
            PromptBudgetBytes = Number(Raw("LLM_PROMPT_BUDGET"), "LLM_PROMPT_BUDGET", d.PromptBudgetBytes, MinPromptBudget, MaxPromptBudget),
            AnswerFormat = format,
        };
    }

    private static int Number(string? raw, string name, int fallback, int min, int max)
    {
        if (raw is null) return fallback;
        if (int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max) return value;
        throw new ArgumentException($"{name} must be a whole number from {min} to {max}, got '{Printable(raw)}'");
    }

    private static string Printable(string raw)
    {
        var clean = new string(raw.Where(c => !char.IsControl(c)).Take(80).ToArray());
        return raw.Length > 80 ? clean + "..." : clean;
    }
}

/// <summary>How the model is asked to answer.</summary>
public enum LlmAnswerFormat
{
    /// <summary>JSON, with the OpenAI <c>response_format</c> (line format once a server refuses it).</summary>
    Json,
    /// <summary>Plain lines: <c>URL | description</c>; no <c>response_format</c> is sent.</summary>
    Lines,
}
