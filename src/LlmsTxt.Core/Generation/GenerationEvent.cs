namespace LlmsTxt.Core.Generation;

/// <summary>Something a person watching a generation should see.</summary>
public abstract record GenerationEvent;

public enum GenerationLogLevel
{
    Info,
    Warning,
    Error,
}

/// <summary>A readable line: one per page (status and time), discovery, robots, sitemap, summary.</summary>
/// <param name="PerPage">About one page (fetched, skipped, retried, failed, rendered), as opposed to a milestone; a terminal shows these only when asked.</param>
public sealed record GenerationLog(string Message, GenerationLogLevel Level = GenerationLogLevel.Info, bool PerPage = false) : GenerationEvent;

/// <summary>Counters after a page finished; consumers throttle these themselves.</summary>
public sealed record GenerationProgress(int Crawled, int Failed, int Queued, int MaxPages) : GenerationEvent;
