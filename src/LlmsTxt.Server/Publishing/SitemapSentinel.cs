using LlmsTxt.Core.Crawling;

namespace LlmsTxt.Server.Publishing;

/// <summary>
/// The scheduler's view of a site's sitemaps, derived from what a crawl or a probe read: the newest <c>lastmod</c>
/// and the sitemap document holding it (the sentinel: the next skip check re-reads only that document).
/// </summary>
public sealed record SitemapSentinel(Uri? Url, DateTimeOffset? NewestLastModified)
{
    /// <summary>The first document holding the newest <c>lastmod</c>; neither when no document had one.</summary>
    public static SitemapSentinel Of(IEnumerable<SitemapDocument> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        SitemapDocument? newest = null;
        foreach (var document in documents)
        {
            if (document.NewestLastModified is { } date && (newest is null || date > newest.NewestLastModified))
            {
                newest = document;
            }
        }
        return new SitemapSentinel(newest?.Url, newest?.NewestLastModified);
    }
}
