namespace LlmsTxt.Core.Enhancement;

/// <summary>
/// Where and how to ask an OpenAI-compatible chat completions endpoint to improve a file. Hosts map their own
/// settings onto it (the server and the CLI read the same environment variables, see src/Shared/Settings).
/// </summary>
public sealed record LlmEnhancerOptions
{
    public static readonly Uri DefaultBaseUrl = new("https://openrouter.ai/api/v1");
    public const string DefaultModel = "openai/gpt-4o-mini";
    public const int MaxRetriesLimit = 3;
    public const int DefaultPromptBudget = 24 * 1024, MinPromptBudget = 8 * 1024, MaxPromptBudget = 512 * 1024;
    public const int DefaultConcurrency = 4, MaxConcurrency = 32;

    /// <summary>Off unless switched on.</summary>
    public bool Enabled { get; init; }

    /// <summary>Sent only as the Bearer token, never logged or echoed.</summary>
    public string? ApiKey { get; init; }

    /// <summary>Requests go to <c>{base}/chat/completions</c>.</summary>
    public Uri BaseUrl { get; init; } = DefaultBaseUrl;

    /// <summary>The provider's model id.</summary>
    public string Model { get; init; } = DefaultModel;

    /// <summary>Budget for one attempt, from sending to the last byte of the answer.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Extra attempts after a 429 or 5xx (0 to 3).</summary>
    public int MaxRetries { get; init; } = MaxRetriesLimit;

    /// <summary>First backoff delay; doubles each retry unless the provider sends Retry-After.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between attempts, even when Retry-After asks for more.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Requests in flight at once for one generation (1 to 32).</summary>
    public int Concurrency { get; init; } = DefaultConcurrency;

    /// <summary>The largest request body sent; sections are sliced to fit.</summary>
    public int PromptBudgetBytes { get; init; } = DefaultPromptBudget;

    /// <summary>Ask for JSON with <c>response_format</c> (falling back to lines when the
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
}

/// <summary>How the model is asked to answer.</summary>
public enum LlmAnswerFormat
{
    /// <summary>JSON, with the OpenAI <c>response_format</c> (line format once a server refuses it).</summary>
    Json,
    /// <summary>Plain lines: <c>URL | description</c>; no <c>response_format</c> is sent.</summary>
    Lines,
}
