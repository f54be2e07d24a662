using LlmsTxt.Core.Enhancement;
using LlmsTxt.Core.Generation;
using LlmsTxt.Server.Auth;
using LlmsTxt.Server.Crawls;
using LlmsTxt.Server.Pipeline;
using Microsoft.Extensions.Options;

namespace LlmsTxt.Server.Web;

/// <summary>Builds the public flags from the validated server options.</summary>
public sealed class ConfigurationPublicConfigSource(
    IOptionsMonitor<ApiKeyOptions> apiKey,
    IOptions<CrawlSocketOptions> crawls,
    CrawlRenderingPolicy rendering,
    ILlmsTxtEnhancer enhancer) : IPublicConfigSource
{
    public PublicConfig Get() => new(
        ApiKeyRequired: apiKey.CurrentValue.IsConfigured,
        // The registered enhancer decides: the LLM one only when LLM_ENHANCEMENT_ENABLED=true and a key is set.
        LlmEnhancementAvailable: enhancer.IsAvailable,
        RenderingAvailable: rendering.Available,
        RenderingDefault: rendering.Available && rendering.DefaultOn,
        HostingAvailable: true,
        Limits: new PublicLimits(
            MaxPages: CrawlLimits.Contract.MaxPages,
            DescLength: CrawlLimits.Contract.DescLength,
            RecrawlIntervalMinutes: CrawlLimits.Contract.RecrawlIntervalMinutes,
            MaxConcurrentCrawls: crawls.Value.MaxConcurrentCrawls));
}
