using System.Text;

namespace LlmsTxt.Core.Crawling;

/// <summary>
/// Reads an origin's robots.txt through a crawl's fetcher (so it is paced and guarded like every request) and says
/// what it means per RFC 9309: the one reading of robots.txt, for crawls (<see cref="RobotsRules"/>, which caches
/// and reports it) and for the scheduler's sitemap check.
/// </summary>
public static class RobotsReader
{
    /// <summary>The verdict for the origin of <paramref name="url"/>.</summary>
    /// <param name="report">Where the fetch reports its events (a crawl's tally), if anywhere.</param>
    public static async Task<RobotsVerdict> ReadAsync(PageFetcher fetcher, Uri url, CrawlOptions options, Action<CrawlEvent>? report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fetcher);
        ArgumentNullException.ThrowIfNull(options);
        var robotsUrl = new Uri(RobotsCache.Origin(url) + "/robots.txt");
        var result = await fetcher.FetchAsync(new FetchRequest(robotsUrl, options.MaxRobotsBytes) { Report = report }, cancellationToken).ConfigureAwait(false);
        return ToVerdict(robotsUrl, result);
    }

    private static RobotsVerdict ToVerdict(Uri robotsUrl, FetchResult result)
    {
        var none = RobotsTxt.AllowAll;
        return result.Outcome switch
        {
            FetchOutcome.Refused => new RobotsVerdict(robotsUrl, RobotsStatus.DisallowAll, none, result.Error ?? "refused", result.Error),
            FetchOutcome.Failed => new RobotsVerdict(robotsUrl, RobotsStatus.DisallowAll, none, $"could not be read ({result.Error})") { Failure = result.Failure },
            // RFC 9309 §2.3.1.2: after too many redirects robots.txt counts as unavailable, i.e. allow all.
            FetchOutcome.RedirectRefused => new RobotsVerdict(robotsUrl, RobotsStatus.AllowAll, none, result.Error ?? "redirects refused"),
            _ when result.Status is >= 200 and < 300 => new RobotsVerdict(robotsUrl, RobotsStatus.Rules, RobotsTxt.Parse(Encoding.UTF8.GetString(result.Body.Span)), "read"),
            _ when result.Status is 429 or >= 500 => new RobotsVerdict(robotsUrl, RobotsStatus.DisallowAll, none, $"answered HTTP {result.Status}"),
            _ => new RobotsVerdict(robotsUrl, RobotsStatus.AllowAll, none, $"answered HTTP {result.Status}"),
        };
    }
}
