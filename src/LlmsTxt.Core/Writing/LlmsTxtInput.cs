using LlmsTxt.Core.Extraction;

namespace LlmsTxt.Core.Writing;

/// <summary>
/// Everything the writers need. The output is a pure function of this input: the order of <see cref="Pages"/>
/// doesn't matter; order comes from the start page's navigation, <see cref="SitemapOrder"/> and fixed rules.
/// </summary>
public sealed record LlmsTxtInput
{
    /// <summary>The URL the user asked for; the page with this URL (or canonical) is the start page.</summary>
    public required Uri StartUrl { get; init; }

    /// <summary>The extracted pages (robots-disallowed pages must not be passed; noindex pages are dropped here).</summary>
    public required IReadOnlyList<Page> Pages { get; init; }

    /// <summary>Page URLs in the order the sitemap lists them; a tie-breaker after the start page's navigation.</summary>
    public IReadOnlyList<Uri> SitemapOrder { get; init; } = [];

    /// <summary>Page URL → its Markdown twin (page.md) that answered 200 with a text type; the twin is linked.</summary>
    public IReadOnlyDictionary<Uri, Uri> MarkdownTwins { get; init; } = new Dictionary<Uri, Uri>();

    /// <summary>Maximum characters of a link note (100–2000, default 500).</summary>
    public int DescLength { get; init; } = Generation.CrawlLimits.Contract.DescLength.Default;

    /// <summary>
    /// The page budget: when more pages were crawled (the crawler keeps a reserve for pages it must drop), the
    /// first this many in the site's outline order are listed. Null lists every page.
    /// </summary>
    public int? MaxPages { get; init; }

    /// <summary>Overrides the site name (H1) when set.</summary>
    public string? SiteName { get; init; }
}

/// <summary>The llms.txt text and what went into it, for logs and the caller's counters.</summary>
public sealed record LlmsTxtResult
{
    public required string Text { get; init; }
    public required string SiteName { get; init; }
    public required string Summary { get; init; }
    /// <summary>Pages listed as links (Optional included).</summary>
    public int ListedPages { get; init; }
    /// <summary>Pages listed under <c>## Optional</c>.</summary>
    public int OptionalPages { get; init; }
    /// <summary>Section names in file order (Optional last when present).</summary>
    public IReadOnlyList<string> Sections { get; init; } = [];
    /// <summary>Pages left out because they are another language's version of a listed page.</summary>
    public int LanguageDuplicatesDropped { get; init; }
    /// <summary>Pages merged into another because they share a URL after canonical/slash/scheme normalisation.</summary>
    public int DuplicatesDropped { get; init; }
    /// <summary>Pages left out because of <c>noindex</c>.</summary>
    public int NoIndexDropped { get; init; }
}
