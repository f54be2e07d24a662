using System.Globalization;
using System.Text;
using LlmsTxt.Core.Extraction;

namespace LlmsTxt.Core.Writing;

/// <summary>The llms-full.txt text and its size.</summary>
/// <param name="ApproximateTokens">Characters / 4, a common rough estimate for English text and Markdown.</param>
/// <param name="SkippedPages">Pages listed at the end instead of inlined because the size cap was reached.</param>
/// <param name="ShortenedPages">Inlined pages cut to their fair share of the cap (see <see cref="FairShare"/>).</param>
public sealed record LlmsFullResult(string Text, int ApproximateTokens, int InlinedPages, int SkippedPages, IReadOnlyList<Uri> SkippedUrls, int ShortenedPages = 0);

/// <summary>
/// Writes llms-full.txt: the llms.txt header, then per page in llms.txt order <c>## Title</c>, its URL and its
/// Markdown (the page's Markdown twin when it has one), its headings fitted below the H2 by <see cref="PageHeadings"/>
/// so the page titles stay the outline. A cap in characters stops inlining; later pages are listed.
/// </summary>
public static class LlmsFullWriter
{
    public const string NotInlinedSection = "Pages not included";

    /// <param name="maxChars">Maximum characters (UTF-16 code units) of the whole file, null for no cap. Pages that
    /// don't fit are listed as links at the end; only a header longer than the cap itself can exceed it.</param>
    public static LlmsFullResult Write(LlmsTxtInput input, int? maxChars = null) => Write(SectionPlanner.Plan(input), maxChars);

    public static LlmsFullResult Write(SitePlan plan, int? maxChars = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (maxChars is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxChars), maxChars, "The llms-full.txt size cap must be at least 1 character.");
        }
        var pages = plan.Sections.SelectMany(s => s.Pages).ToList();
        // Each page's block is built once and held packed: the pages are unpacked one at a time, so the writer
        // never holds more than the file it writes plus one page.
        var blocks = pages.Select(Block).ToList();
        var header = new StringBuilder();
        LlmsTxtWriter.AppendHeader(header, plan);
        // Inline greedily in file order while the header, the inlined pages and the list of every page not (yet)
        // inlined still fit under the cap; the list of skipped pages is therefore always within the cap too.
        var linkLines = pages.Select(p => LinkLine(p).Length).ToList();
        long tail = linkLines.Sum() + NotInlinedSection.Length + 400;
        long cap = maxChars ?? long.MaxValue;
        var share = maxChars is null ? null : FairShare.Share([.. blocks.Select(b => b.Length)], cap - header.Length - tail - ShortenedNote(0).Length);
        var shortened = 0;
        if (share is { } fair)
        {
            shortened = blocks.Count(b => b.Length > fair);
            blocks = [.. blocks.Select(b => b.Length > fair ? CompactText.Of(FairShare.Cut(b.ToString(), fair)) : b)];
            header.Append('\n').Append(ShortenedNote(fair)).Append('\n');
        }
        var inlined = new List<int>();
        var skipped = new List<int>();
        long used = header.Length;
        for (var i = 0; i < blocks.Count; i++)
        {
            if (used + blocks[i].Length + tail - linkLines[i] <= cap)
            {
                used += blocks[i].Length;
                tail -= linkLines[i];
                inlined.Add(i);
            }
            else
            {
                skipped.Add(i);
            }
        }
        if (skipped.Count > 0)
        {
            header.Append('\n').Append(string.Create(CultureInfo.InvariantCulture,
                $"The size cap allowed {inlined.Count} of {pages.Count} pages; the others are listed under \"{NotInlinedSection}\" at the end.")).Append('\n');
        }
        var end = new StringBuilder();
        if (skipped.Count > 0)
        {
            end.Append("\n## ").Append(NotInlinedSection).Append("\n\n");
            foreach (var i in skipped)
            {
                LlmsTxtWriter.AppendLink(end, pages[i], withNote: false);
            }
        }
        var text = Concat(header.ToString(), [.. inlined.Select(i => blocks[i])], end.ToString());
        return new LlmsFullResult(text, text.Length / 4, inlined.Count, skipped.Count, skipped.Select(i => pages[i].Url).ToList(), shortened);
    }

    /// <summary>The file in one string of its exact length, each page unpacked straight into it (no builder to copy from).</summary>
    private static string Concat(string head, List<CompactText> pages, string end)
    {
        var length = head.Length + end.Length + pages.Sum(p => (long)p.Length);
        return string.Create(checked((int)length), (head, pages, end), static (span, parts) =>
        {
            parts.head.CopyTo(span);
            var at = parts.head.Length;
            foreach (var page in parts.pages)
            {
                page.CopyTo(span[at..]);
                at += page.Length;
            }
            parts.end.CopyTo(span[at..]);
        });
    }

    private static string ShortenedNote(int share) => string.Create(CultureInfo.InvariantCulture,
        $"To fit the size cap, pages longer than {share:N0} characters are shortened at a paragraph break; each says so where it is cut.");

    private static string LinkLine(PlannedPage page)
    {
        var sb = new StringBuilder();
        LlmsTxtWriter.AppendLink(sb, page, withNote: false);
        return sb.ToString();
    }

    /// <summary>The page's block, packed straight from its builder (a long page is not copied once more as a string).</summary>
    private static CompactText Block(PlannedPage page)
    {
        var sb = new StringBuilder();
        sb.Append("\n## ").Append(page.Title.Replace('\n', ' ')).Append("\n\n");
        sb.Append("Source: ").Append(MarkdownText.EscapeUrl(page.PageUrl)).Append("\n\n");
        // Rule: a contents or hub page's body is its list of pages, which this file already is: its note (its
        // children's names) stands in for it, so a site's complete table of contents doesn't eat the cap.
        var hasMarkdown = page.Page.PackedMarkdown.Length > 0;
        var tableOfContentsOnly = hasMarkdown && EntryText.IsTableOfContentsOnly(page.Page, page.Title);
        var note = tableOfContentsOnly && page.Note.Length == 0 ? TextTools.Clean(page.Page.Structure.ChildrenSummary) : page.Note;
        var start = sb.Length;
        if (hasMarkdown && !tableOfContentsOnly)
        {
            PageHeadings.Append(sb, page.Page.Markdown, page.Title);
        }
        else if (note.Length > 0)
        {
            sb.Append(MarkdownText.EscapeLineStart(note)).Append('\n');
        }
        if (sb.Length > start && sb[^1] != '\n')
        {
            sb.Append('\n');
        }
        return CompactText.Of(sb);
    }
}
