using LlmsTxt.Core.Extraction;

namespace LlmsTxt.Core.Crawling;

internal enum OutcomeKind
{
    /// <summary>Fetched, HTML, indexable: a candidate for the list.</summary>
    Listed,
    /// <summary>Fetched (counts as an attempt) but not listable: error, not HTML, noindex, refused redirect.</summary>
    NotListed,
    /// <summary>Never fetched (robots.txt said no); not an attempt.</summary>
    NotAttempted,
}

/// <summary>What processing one frontier entry produced.</summary>
internal sealed record PageOutcome(OutcomeKind Kind)
{
    public Page? Page { get; init; }
    public Uri? FinalUrl { get; init; }
    public int Status { get; init; }
    public string? Identity { get; init; }
    public bool Rendered { get; init; }
    public bool Failed { get; init; }
    public SkipReason? SkipReason { get; init; }
    /// <summary>The links to follow, in document order, each with its outline level and trap family.</summary>
    public IReadOnlyList<FoundLink> Links { get; init; } = [];
    /// <summary>The page's primary language (null for the start page or when undeclared).</summary>
    public string? Language { get; init; }
}
