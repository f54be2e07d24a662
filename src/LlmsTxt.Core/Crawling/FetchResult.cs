namespace LlmsTxt.Core.Crawling;

public enum FetchOutcome
{
    /// <summary>A response was read (any status; check <see cref="FetchResult.Status"/>).</summary>
    Response,
    /// <summary>A 2xx response whose Content-Type the caller did not accept; the body was not read.</summary>
    WrongContentType,
    /// <summary>A redirect hop was refused (off-site, loop, too many, robots).</summary>
    RedirectRefused,
    /// <summary>The SSRF guard refused the address.</summary>
    Refused,
    /// <summary>Network error or timeout after all retries.</summary>
    Failed,
}

/// <summary>The result of fetching one URL with redirects and retries.</summary>
public sealed record FetchResult(
    FetchOutcome Outcome,
    Uri RequestedUrl,
    Uri FinalUrl,
    int Status,
    string? ContentType,
    string? Charset,
    ReadOnlyMemory<byte> Body,
    bool Truncated,
    string? RobotsTag,
    string? Error,
    SkipReason? RedirectReason,
    TimeSpan Elapsed)
{
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Why a <see cref="FetchOutcome.Failed"/> fetch failed; <see cref="Error"/> holds its words.</summary>
    public FetchFailure? Failure { get; init; }

    public bool IsSuccess => Outcome == FetchOutcome.Response && Status is >= 200 and < 300;
}
