using LlmsTxt.Core.Extraction;

namespace LlmsTxt.Core.Writing;

/// <summary>One link line of the file: the page, the URL to link (Markdown twin or page), title and note.</summary>
/// <param name="PageUrl">The page's own URL as listed (canonical when on the same site), even when a twin is linked.</param>
public sealed record PlannedPage(Page Page, Uri Url, string Title, string Note, Uri PageUrl);

/// <summary>An H2 section with its pages in order.</summary>
public sealed record PlannedSection(string Name, IReadOnlyList<PlannedPage> Pages);

/// <summary>
/// The complete, ordered content of an llms.txt: header texts and sections (Optional last). Both writers render
/// the same plan, so llms.txt and llms-full.txt agree.
/// </summary>
public sealed record SitePlan
{
    public required string SiteName { get; init; }
    public required string Summary { get; init; }
    public required string About { get; init; }
    public required IReadOnlyList<PlannedSection> Sections { get; init; }
    public int LanguageDuplicatesDropped { get; init; }
    public int DuplicatesDropped { get; init; }
    public int NoIndexDropped { get; init; }
    /// <summary>For every crawled page: its section and placement, or why it was left out (for --explain and debug logs).</summary>
    public IReadOnlyList<Planning.PageExplanation> Explanations { get; init; } = [];

    public int ListedPages => Sections.Sum(s => s.Pages.Count);
}
