using LlmsTxt.Core.Generation;

namespace LlmsTxt.Server.Web;

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
