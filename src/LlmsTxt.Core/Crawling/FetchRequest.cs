namespace LlmsTxt.Core.Crawling;

/// <summary>
/// What one fetch asks of <see cref="PageFetcher"/>: the URL, the byte cap, which redirect hops may be followed,
/// which 2xx bodies are read, and whether the body is streamed to a consumer instead of buffered.
/// </summary>
/// <param name="MaxBytes">Bytes kept after decompression; a longer body is cut (buffered) or ends the stream (consumed).</param>
public sealed record FetchRequest(Uri Url, long MaxBytes)
{
    /// <summary>Decides each redirect hop; by default any http(s) URL.</summary>
    public Func<Uri, CancellationToken, ValueTask<CrawlDecision>> HopCheck { get; init; } = AnyWebHop;

    /// <summary>Whether a 2xx body of this media type is read; by default every type.</summary>
    public Func<string?, bool> AcceptContentType { get; init; } = _ => true;

    /// <summary>When set, a 2xx body is handed over as a capped stream (restarted on retry) instead of being buffered.</summary>
    public Func<Stream, CancellationToken, Task>? ConsumeBody { get; init; }

    /// <summary>Receives the retry events.</summary>
    public Action<CrawlEvent>? Report { get; init; }

    /// <summary>Any http or https URL; other schemes are refused.</summary>
    public static ValueTask<CrawlDecision> AnyWebHop(Uri url, CancellationToken cancellationToken) =>
        ValueTask.FromResult(url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps
            ? CrawlDecision.Allow
            : CrawlDecision.Skip(SkipReason.BadUrl, "only http and https are followed"));
}
