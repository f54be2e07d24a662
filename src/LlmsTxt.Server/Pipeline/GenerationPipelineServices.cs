using LlmsTxt.Core;
using LlmsTxt.Core.Enhancement;
using LlmsTxt.Core.Generation;
using LlmsTxt.Core.Rendering;
using LlmsTxt.Server.Configuration;
using LlmsTxt.Server.Enhancement;
using LlmsTxt.Settings;
using Microsoft.Extensions.Options;

namespace LlmsTxt.Server.Pipeline;

/// <summary>Browser rendering settings (<c>CHROMIUM_PATH</c>, <c>BROWSER_WS_ENDPOINT</c>, <c>BRIGHTDATA_*</c>, <c>RENDER_JS</c>).</summary>
public sealed class CrawlRenderingOptions
{
    public ChromiumRendererOptions Renderer { get; set; } = new();

    /// <summary><c>RENDER_JS</c>: render empty pages unless the request says <c>useBrightdata:false</c>.</summary>
    public bool DefaultOn { get; set; }

    internal static void Read(EnvSettings env, CrawlRenderingOptions options)
    {
        try
        {
            options.Renderer = ChromiumRendererVariables.Read(env.Raw);
        }
        catch (InvalidSettingException ex)
        {
            env.Fail(ex.Setting, ex.Problem);
        }
        options.DefaultOn = env.Flag("RENDER_JS", false);
    }
}

public static class GenerationPipelineServices
{
    /// <summary>
    /// The one <see cref="LlmsTxtGenerator"/> the socket and the scheduler both drive: crawl limits (<c>CRAWL_*</c>),
    /// the browser renderer when one is available, LLM enhancement.
    /// </summary>
    public static WebApplicationBuilder AddGenerationPipeline(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddEnvOptions<CrawlRenderingOptions>(CrawlRenderingOptions.Read);
        services.AddHostedService<RenderingStartupCheck>();
        services.AddEnvOptions<CrawlLimitOptions>(CrawlLimitOptions.Read);
        services.AddSingleton(sp =>
        {
            var rendering = sp.GetRequiredService<IOptions<CrawlRenderingOptions>>().Value;
            // Every browser connection passes the crawl's own address rule in the renderer's proxy (see ChromiumRenderer).
            var renderer = rendering.Renderer;
            return new CrawlRenderingPolicy(renderer.IsAvailable, rendering.DefaultOn, renderer);
        });
        services.AddSingleton(sp =>
        {
            var policy = sp.GetRequiredService<CrawlRenderingPolicy>();
            return new ChromiumRenderer(policy.Options, sp.GetRequiredService<ILogger<ChromiumRenderer>>());
        });
        services.AddLlmEnhancement();
        services.AddSingleton<IdleMemoryTrim>();
        services.AddSingleton(sp =>
        {
            var policy = sp.GetRequiredService<CrawlRenderingPolicy>();
            var limits = sp.GetRequiredService<IOptions<CrawlLimitOptions>>().Value;
            return new LlmsTxtGenerator(
                crawlOptions: limits.Crawl,
                renderer: policy.Available ? sp.GetRequiredService<ChromiumRenderer>() : null,
                enhancer: sp.GetRequiredService<ILlmsTxtEnhancer>(),
                loggerFactory: sp.GetRequiredService<ILoggerFactory>(),
                timeProvider: sp.GetRequiredService<TimeProvider>())
            {
                MaxFullChars = limits.FullMaxChars,
            };
        });
        return builder;
    }
}
