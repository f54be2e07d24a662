using System.Security.Cryptography;
using System.Text;
using LlmsTxt.Core.Generation;

namespace LlmsTxt.Server.Publishing;

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

/// <summary>The hash the registry keeps: of llms.txt, and of llms-full.txt too when the site hosts one.</summary>
public static class SiteContent
{
    public static string Hash(GenerationResult result)
    {
        if (result.LlmsFullTxt is null)
        {
            return result.ContentHash;
        }

        // Like ContentHash, the full file's hash is of the generated header, so a new LLM wording is not a change.
        var full = result.FullContentHash ?? Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(result.LlmsFullTxt)));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(result.ContentHash + "\n" + full)));
    }
}
