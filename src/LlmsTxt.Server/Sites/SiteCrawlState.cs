using LlmsTxt.Core.Generation;

namespace LlmsTxt.Server.Sites;

/// <summary>
/// What a crawl tells the registry row about a site: the hash a later crawl is compared with, and the sitemap sentinel
/// (the newest <c>lastmod</c> and the document holding it) the skip check re-reads. Derived here only, so enrolment
/// and a scheduled recrawl record the same state for the same crawl.
/// </summary>
public sealed record SiteCrawlState(string Hash, SitemapSentinel Sitemaps)
{
    public static SiteCrawlState Of(GenerationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new SiteCrawlState(SiteContent.Hash(result), SitemapSentinel.Of(result.Sitemaps));
    }

    /// <summary>The sentinel sitemap to store: the one just seen, else the one already known (an index may move it).</summary>
    public string? SitemapUrlOr(string? known) => Sitemaps.Url?.AbsoluteUri ?? known;
}
