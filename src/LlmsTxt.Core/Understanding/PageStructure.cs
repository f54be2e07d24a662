namespace LlmsTxt.Core.Understanding;

/// <summary>One entry of a navigation tree: a link (or a label-only group such as a caption) and what it holds.</summary>
/// <param name="Url">The linked page; null for a group label with no page of its own ("Getting started" caption).</param>
public sealed record NavNode(Uri? Url, string Label, IReadOnlyList<NavNode> Children);

/// <summary>A nested list of links read from a page: a table of contents, a sidebar, a menu.</summary>
/// <param name="InMainContent">True for a table of contents in the page body (a chapter's own TOC); false for nav/sidebars.</param>
public sealed record NavTree(IReadOnlyList<NavNode> Roots, bool InMainContent, int LinkCount);

/// <summary>
/// What a page says about the site's structure, read in the same parse as its text: navigation trees, breadcrumb
/// trail, <c>&lt;link rel&gt;</c> relations, and whether the page is a utility page (index, search, listing).
/// </summary>
public sealed record PageStructure
{
    public static readonly PageStructure Empty = new();

    /// <summary>Nested link lists in document order.</summary>
    public IReadOnlyList<NavTree> Trees { get; init; } = [];

    /// <summary>Links of the start page's body outside lists, in order (a home page of link cards or paragraphs).</summary>
    public IReadOnlyList<NavNode> BodyLinks { get; init; } = [];

    /// <summary>Breadcrumb ancestors, outermost first (markup or schema.org BreadcrumbList), without the page itself.</summary>
    public IReadOnlyList<Uri> Breadcrumbs { get; init; } = [];

    /// <summary>rel=up|prev|next|contents|index|search|start → target, from &lt;link&gt; and &lt;a rel&gt;.</summary>
    public IReadOnlyDictionary<string, Uri> Relations { get; init; } = new Dictionary<string, Uri>();

    /// <summary>Why the page is a utility page (see <see cref="UtilityRules"/>), or null for a content page.</summary>
    public string? UtilityReason { get; init; }

    /// <summary>The pages an alphabetical index's letter bar leads to (genindex-A, genindex-B …): the index's own parts.</summary>
    public IReadOnlyList<Uri> IndexLetterPages { get; init; } = [];

    /// <summary>True when most of the main content's text is link text (an index, a listing, a hub of links).</summary>
    public bool MostlyLinks { get; init; }

    /// <summary>A hub page's body is its table of contents: its children's labels describe it.</summary>
    public string ChildrenSummary { get; init; } = "";
}
