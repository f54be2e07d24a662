using LlmsTxt.Core.Extraction;

namespace LlmsTxt.Core.Crawling;

/// <summary>What to crawl. <see cref="MaxPages"/> is the number of pages in the result (1-1000).</summary>
/// <param name="RenderJs">Allow rendering pages whose static HTML has no meaningful content (needs a renderer).</param>
/// <param name="Extraction">How pages are extracted (description length, Markdown for llms-full.txt).</param>
/// <param name="ReservePages">Pages fetched beyond <see cref="MaxPages"/> so the file can still list MaxPages after it
/// leaves out utility pages and duplicates, and can choose them in the site's outline order.</param>
public sealed record CrawlRequest(Uri StartUrl, int MaxPages = 50, bool RenderJs = false, ExtractionOptions? Extraction = null, int ReservePages = 0);

/// <summary>Why a URL was not fetched or not listed.</summary>
public enum SkipReason
{
    OutOfScope,
    RobotsDisallowed,
    NotHtml,
    ExcludedPath,
    UrlTrap,
    TooDeep,
    NoIndex,
    Duplicate,
    OffSiteRedirect,
    TooManyRedirects,
    RefusedAddress,
    BadUrl,
}

/// <summary>A verdict on one URL: allowed, or skipped with a reason and a human explanation.</summary>
public readonly record struct CrawlDecision(bool Allowed, SkipReason Reason, string Detail)
{
    public static CrawlDecision Allow { get; } = new(true, default, "");
    public static CrawlDecision Skip(SkipReason reason, string detail) => new(false, reason, detail);
}

/// <summary>One listed page: its parse, where it ended up, and what the sitemap said about it.</summary>
/// <param name="Url">The final URL after redirects; this is the URL to list.</param>
/// <param name="MarkdownTwin">A <c>.md</c> version of the page that answered 200 with a text type, if any.</param>
/// <param name="LastModified">The page's sitemap <c>lastmod</c>, if it had one.</param>
public sealed record CrawledPage(Page Page, Uri Url, int Status, Uri? MarkdownTwin, DateTimeOffset? LastModified, bool Rendered)
{
    private readonly CompactText? _twinText;

    /// <summary>The twin's Markdown, read whole when the page's Markdown is wanted (llms-full.txt uses it as the body);
    /// held packed like <see cref="Page.Markdown"/>.</summary>
    public string? MarkdownTwinText { get => _twinText?.ToString(); init => _twinText = value is null ? null : CompactText.Of(value); }

    /// <summary>Sets the twin's text as it is held, without unpacking it.</summary>
    internal CompactText? PackedTwinText { get => _twinText; init => _twinText = value; }
}

public sealed record CrawlStats(
    int Fetched,
    int Failed,
    IReadOnlyDictionary<SkipReason, int> Skipped,
    int Rendered,
    long Bytes,
    int Requests,
    double Seconds);

/// <summary>The outcome of a crawl; <see cref="Pages"/> is in the deterministic order described on <see cref="Crawler"/>.</summary>
/// <param name="SitemapUrls">Page URLs in the order the sitemaps listed them (after scope filtering).</param>
/// <param name="Sitemaps">The sitemap documents read, in order, each with the newest <c>lastmod</c> it holds.</param>
/// <param name="Error">Set when the crawl could not run at all (refused address, robots.txt forbids, start page unreachable).</param>
/// <param name="Cancelled">True when the caller cancelled or the crawl deadline passed; pages fetched so far are kept.</param>
public sealed record CrawlResult(
    Uri StartUrl,
    IReadOnlyList<CrawledPage> Pages,
    IReadOnlyList<Uri> SitemapUrls,
    IReadOnlyList<SitemapDocument> Sitemaps,
    CrawlStats Stats,
    string? Error,
    bool Cancelled);
