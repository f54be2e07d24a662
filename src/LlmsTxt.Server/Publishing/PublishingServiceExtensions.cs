using LlmsTxt.Server.Storage;
using Microsoft.Extensions.Options;

namespace LlmsTxt.Server.Publishing;

public static class PublishingServiceExtensions
{
    /// <summary>The one publishing path (<see cref="SitePublisher"/>) and its public-URL rule, over the configured store.</summary>
    public static WebApplicationBuilder AddPublishing(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(sp => new PublicUrlRule(
            StoreOwnsUrls: sp.GetRequiredService<IOptions<StorageOptions>>().Value.PublicBaseUrlConfigured
                || sp.GetRequiredService<IFileStore>().Backend != "local"));
        builder.Services.AddSingleton<SitePublisher>();
        return builder;
    }
}
