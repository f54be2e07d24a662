namespace LlmsTxt.Core.Extraction;

/// <summary>A link found in a page, in document order.</summary>
/// <param name="InNavigation">True when the link sits in nav, a sidebar or a table of contents: these give the file its order.</param>
/// <param name="NavGroup">The heading or parent list item the link sits under, if any (for links in the page body:
/// the body heading or list item, so a home page that is a table of contents also gives groups).</param>
public sealed record PageLink(Uri Url, string Text, bool InNavigation, string? NavGroup);

/// <summary>A language alternate declared with <c>&lt;link rel="alternate" hreflang&gt;</c>.</summary>
public sealed record HreflangAlternate(string Language, Uri Url);

/// <summary>Everything the pipeline needs from one HTML page, taken from a single parse.</summary>
public sealed record Page
{
    public required Uri Url { get; init; }
    public string Title { get; init; } = "";
    /// <summary>The whole <c>&lt;title&gt;</c> text, whitespace-cleaned but with any site name kept.</summary>
    public string HtmlTitle { get; init; } = "";
    public string Description { get; init; } = "";
    /// <summary>Where <see cref="Description"/> came from ("its description meta tag", "its first paragraph…"), for --explain.</summary>
    public string DescriptionSource { get; init; } = "";
    public string Excerpt { get; init; } = "";
    private readonly CompactText _markdown = CompactText.Empty;

    /// <summary>Main content as Markdown, for llms-full.txt. Held compressed (<see cref="CompactText"/>): each read unpacks it.</summary>
    public string Markdown { get => _markdown.ToString(); init => _markdown = CompactText.Of(value); }

    /// <summary>The Markdown as it is held, for its length and for ordering without unpacking it.</summary>
    public CompactText PackedMarkdown { get => _markdown; internal init => _markdown = value ?? CompactText.Empty; }

    /// <summary>True when the page's Markdown reached <see cref="ExtractionOptions.MaxMarkdownChars"/> and was cut (it ends with a note saying so).</summary>
    public bool MarkdownShortened { get; init; }
    public string? Language { get; init; }
    public Uri? CanonicalUrl { get; init; }
    public IReadOnlyList<HreflangAlternate> Alternates { get; init; } = [];
    public bool NoIndex { get; init; }
    public bool NoFollow { get; init; }
    public string? SiteName { get; init; }
    public IReadOnlyList<PageLink> Links { get; init; } = [];
    /// <summary>True when the page was parsed only up to its 60,000th element or 20,000th anchor (see <see cref="PageCut"/>).</summary>
    public bool ElementsCut { get; init; }
    /// <summary>Anchors beyond the <see cref="LinkCollector.MaxLinks"/> distinct links kept, and after a <see cref="PageCut"/>: counted, not kept.</summary>
    public int LinksDropped { get; init; }
    /// <summary>Words of visible main text; near zero means a JS app shell that may need rendering.</summary>
    public int WordCount { get; init; }
    /// <summary>The page's navigation trees, breadcrumbs, rel links and utility signals: what the site outline is built from.</summary>
    public Understanding.PageStructure Structure { get; init; } = Understanding.PageStructure.Empty;
}
