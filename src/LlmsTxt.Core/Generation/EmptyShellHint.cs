using System.Globalization;
using LlmsTxt.Core.Crawling;

namespace LlmsTxt.Core.Generation;

/// <summary>
/// Named rule: a crawl without rendering in which at least half the listed pages had fewer words than the
/// rendering threshold read a JavaScript app's empty shells; the user is told, and told which option fixes it.
/// Why half: one empty page (a redirect stub, a search page) is normal; most pages empty is a script-built site.
/// </summary>
public static class EmptyShellHint
{
    private const string Remedy = "Turn on JavaScript rendering to read them: renderJs: true in the API request, --render-js on the command line, " +
        "or the web page's \"Render JavaScript-only pages in a browser\" checkbox.";

    /// <summary>Null when the pages had text, else the hint for the log.</summary>
    public static string? For(CrawlResult crawl, int wordThreshold)
    {
        ArgumentNullException.ThrowIfNull(crawl);
        var total = crawl.Pages.Count;
        var empty = crawl.Pages.Count(p => p.Page.WordCount < wordThreshold);
        if (total == 0 || empty * 2 < total) return null;
        return string.Create(CultureInfo.InvariantCulture, $"{empty} of {total} pages had almost no text without JavaScript: the site probably draws its pages with scripts. {Remedy}");
    }
}
