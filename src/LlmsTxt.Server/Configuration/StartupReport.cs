using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace LlmsTxt.Server.Configuration;

/// <summary>Once the server listens, logs the URL a person should open (not just the bound address).</summary>
internal sealed class StartupReport(IServer server, IHostApplicationLifetime lifetime, ILogger<StartupReport> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        lifetime.ApplicationStarted.Register(Report);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    private void Report()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        // localhost binds 127.0.0.1 and [::1]: one line per URL to open, not per socket.
        foreach (var group in addresses.GroupBy(UrlToOpen))
        {
            logger.LogInformation("llmstxt is ready: open {Url} in a browser (listening on {Addresses})", group.Key, string.Join(", ", group));
        }
    }

    /// <summary>A wildcard or any-address binding isn't something a browser can open; point at localhost instead.</summary>
    internal static string UrlToOpen(string address)
    {
        if (!Uri.TryCreate(address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal), UriKind.Absolute, out var uri))
        {
            return address;
        }

        var host = uri.Host.Trim('[', ']');
        var local = IPAddress.TryParse(host, out var ip) && (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any) || IPAddress.IsLoopback(ip));
        var builder = new UriBuilder(uri) { Path = "/" };
        if (local)
        {
            builder.Host = "localhost";
        }

        return builder.Uri.ToString();
    }
}
