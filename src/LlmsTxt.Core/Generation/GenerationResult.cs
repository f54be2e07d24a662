using LlmsTxt.Core.Enhancement;

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
/// <param name="Sitemaps">The sitemap documents the crawl read, each with the newest <c>lastmod</c> it holds.</param>
/// <param name="Explanations">For every crawled page: its section and the rule that put it there, or why it was left out.</param>
/// <param name="Enhancement">What LLM enhancement did and cost, when it ran.</param>
/// <param name="EnhancementMemory">The descriptions to reuse on the next run of this site (when enhancement ran).</param>
/// <param name="FullContentHash">SHA-256 of llms-full.txt as generated, with the un-enhanced header: like <paramref name="ContentHash"/>, a new wording is not a change.</param>
public sealed record GenerationResult(
    Uri BaseUrl,
    string LlmsTxt,
    string? LlmsFullTxt,
    string ContentHash,
    GenerationStats Stats,
    bool Partial,
    ValidationVerdict Validation,
    IReadOnlyList<Crawling.SitemapDocument> Sitemaps,
    EnhancementReport? Enhancement = null,
    EnhancementMemory? EnhancementMemory = null,
    string? FullContentHash = null,
    IReadOnlyList<Planning.PageExplanation>? Explanations = null)
{
    /// <summary>What llms-full.txt holds, when it was built.</summary>
    public FullFileStats? Full { get; init; }
}

/// <summary>Pages inlined in llms-full.txt, pages only listed because of the size cap, and the token estimate.</summary>
/// <param name="ApproximateTokens">Characters / 4.</param>
public sealed record FullFileStats(int InlinedPages, int SkippedPages, int ApproximateTokens, int? MaxChars);

/// <summary>Figures for the summary line and the socket's <c>done</c> message.</summary>
public sealed record GenerationStats(int PagesListed, int PagesFetched, int Failed, int Skipped, int Rendered, TimeSpan Duration)
{
    /// <summary>Pages of the site fetched or found but not listed, by reason (<see cref="LeftOutReasons"/>); reasons with none are absent.</summary>
    public IReadOnlyDictionary<string, int> LeftOut { get; init; } = new Dictionary<string, int>();

    /// <summary>Pages listed in llms-full.txt's "Pages not included" because the file reached its size cap.</summary>
    public int FullPagesLeftOut { get; init; }

    /// <summary>Pages of llms-full.txt shortened to their fair share of the size cap (every page still inlined).</summary>
    public int FullPagesShortened { get; init; }
}

/// <summary>The site could not be turned into a file at all (start page unreachable, nothing allowed). The message is for people.</summary>
public sealed class GenerationFailedException(string message, Exception? inner = null) : Exception(message, inner);
