using LlmsTxt.Server.Configuration;
using LlmsTxt.Server.Pipeline;
using LlmsTxt.Server.Publishing;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace LlmsTxt.Server.Sites;

public static class SiteRegistryServiceExtensions
{
    /// <summary>
    /// The site registry: SQLite in DATA_DIR, or PostgreSQL when DATABASE_URL is set; migrations
    /// run by a hosted service before the server takes requests.
    /// </summary>
    public static WebApplicationBuilder AddSiteRegistry(this WebApplicationBuilder builder)
    {
        builder.Services.AddEnvOptions<DatabaseOptions>(DatabaseOptions.Read);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(sp => new SiteDatabase(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value));
        builder.Services.AddSingleton<SiteRegistry>();
        builder.Services.AddSingleton<SiteLlmMemory>();
        builder.Services.AddSingleton<SiteMigrator>();
        builder.Services.AddHostedService<SiteMigrationService>();
        return builder;
    }

    /// <summary>
    /// The recrawl scheduler (a hosted service in every instance, after the migrations), the
    /// sitemap probe it uses to skip unchanged sites, and the enrolment used by the socket.
    /// </summary>
    public static WebApplicationBuilder AddRecrawlScheduler(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddEnvOptions<SchedulerOptions>(SchedulerOptions.Read);
        services.AddSingleton(sp => new SitemapProbe(
            // The crawl options every generation uses (user agent, delays, timeouts), so the skip check is as polite as a crawl.
            sp.GetRequiredService<IOptions<CrawlLimitOptions>>().Value.Crawl with { AllowPrivateNetworks = sp.GetRequiredService<IOptions<SchedulerOptions>>().Value.AllowPrivateNetworks },
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<SitemapProbe>>()));
        services.TryAddSingleton<ISiteGenerator, PipelineSiteGenerator>();
        services.AddSingleton<SiteRecrawler>();
        services.AddSingleton<SiteEnroller>();
        services.AddSingleton<IAutoUpdates>(sp => sp.GetRequiredService<SiteEnroller>());
        services.AddSingleton<RecrawlScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<RecrawlScheduler>());
        return builder;
    }
}
