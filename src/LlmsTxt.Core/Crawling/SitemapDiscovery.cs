using Microsoft.Extensions.Logging;

namespace LlmsTxt.Core.Crawling;

/// <summary>
/// How a site's sitemaps are found: the <c>Sitemap:</c> lines of robots.txt when it has any, else
/// <c>/sitemap.xml</c>, then <c>/sitemap_index.xml</c> (the first that answers with a sitemap wins). Also the
/// spacing rule for a host once its robots.txt is known. Shared by the crawler and the scheduler's skip check,
/// so both fetch the same documents with the same options (user agent, delays, timeouts, address guard).
/// </summary>
public sealed class SitemapDiscovery(PageFetcher fetcher, CrawlOptions options, ILogger logger)
{
    private static readonly string[] Guesses = ["sitemap.xml", "sitemap_index.xml"];

    /// <summary>
    /// Spacing between request starts to a host: robots.txt <c>Crawl-delay</c>, raised to <c>MinCrawlDelay</c>,
    /// capped at <c>MaxCrawlDelay</c> (a site asking for an hour between pages would never finish).
    /// </summary>
    public static TimeSpan CrawlDelay(RobotsTxt rules, CrawlOptions options)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(options);
        var delay = rules.CrawlDelay(options.RobotsProductToken) ?? TimeSpan.Zero;
        delay = delay < options.MinCrawlDelay ? options.MinCrawlDelay : delay;
        return delay > options.MaxCrawlDelay ? options.MaxCrawlDelay : delay;
    }

    /// <summary>The http(s) sitemaps robots.txt declares, resolved against <paramref name="origin"/>.</summary>
    public static IReadOnlyList<Uri> Declared(Uri origin, RobotsTxt rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return rules.Sitemaps
            .Select(s => Uri.TryCreate(origin, s, out var u) ? u : null)
            .OfType<Uri>()
            .Where(u => u.Scheme == Uri.UriSchemeHttp || u.Scheme == Uri.UriSchemeHttps)
            .ToList();
    }

    /// <summary>Reads the site's sitemaps (see the class summary); an empty set when it has none.</summary>
    /// <param name="origin">The site's origin, ending in "/".</param>
    /// <param name="rules">The origin's robots.txt (allow-all when it has none).</param>
    /// <param name="keep">Maps an entry to the URL to keep, or null to drop it.</param>
    public async Task<SitemapSet> DiscoverAsync(Uri origin, RobotsTxt rules, Func<Uri, Uri?> keep, int maxEntries,
        Action<CrawlEvent>? report, CancellationToken cancellationToken)
    {
        var reader = new SitemapReader(fetcher, options, logger);
        var declared = Declared(origin, rules);
        if (declared.Count > 0)
        {
            return await reader.ReadAsync(declared, keep, maxEntries, quietIfMissing: false, report, cancellationToken).ConfigureAwait(false);
        }
        foreach (var guess in Guesses)
        {
            var set = await reader.ReadAsync([new Uri(origin, guess)], keep, maxEntries, quietIfMissing: true, report, cancellationToken).ConfigureAwait(false);
            if (set.Documents.Count > 0)
            {
                return set;
            }
        }
        return SitemapSet.Empty;
    }
}
