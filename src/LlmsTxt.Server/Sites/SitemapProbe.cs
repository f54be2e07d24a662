using System.Text;
using LlmsTxt.Core.Crawling;

namespace LlmsTxt.Server.Sites;

/// <summary>What the sitemaps say about a site without fetching any page.</summary>
/// <param name="SitemapUrl">The sentinel: the sitemap document holding the newest <c>lastmod</c>, read directly next time.</param>
public sealed record SitemapProbeResult(Uri? SitemapUrl, DateTimeOffset? NewestLastModified);

/// <summary>
/// Reads only sitemaps (and robots.txt to find them) with the crawler's own SSRF-safe fetcher and
/// sitemap reader, so the scheduler can skip a site whose newest <c>lastmod</c> hasn't moved.
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

    /// <summary>Reads <paramref name="sentinel"/> when known, else discovers sitemaps as the crawler does (robots.txt, /sitemap.xml, /sitemap_index.xml).</summary>
    public async Task<SitemapProbeResult> ProbeAsync(Uri baseUrl, Uri? sentinel, CancellationToken cancellationToken = default)
    {
        var fetcher = new PageFetcher(_client, _options, new HostThrottle(_options.MaxConcurrencyPerHost, _time), _time, _logger);
        var reader = new SitemapReader(fetcher, _options, _logger);
        if (sentinel is not null)
        {
            var set = await reader.ReadAsync([sentinel], _ => null, 0, quietIfMissing: false, null, cancellationToken);
            if (set.Documents.Count > 0)
            {
                return new SitemapProbeResult(set.Sentinel ?? sentinel, set.NewestLastModified);
            }
        }

        var origin = new Uri(RobotsCache.Origin(baseUrl) + "/");
        foreach (var roots in await CandidatesAsync(fetcher, origin, cancellationToken))
        {
            var set = await reader.ReadAsync(roots, _ => null, 0, quietIfMissing: true, null, cancellationToken);
            if (set.Documents.Count > 0)
            {
                return new SitemapProbeResult(set.Sentinel ?? set.Documents[0], set.NewestLastModified);
            }
        }

        return new SitemapProbeResult(null, null);
    }

    private async Task<List<IReadOnlyList<Uri>>> CandidatesAsync(PageFetcher fetcher, Uri origin, CancellationToken cancellationToken)
    {
        var robotsUrl = new Uri(origin, "robots.txt");
        var robots = await fetcher.FetchAsync(robotsUrl, (_, _) => ValueTask.FromResult(CrawlDecision.Allow), _ => true, _options.MaxRobotsBytes, null, cancellationToken);
        var declared = robots.IsSuccess
            ? RobotsTxt.Parse(Encoding.UTF8.GetString(robots.Body.Span)).Sitemaps
                .Select(s => Uri.TryCreate(origin, s, out var u) ? u : null)
                .OfType<Uri>()
                .Where(u => u.Scheme == Uri.UriSchemeHttp || u.Scheme == Uri.UriSchemeHttps)
                .ToList()
            : [];
        return declared.Count > 0
            ? [declared]
            : [[new Uri(origin, "sitemap.xml")], [new Uri(origin, "sitemap_index.xml")]];
    }

    public void Dispose() => _client.Dispose();
}
