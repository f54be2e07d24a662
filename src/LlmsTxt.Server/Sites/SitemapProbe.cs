using LlmsTxt.Core.Crawling;
using LlmsTxt.Server.Publishing;

namespace LlmsTxt.Server.Sites;

/// <summary>What the sitemaps say about a site without fetching any page.</summary>
/// <param name="SitemapUrl">The sentinel: the sitemap document holding the newest <c>lastmod</c>, read directly next time.</param>
public sealed record SitemapProbeResult(Uri? SitemapUrl, DateTimeOffset? NewestLastModified);

/// <summary>
/// Reads only sitemaps (and robots.txt to find them) with the crawler's own SSRF-safe fetcher, sitemap discovery
/// and the server's crawl options (<c>CRAWL_USER_AGENT</c>, <c>CRAWL_MIN_DELAY</c>, timeouts, address guard), so the
/// scheduler can skip a site whose newest <c>lastmod</c> hasn't moved.
/// </summary>
public sealed class SitemapProbe : IDisposable
{
    private readonly CrawlOptions _options;
    private readonly HttpClient _client;
    private readonly TimeProvider _time;
    private readonly ILogger<SitemapProbe> _logger;

    public SitemapProbe(CrawlOptions options, TimeProvider timeProvider, ILogger<SitemapProbe> logger)
    {
        _options = options;
        _time = timeProvider;
        _logger = logger;
        _client = SafeHttpHandler.CreateClient(SafeHttpHandler.Create(options), options, disposeHandler: true);
    }

    /// <summary>Reads <paramref name="sentinel"/> when known, else discovers sitemaps as the crawler does (<see cref="SitemapDiscovery"/>).</summary>
    public async Task<SitemapProbeResult> ProbeAsync(Uri baseUrl, Uri? sentinel, CancellationToken cancellationToken = default)
    {
        // The process's host throttle, spaced like a crawl: CRAWL_MIN_DELAY (or the site's Crawl-delay) between requests,
        // shared with any crawl of the same site running now.
        var throttle = _time == TimeProvider.System ? HostThrottle.ForProcess(_options.MaxConcurrencyPerHost) : new HostThrottle(_options.MaxConcurrencyPerHost, _time);
        var fetcher = new PageFetcher(_client, _options, throttle, _time, _logger);
        if (sentinel is not null)
        {
            var set = await new SitemapReader(fetcher, _options, _logger).ReadAsync([sentinel], _ => null, 0, quietIfMissing: false, null, cancellationToken);
            if (set.Documents.Count > 0)
            {
                var read = SitemapSentinel.Of(set.Documents);
                return new SitemapProbeResult(read.Url ?? sentinel, read.NewestLastModified);
            }
        }

        var origin = new Uri(RobotsCache.Origin(baseUrl) + "/");
        // Only its Sitemap lines and Crawl-delay matter here; an unreadable or refusing robots.txt has neither.
        var rules = (await RobotsReader.ReadAsync(fetcher, origin, _options, report: null, cancellationToken)).Rules;
        fetcher.SetCrawlDelay(origin, SitemapDiscovery.CrawlDelay(rules, _options));
        var found = await new SitemapDiscovery(fetcher, _options, _logger).DiscoverAsync(origin, rules, _ => null, 0, null, cancellationToken);
        var seen = SitemapSentinel.Of(found.Documents);
        return found.Documents.Count > 0
            ? new SitemapProbeResult(seen.Url ?? found.Documents[0].Url, seen.NewestLastModified)
            : new SitemapProbeResult(null, null);
    }

    public void Dispose() => _client.Dispose();
}
