using System.Text;
using Microsoft.Extensions.Logging;

namespace LlmsTxt.Core.Crawling;

/// <summary>robots.txt per origin for one crawl: cached, loaded once, status handled per RFC 9309.</summary>
internal sealed partial class CrawlRun
{
    private async ValueTask<bool> IsRobotsAllowedAsync(Uri url)
    {
        var verdict = await RobotsForAsync(url).ConfigureAwait(false);
        return verdict.IsAllowed(_options.RobotsProductToken, url);
    }

    private Task<RobotsVerdict> RobotsForAsync(Uri url) =>
        _robots.GetOrAdd(RobotsCache.Origin(url), _ => new Lazy<Task<RobotsVerdict>>(() => LoadRobotsAsync(url))).Value;

    private async Task<RobotsVerdict> LoadRobotsAsync(Uri url)
    {
        if (!_robotsCache.TryGet(url, out var verdict))
        {
            var robotsUrl = new Uri(RobotsCache.Origin(url) + "/robots.txt");
            var result = await _fetcher.FetchAsync(new FetchRequest(robotsUrl, _options.MaxRobotsBytes) { Report = Report }, _token).ConfigureAwait(false);
            verdict = ToVerdict(robotsUrl, result);
            _robotsCache.Store(url, verdict);
        }
        var delay = SitemapDiscovery.CrawlDelay(verdict.Rules, _options);
        _fetcher.SetCrawlDelay(url.Host, delay);
        var count = verdict.Status == RobotsStatus.Rules ? verdict.Rules.RuleCount(_options.RobotsProductToken) : 0;
        if (verdict.Failure is { Unreachable: true })
        {
            // The site is down or unreachable: the crawl's error says so; a robots.txt line would only mislead.
            _logger.LogWarning("robots.txt {Url}: {Why}", verdict.RobotsUrl, verdict.Failure.Message);
            return verdict;
        }
        var robotsEvent = new RobotsEvent(verdict.RobotsUrl, verdict.Status, count, delay > TimeSpan.Zero ? delay : null, verdict.Detail);
        Report(robotsEvent);
        if (verdict.Status == RobotsStatus.DisallowAll)
        {
            _logger.LogWarning("{Message}", robotsEvent.Message);
        }
        else
        {
            _logger.LogInformation("{Message}", robotsEvent.Message);
        }
        return verdict;
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
