using System.Collections.Concurrent;

namespace LlmsTxt.Core.Crawling;

/// <summary>
/// What one crawl counted and told: pages fetched, failed and rendered, skips by reason (each URL once), and the
/// events for the caller. Thread-safe: pages are processed concurrently.
/// </summary>
internal sealed class CrawlTally(IProgress<CrawlEvent>? progress)
{
    private readonly ConcurrentDictionary<SkipReason, int> _skips = new();
    private readonly ConcurrentDictionary<string, byte> _skipped = new(StringComparer.Ordinal);
    private int _fetched;
    private int _failed;
    private int _rendered;

    public int Fetched => Volatile.Read(ref _fetched);
    public int Failed => Volatile.Read(ref _failed);
    public int Rendered => Volatile.Read(ref _rendered);

    public void CountFetched() => Interlocked.Increment(ref _fetched);
    public void CountFailed() => Interlocked.Increment(ref _failed);
    public void CountRendered() => Interlocked.Increment(ref _rendered);

    /// <summary>Skips by reason, as now.</summary>
    public Dictionary<SkipReason, int> Skips => new(_skips);

    public void Report(CrawlEvent crawlEvent) => progress?.Report(crawlEvent);

    /// <summary>Adds <paramref name="count"/> skips of <paramref name="reason"/> without an event each.</summary>
    public void Skip(SkipReason reason, int count) => _skips.AddOrUpdate(reason, count, (_, n) => n + count);

    /// <summary>Counts and announces the first skip of <paramref name="identity"/>.</summary>
    public void SkipOnce(Uri url, string identity, SkipReason reason, string detail)
    {
        if (_skipped.TryAdd(identity, 0))
        {
            Skip(reason, 1);
            Report(new PageSkippedEvent(url, reason, detail));
        }
    }

    /// <summary>Counted, not announced: every page links off-site and the log would drown.</summary>
    public void CountOutOfScope(string identity)
    {
        if (_skipped.TryAdd(identity, 0))
        {
            Skip(SkipReason.OutOfScope, 1);
        }
    }
}
