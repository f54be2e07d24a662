using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace LlmsTxt.Core.Crawling;

/// <summary>
/// robots.txt per origin for one crawl: cached (across crawls by <see cref="RobotsCache"/>), loaded once, status
/// handled per RFC 9309; its <c>Crawl-delay</c> paces the crawl's fetcher for that host.
/// </summary>
internal sealed class RobotsRules(CrawlOptions options, PageFetcher fetcher, RobotsCache robotsCache, CrawlTally tally, ILogger logger)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<RobotsVerdict>>> _verdicts = new(StringComparer.Ordinal);

    public async ValueTask<bool> IsAllowedAsync(Uri url, CancellationToken cancellationToken)
    {
        var verdict = await ForAsync(url, cancellationToken).ConfigureAwait(false);
        return verdict.IsAllowed(options.RobotsProductToken, url);
    }

    /// <summary>The verdict for the origin of <paramref name="url"/>, loaded by the first caller and shared.</summary>
    public async Task<RobotsVerdict> ForAsync(Uri url, CancellationToken cancellationToken)
    {
        var origin = RobotsCache.Origin(url);
        var load = _verdicts.GetOrAdd(origin, _ => new Lazy<Task<RobotsVerdict>>(() => LoadAsync(url, cancellationToken)));
        try
        {
            return await load.Value.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The first caller's request was cancelled (its page no longer mattered): this caller loads it again.
            _verdicts.TryRemove(KeyValuePair.Create(origin, load));
            return await ForAsync(url, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<RobotsVerdict> LoadAsync(Uri url, CancellationToken cancellationToken)
    {
        if (!robotsCache.TryGet(url, out var verdict))
        {
            verdict = await RobotsReader.ReadAsync(fetcher, url, options, tally.Report, cancellationToken).ConfigureAwait(false);
            robotsCache.Store(url, verdict);
        }
        var delay = SitemapDiscovery.CrawlDelay(verdict.Rules, options);
        fetcher.SetCrawlDelay(url, delay);
        var count = verdict.Status == RobotsStatus.Rules ? verdict.Rules.RuleCount(options.RobotsProductToken) : 0;
        if (verdict.Failure is { Unreachable: true })
        {
            // The site is down or unreachable: the crawl's error says so; a robots.txt line would only mislead.
            logger.LogWarning("robots.txt {Url}: {Why}", verdict.RobotsUrl, verdict.Failure.Message);
            return verdict;
        }
        var robotsEvent = new RobotsEvent(verdict.RobotsUrl, verdict.Status, count, delay > TimeSpan.Zero ? delay : null, verdict.Detail);
        tally.Report(robotsEvent);
        if (verdict.Status == RobotsStatus.DisallowAll)
        {
            logger.LogWarning("{Message}", robotsEvent.Message);
        }
        else
        {
            logger.LogInformation("{Message}", robotsEvent.Message);
        }
        return verdict;
    }
}
