using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace LlmsTxt.Server.Configuration;

public static class ServerConfiguration
{
    /// <summary>
    /// Configuration sources (environment over <c>.env</c> files, see <see cref="DotEnvFile.AddDotEnvFiles"/>), <see cref="ServerOptions"/>
    /// (HOST, PORT, CORS_ORIGINS) validated at start-up, Kestrel bound from them, CORS and the socket
    /// origin check (<see cref="BrowserOrigins"/>), the clock, and a start-up line with the URL to open.
    /// </summary>
    public static WebApplicationBuilder AddServerConfiguration(this WebApplicationBuilder builder)
    {
        builder.Configuration.AddDotEnvFiles(Directory.GetCurrentDirectory());
        // "Hosting failed to start" would print the exception's stack trace above the plain lines that
        // RunOrExplain prints for the same failure; a background service crash is still logged (Critical).
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
        builder.Services.AddEnvOptions<ServerOptions>(ServerOptions.Read);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddOptions<KestrelServerOptions>()
            .Configure<IOptions<ServerOptions>>((kestrel, server) =>
            {
                // Kestrel reads its options while the app is built; a bad HOST/PORT is reported by the
                // start-up validation a moment later, with every bad variable named, so skip binding here.
                try
                {
                    Listen(kestrel, server.Value);
                }
                catch (OptionsValidationException)
                {
                }
            });
        builder.Services.AddHostedService<StartupReport>();
        builder.Services.DescribeApiDocs();
        BrowserOrigins.AddBrowserOrigins(builder);
        return builder;
    }

    private static void Listen(KestrelServerOptions kestrel, ServerOptions server)
    {
        var address = ServerOptions.ListenAddress(server.Host);
        if (address is null && server.Port == 0)
        {
            // Kestrel can't pick one free port for both loopback addresses; IPv4 loopback is what browsers try for "localhost".
            kestrel.Listen(IPAddress.Loopback, 0);
        }
        else if (address is null)
        {
            kestrel.ListenLocalhost(server.Port);
        }
        else if (address.Equals(IPAddress.IPv6Any))
        {
            kestrel.ListenAnyIP(server.Port);
        }
        else
        {
            kestrel.Listen(address, server.Port);
        }
    }
}
