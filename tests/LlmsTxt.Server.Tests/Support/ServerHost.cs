using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LlmsTxt.Server.Tests.Support;

/// <summary>
/// The real app on a real Kestrel bound to 127.0.0.1 with a free port, configured with the given
/// environment-variable settings, every log line captured (Debug and up for our own categories).
/// </summary>
public class ServerHost : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;

    private readonly Action<IServiceCollection>? _services;

    public ServerHost(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? services = null)
    {
        _services = services;
        _settings = new Dictionary<string, string?>(settings)
        {
            ["HOST"] = "127.0.0.1",
            ["PORT"] = "0",
            ["Logging:LogLevel:Default"] = "Information",
            ["Logging:LogLevel:LlmsTxt"] = "Debug",
        };
        foreach (var (key, value) in settings)
        {
            _settings[key] = value;
        }

        UseKestrel();
    }

    public LogSink Logs { get; } = new();

    public Uri BaseUri => new(Started().Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");

    public Uri SocketUri(string query = "") => new(new UriBuilder(BaseUri) { Scheme = "ws", Path = "/ws/crawl" }.Uri + query);

    public HttpClient Http() => new() { BaseAddress = BaseUri };

    /// <summary>Changes a setting on the running server, as a reloaded configuration would.</summary>
    public void ChangeSetting(string name, string? value)
    {
        var configuration = (IConfigurationRoot)Started().Services.GetRequiredService<IConfiguration>();
        configuration[name] = value;
        configuration.Reload();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.ConfigureAppConfiguration(c => c.AddInMemoryCollection(_settings));
        builder.ConfigureLogging(l => l.AddProvider(Logs));
        if (_services is not null)
        {
            builder.ConfigureServices(_services);
        }
    }

    private readonly Lock _startLock = new();
    private bool _started;

    public ServerHost Started()
    {
        lock (_startLock)
        {
            if (!_started)
            {
                StartServer();
                _started = true;
            }
        }

        return this;
    }
}
