namespace LlmsTxt.Core.Generation;

/// <summary>One problem the validator found, with its 1-based line (0 when it concerns the whole file).</summary>
public sealed record ValidationFinding(int Line, bool IsError, string Message)
{
    public override string ToString() => Line > 0 ? $"line {Line}: {Message}" : Message;
}

/// <summary>The validator's verdict on a file.</summary>
public sealed record ValidationVerdict(bool IsValid, IReadOnlyList<ValidationFinding> Findings);

/// <summary>Everything one generation produced.</summary>
/// <param name="BaseUrl">The normalised start URL: the site's identity for storage keys and the registry.</param>
/// <param name="LlmsTxt">The llms.txt text (LF line endings).</param>
/// <param name="LlmsFullTxt">llms-full.txt when it was asked for.</param>
/// <param name="ContentHash">SHA-256 (lower-case hex) of the UTF-8 llms.txt as generated, before any LLM enhancement: the scheduler compares it to detect change, and a model rewording an unchanged site must not count as one.</param>
/// <param name="Partial">True when the crawl was stopped early (cancel or deadline) and the file lists only what was fetched.</param>
/// <param name="SitemapNewestLastModified">Newest sitemap lastmod seen, for the scheduler's skip check.</param>
/// <param name="Explanations">For every crawled page: its section and the rule that put it there, or why it was left out.</param>
/// <param name="SitemapSentinel">The sitemap document holding that newest lastmod: the scheduler re-reads only it to tell whether the site moved.</param>
public sealed record GenerationResult(
    Uri BaseUrl,
    string LlmsTxt,
    string? LlmsFullTxt,
    string ContentHash,
    GenerationStats Stats,
    bool Partial,
    ValidationVerdict Validation,
    DateTimeOffset? SitemapNewestLastModified,
    Uri? SitemapSentinel = null,
    IReadOnlyList<Planning.PageExplanation>? Explanations = null);

/// <summary>Figures for the summary line and the socket's <c>done</c> message.</summary>
public sealed record GenerationStats(int PagesListed, int PagesFetched, int Failed, int Skipped, int Rendered, TimeSpan Duration);

/// <summary>The site could not be turned into a file at all (start page unreachable, nothing allowed). The message is for people.</summary>
public sealed class GenerationFailedException(string message, Exception? inner = null) : Exception(message, inner);
