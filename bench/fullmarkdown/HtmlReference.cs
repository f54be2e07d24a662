using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace LlmsTxt.Bench.FullMarkdown;

/// <summary>
/// What a page's HTML holds, counted independently of the product: data tables (every table except the DocBook
/// navheader/navfooter bars and tables nested in tables), every &lt;pre&gt; text, and content links with a
/// fragment (outside sidebars, related bars, navigation bars and in-page tables of contents).
/// </summary>
internal sealed record HtmlReference(List<List<string>> DataTables, List<string> CodeBlocks, int FragmentLinks)
{
    private static readonly string[] NavClasses = ["navheader", "navfooter", "sphinxsidebar", "related", "footer", "toc"];

    public static HtmlReference Read(byte[] html, Uri url)
    {
        var document = new HtmlParser().ParseDocument(System.Text.Encoding.UTF8.GetString(html));
        var tables = document.QuerySelectorAll("table")
            .Where(t => !InNavigation(t) && t.ParentElement?.Closest("table") is null)
            .Select(t => t.QuerySelectorAll("td, th").Select(c => Text.Normalize(c.TextContent)).Where(c => c.Length > 0).ToList())
            .ToList();
        var code = document.QuerySelectorAll("pre").Select(p => p.TextContent.Replace("\r\n", "\n").Trim('\n')).Where(c => c.Trim().Length > 0).ToList();
        var fragments = document.Body?.QuerySelectorAll("a[href*='#']").Count(a =>
            !InNavigation(a) && a.GetAttribute("href")!.Split('#', 2)[1].Length > 0 && a.TextContent.Any(char.IsLetterOrDigit)) ?? 0;
        return new HtmlReference(tables, code, fragments);
    }

    private static bool InNavigation(IElement element)
    {
        for (var e = element; e is not null; e = e.ParentElement)
        {
            if (e.LocalName is "nav" or "header" or "footer" || e.GetAttribute("role") == "navigation"
                || NavClasses.Any(c => e.ClassList.Contains(c)))
            {
                return true;
            }
        }
        return false;
    }
}
