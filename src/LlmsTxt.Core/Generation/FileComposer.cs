using System.Text;
using LlmsTxt.Core.Crawling;

namespace LlmsTxt.Core.Generation;

/// <summary>Writes and checks the files from a crawl. Temporary minimal writer until the Writing feature lands.</summary>
internal static class FileComposer
{
    public static string WriteLlmsTxt(CrawlResult crawl, GenerationRequest request)
    {
        var home = crawl.Pages[0].Page;
        var name = home.SiteName ?? home.Title;
        var builder = new StringBuilder();
        builder.Append("# ").Append(name).Append("\n\n> ").Append(home.Description).Append("\n\n").Append(home.Excerpt).Append("\n\n## Pages\n\n");
        foreach (var page in crawl.Pages)
            builder.Append("- [").Append(page.Page.Title).Append("](").Append(page.MarkdownTwin ?? page.Url).Append("): ").Append(page.Page.Description).Append('\n');
        _ = request;
        return builder.ToString();
    }

    public static string WriteFull(CrawlResult crawl, GenerationRequest request, CrawlEventRelay events)
    {
        _ = (request, events);
        return string.Join("\n\n", crawl.Pages.Select(p => $"## {p.Page.Title}\n\n{p.Page.Markdown}")) + "\n";
    }

    public static ValidationVerdict Validate(string llmsTxt) =>
        new(llmsTxt.StartsWith("# ", StringComparison.Ordinal), llmsTxt.StartsWith("# ", StringComparison.Ordinal) ? [] : [new ValidationFinding(1, true, "The file must start with a '# ' H1 title.")]);
}
