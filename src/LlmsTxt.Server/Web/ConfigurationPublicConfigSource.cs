using LlmsTxt.Core.Rendering;

namespace LlmsTxt.Server.Web;

/// <summary>Reads the public flags from configuration (environment variables and .env).</summary>
public sealed class ConfigurationPublicConfigSource(IConfiguration configuration) : IPublicConfigSource
{
    public PublicConfig Get()
    {
        var rendering = ChromiumRendererOptions.FromEnvironment(name => configuration[name]);
        return new PublicConfig(
            ApiKeyRequired: !string.IsNullOrEmpty(configuration["API_KEY"]),
            LlmEnhancementAvailable: IsTrue(configuration["LLM_ENHANCEMENT_ENABLED"]) && !string.IsNullOrEmpty(configuration["OPENROUTER_API_KEY"]),
            RenderingAvailable: rendering.IsAvailable,
            RenderingDefault: rendering.IsAvailable && IsTrue(configuration["RENDER_JS"]),
            HostingAvailable: true,
            Limits: new PublicLimits(
                MaxPages: new IntRange(1, 1000, 50),
                DescLength: new IntRange(100, 2000, 500),
                RecrawlIntervalMinutes: new IntRange(60, 43200, 10080),
                MaxConcurrentCrawls: int.TryParse(configuration["MAX_CONCURRENT_CRAWLS"], out var n) && n > 0 ? n : 4));
    }

    private static bool IsTrue(string? value) => value is not null && (value.Equals("true", StringComparison.OrdinalIgnoreCase) || value == "1");
}
