using LlmsTxt.Core.Crawling;
using LlmsTxt.Core.Writing;

namespace LlmsTxt.Core.Generation;

/// <summary>
/// The one vocabulary for pages of the site that are not in the file, shared by the socket's <c>done</c>,
/// the web page and the CLI. Links the crawl never followed (other sites, non-HTML files, traps) are not
/// pages of the site and are not counted here.
/// </summary>
public static class LeftOutReasons
{
    public const string Duplicate = "duplicate";
    public const string OtherLanguage = "otherLanguage";
    public const string Robots = "robots";
    public const string NoIndex = "noindex";
    public const string OverBudget = "overBudget";

    internal static IReadOnlyDictionary<string, int> Count(CrawlResult crawl, LlmsTxtResult file)
    {
        var skipped = crawl.Stats.Skipped;
        int Skips(SkipReason reason) => skipped.TryGetValue(reason, out var n) ? n : 0;
        var crawlDuplicates = Skips(SkipReason.Duplicate);
        var counts = new Dictionary<string, int>
        {
            [Duplicate] = crawlDuplicates + file.DuplicatesDropped,
            [OtherLanguage] = file.LanguageDuplicatesDropped,
            [Robots] = Skips(SkipReason.RobotsDisallowed),
            [NoIndex] = Skips(SkipReason.NoIndex) + file.NoIndexDropped,
            // Read and usable, but past maxPages in the crawl order (fetched ahead by concurrent requests).
            [OverBudget] = Math.Max(0, crawl.Stats.Fetched - crawlDuplicates - crawl.Pages.Count),
        };
        return counts.Where(c => c.Value > 0).ToDictionary(c => c.Key, c => c.Value);
    }
}
