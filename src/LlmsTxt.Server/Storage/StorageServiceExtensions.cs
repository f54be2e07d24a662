using LlmsTxt.Server.Configuration;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace LlmsTxt.Server.Storage;

public static class StorageServiceExtensions
{
    /// <summary>Registers the file store chosen by configuration: S3 when any S3_*/R2_* setting is present, else DATA_DIR.</summary>
    public static WebApplicationBuilder AddStorage(this WebApplicationBuilder builder)
    {
        builder.Services.AddEnvOptions<StorageOptions>(StorageOptions.Read);
        builder.Services.AddSingleton<IFileStore>(services =>
        {
            var options = services.GetRequiredService<IOptions<StorageOptions>>().Value;
            return options.Backend switch
            {
                StorageBackend.S3 => new S3FileStore(options),
                _ => new LocalFileStore(options.DataDir, PublicBase(services, options), services.GetService<TimeProvider>()),
            };
        });
        // One warning line at start-up when the store doesn't answer (readiness stays 503).
        builder.Services.AddHostedService<Health.StartupDependencyCheck>();
        return builder;
    }

    /// <summary>
    /// PUBLIC_BASE_URL when set; else the address the server actually listens on (right with PORT=0),
    /// as the start-up log shows it; else http://HOST:PORT.
    /// </summary>
    private static Func<string> PublicBase(IServiceProvider services, StorageOptions options)
    {
        if (options.PublicBaseUrlConfigured)
        {
            return () => options.PublicBaseUrl!;
        }

        // Cached once known; before the server listens the HOST:PORT fallback is answered, not cached.
        string? listening = null;
        return () =>
        {
            listening ??= ListeningAddress(services);
            return listening ?? options.PublicBaseUrl!;
        };
    }

    private static string? ListeningAddress(IServiceProvider services)
    {
        var addresses = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses;
        return addresses?.Select(StartupReport.UrlToOpen).FirstOrDefault(u => u.StartsWith("http", StringComparison.Ordinal))?.TrimEnd('/');
    }
}
