namespace LlmsTxt.Core.Crawling;

/// <summary>Something a user watching the crawl wants to see. <see cref="Message"/> is a ready log line.</summary>
public abstract record CrawlEvent
{
    public abstract string Message { get; }
}

public enum RobotsStatus
{
    /// <summary>robots.txt was read and its rules apply.</summary>
    Rules,
    /// <summary>No robots.txt (4xx): everything is allowed.</summary>
    AllowAll,
    /// <summary>robots.txt answered 5xx or could not be reached: nothing may be crawled.</summary>
    DisallowAll,
}

public sealed record RobotsEvent(Uri RobotsUrl, RobotsStatus Status, int RuleCount, TimeSpan? CrawlDelay, string Detail) : CrawlEvent
{
    public override string Message => Status switch
    {
        RobotsStatus.Rules => $"robots.txt {RobotsUrl}: {RuleCount} rules in force" + (CrawlDelay is { } d ? $", crawl-delay {d.TotalSeconds:0.###} s" : ""),
        RobotsStatus.AllowAll => $"robots.txt {RobotsUrl}: {Detail}; everything allowed",
        _ => $"robots.txt {RobotsUrl}: {Detail}; crawling is not allowed",
    };
}

public sealed record SitemapFoundEvent(Uri SitemapUrl, int UrlCount, int ChildSitemaps) : CrawlEvent
{
    public override string Message => ChildSitemaps > 0
        ? $"Sitemap index {SitemapUrl}: {ChildSitemaps} child sitemaps"
        : $"Sitemap {SitemapUrl}: {UrlCount} URLs";
}

public sealed record SitemapFailedEvent(Uri SitemapUrl, string Why) : CrawlEvent
{
    public override string Message => $"Sitemap {SitemapUrl} ignored: {Why}";
}

public sealed record PageFetchedEvent(Uri Url, int Status, TimeSpan Elapsed, long Bytes) : CrawlEvent
{
    /// <summary>Set when the page was larger than the page cap and only its first bytes were read.</summary>
    public long? CutAt { get; init; }

    public override string Message => $"Fetched {Url} ({Status}, {Elapsed.TotalMilliseconds:0} ms, {Bytes / 1024.0:0.#} KiB)"
        + (CutAt is { } cap ? $"; page cut at {cap / 1048576.0:0.##} MiB (only its first {cap / 1048576.0:0.##} MiB were read)" : "");
}

public sealed record PageSkippedEvent(Uri Url, SkipReason Reason, string Detail) : CrawlEvent
{
    public override string Message => $"Skipped {Url}: {Detail}";
}

public sealed record PageRetriedEvent(Uri Url, int Attempt, string Why, TimeSpan Delay) : CrawlEvent
{
    public override string Message => $"Retrying {Url} in {Delay.TotalSeconds:0.#} s (attempt {Attempt}): {Why}";
}

public sealed record PageFailedEvent(Uri Url, string Why) : CrawlEvent
{
    public override string Message => $"Failed {Url}: {Why}";
}

public sealed record PageRenderedEvent(Uri Url, int WordsBefore, int WordsAfter) : CrawlEvent
{
    public override string Message => $"Rendered {Url} in a browser: static HTML had {WordsBefore} words, rendered {WordsAfter}";
}

public sealed record LimitReachedEvent(string Detail) : CrawlEvent
{
    public override string Message => Detail;
}

public sealed record CrawlProgressEvent(int Crawled, int Failed, int Queued, int MaxPages) : CrawlEvent
{
    public override string Message => $"{Crawled}/{MaxPages} pages, {Failed} failed, {Queued} queued";
}

public sealed record CrawlSummaryEvent(CrawlStats Stats, int Listed) : CrawlEvent
{
    public override string Message =>
        $"Crawl finished: {Listed} pages listed, {Stats.Fetched} fetched, {Stats.Failed} failed, " +
        $"{Stats.Skipped.Values.Sum()} skipped, {Stats.Rendered} rendered, {Stats.Requests} requests, " +
        $"{Stats.Bytes / 1048576.0:0.#} MiB in {Stats.Seconds:0.#} s";
}
