using LlmsTxt.Server.Configuration;
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
        builder.Services.AddSingleton<SiteMigrator>();
        builder.Services.AddHostedService<SiteMigrationService>();
        return builder;
    }
}
