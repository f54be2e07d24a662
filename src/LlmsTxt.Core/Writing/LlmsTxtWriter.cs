using System.Text;
using LlmsTxt.Core.Extraction;

namespace LlmsTxt.Core.Writing;

/// <summary>
/// Writes llms.txt (llmstxt.org): <c># Site</c>, a one-line <c>&gt; summary</c>, a paragraph about the site, then
/// <c>## Section</c>s of <c>- [Title](url): note</c> lines, <c>## Optional</c> last. LF line endings.
/// </summary>
public static class LlmsTxtWriter
{
    public const string OptionalSection = "Optional";

    public static LlmsTxtResult Write(LlmsTxtInput input) => Write(SectionPlanner.Plan(input));

    public static LlmsTxtResult Write(SitePlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var sb = new StringBuilder();
        AppendHeader(sb, plan);
        foreach (var section in plan.Sections.Where(s => s.Pages.Count > 0))
        {
            sb.Append("\n## ").Append(section.Name).Append("\n\n");
            foreach (var page in section.Pages)
            {
                AppendLink(sb, page, withNote: true);
            }
        }
        return new LlmsTxtResult
        {
            Text = sb.ToString(),
            SiteName = plan.SiteName,
            Summary = plan.Summary,
            ListedPages = plan.ListedPages,
            OptionalPages = plan.Sections.Where(s => s.Name == OptionalSection).Sum(s => s.Pages.Count),
            Sections = plan.Sections.Where(s => s.Pages.Count > 0).Select(s => s.Name).ToList(),
            LanguageDuplicatesDropped = plan.LanguageDuplicatesDropped,
            DuplicatesDropped = plan.DuplicatesDropped,
            NoIndexDropped = plan.NoIndexDropped,
        };
    }

    /// <summary>The header text alone: what llms.txt and llms-full.txt both begin with.</summary>
    public static string Header(SitePlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var sb = new StringBuilder();
        AppendHeader(sb, plan);
        return sb.ToString();
    }

    /// <summary>The H1, blockquote and paragraph shared by llms.txt and llms-full.txt.</summary>
    internal static void AppendHeader(StringBuilder sb, SitePlan plan)
    {
        sb.Append("# ").Append(plan.SiteName).Append("\n\n");
        sb.Append("> ").Append(plan.Summary).Append("\n\n");
        sb.Append(plan.About).Append('\n');
    }

    /// <summary>"- [Title](url): note" with the title escaped and the URL percent-encoded where Markdown needs it.</summary>
    internal static void AppendLink(StringBuilder sb, PlannedPage page, bool withNote)
    {
        sb.Append("- [").Append(MarkdownText.EscapeLinkText(page.Title)).Append("](")
            .Append(MarkdownText.EscapeUrl(page.Url)).Append(')');
        if (withNote && page.Note.Length > 0)
        {
            sb.Append(": ").Append(page.Note);
        }
        sb.Append('\n');
    }
}
