using LlmsTxt.Server.Configuration;

namespace LlmsTxt.Server.Crawls;

public static class CrawlPipelineServices
{
    /// <summary>
    /// The generation behind <c>/ws/crawl</c> (replacing the placeholder handler): crawl slots
    /// (<c>MAX_CONCURRENT_CRAWLS</c>), the socket cap, and publishing of the result.
    /// </summary>
    public static WebApplicationBuilder AddCrawlPipeline(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddEnvOptions<CrawlSocketOptions>(CrawlSocketOptions.Read);
        services.AddHttpContextAccessor();
        services.AddSingleton<CrawlSlots>();
        services.AddSingleton<SocketCounter>();
        services.AddSingleton<CrawlPublisher>();
        services.AddSingleton<ICrawlHandler, GeneratingCrawlHandler>();
        return builder;
    }
}
