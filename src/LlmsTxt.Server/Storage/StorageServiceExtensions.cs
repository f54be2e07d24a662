using LlmsTxt.Server.Configuration;
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
                _ => new LocalFileStore(options.DataDir, options.PublicBaseUrl!, services.GetService<TimeProvider>()),
            };
        });
        return builder;
    }
}
