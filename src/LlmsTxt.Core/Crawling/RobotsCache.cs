using System.Collections.Concurrent;

namespace LlmsTxt.Core.Crawling;

/// <summary>What robots.txt says for one origin, with the status handling of RFC 9309 §2.3.1.</summary>
public sealed record RobotsVerdict(Uri RobotsUrl, RobotsStatus Status, RobotsTxt Rules, string Detail, string? RefusedError = null)
{
    /// <summary>Set when robots.txt could not be fetched because of the network (the site may be down).</summary>
    public FetchFailure? Failure { get; init; }

    public bool IsAllowed(string productToken, Uri url) => Status switch
    {
        RobotsStatus.AllowAll => true,
        RobotsStatus.DisallowAll => false,
        _ => Rules.IsAllowed(productToken, url.PathAndQuery),
    };
}

/// <summary>
/// robots.txt per origin, kept for <see cref="CrawlOptions.RobotsCacheDuration"/> (24 h). Share one
/// instance across crawls (the server holds a singleton). "Disallow all" verdicts from 5xx or unreachable
/// servers are not cached: the next crawl asks again.
/// </summary>
public sealed class RobotsCache(TimeProvider timeProvider, TimeSpan duration)
{
    private readonly ConcurrentDictionary<string, (RobotsVerdict Verdict, DateTimeOffset Expires)> _entries = new(StringComparer.Ordinal);

    public RobotsCache()
        : this(TimeProvider.System, TimeSpan.FromHours(24))
    {
    }

    public static string Origin(Uri url) => url.GetLeftPart(UriPartial.Authority).ToLowerInvariant();

    public bool TryGet(Uri url, out RobotsVerdict verdict)
    {
        if (_entries.TryGetValue(Origin(url), out var entry) && entry.Expires > timeProvider.GetUtcNow())
        {
            verdict = entry.Verdict;
            return true;
        }
        verdict = null!;
        return false;
    }

    public void Store(Uri url, RobotsVerdict verdict)
    {
        if (verdict.Status != RobotsStatus.DisallowAll)
        {
            _entries[Origin(url)] = (verdict, timeProvider.GetUtcNow() + duration);
        }
        if (_entries.Count > 10_000)
        {
            foreach (var stale in _entries.Where(e => e.Value.Expires <= timeProvider.GetUtcNow()).Select(e => e.Key).ToList())
            {
                _entries.TryRemove(stale, out _);
            }
        }
    }
}
