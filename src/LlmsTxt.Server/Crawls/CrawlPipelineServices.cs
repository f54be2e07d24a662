using LlmsTxt.Core;
using LlmsTxt.Core.Crawling;
using LlmsTxt.Core.Enhancement;
using LlmsTxt.Core.Generation;
using LlmsTxt.Core.Rendering;
using LlmsTxt.Server.Configuration;
using LlmsTxt.Server.Enhancement;
using Microsoft.Extensions.Options;

namespace LlmsTxt.Server.Crawls;

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
            options.Renderer = ChromiumRendererOptions.FromEnvironment(env.Raw);
        }
        catch (InvalidSettingException ex)
        {
            env.Fail(ex.Setting, ex.Problem);
        }
        options.DefaultOn = env.Flag("RENDER_JS", false);
    }
}

public static class CrawlPipelineServices
{
    /// <summary>
    /// The generator behind <c>/ws/crawl</c> (replacing the placeholder handler): crawl slots
    /// (<c>MAX_CONCURRENT_CRAWLS</c>), the socket cap, the browser renderer when one is available, hosting.
    /// </summary>
    public static WebApplicationBuilder AddCrawlPipeline(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddEnvOptions<CrawlSocketOptions>(CrawlSocketOptions.Read);
        services.AddEnvOptions<CrawlRenderingOptions>(CrawlRenderingOptions.Read);
        services.AddHostedService<RenderingStartupCheck>();
        services.AddEnvOptions<CrawlLimitOptions>(CrawlLimitOptions.Read);
        services.AddHttpContextAccessor();
        services.AddSingleton<CrawlSlots>();
        services.AddSingleton<SocketCounter>();
        services.AddSingleton<CrawlPublisher>();
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
        services.AddSingleton<ICrawlHandler, GeneratingCrawlHandler>();
        return builder;
    }
}
