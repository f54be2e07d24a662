namespace LlmsTxt.Server.Web;

/// <summary>An inclusive range with the value used when the client sends none.</summary>
public sealed record IntRange(int Min, int Max, int Default);

/// <summary>Limits a client must respect in a crawl request.</summary>
public sealed record PublicLimits(IntRange MaxPages, IntRange DescLength, IntRange RecrawlIntervalMinutes, int MaxConcurrentCrawls);

/// <summary>
/// What the web page needs to show the right controls. Public: it holds flags and limits, never a secret.
/// </summary>
public sealed record PublicConfig(
    bool ApiKeyRequired,
    bool LlmEnhancementAvailable,
    bool RenderingAvailable,
    bool RenderingDefault,
    bool HostingAvailable,
    PublicLimits Limits);
