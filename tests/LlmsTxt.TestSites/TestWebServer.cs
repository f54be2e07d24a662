using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace LlmsTxt.TestSites;

/// <summary>One request as the fixture server saw it.</summary>
public sealed record SeenRequest(string Method, string PathAndQuery, DateTimeOffset At, IReadOnlyDictionary<string, string> Headers);

/// <summary>
/// A real Kestrel server on 127.0.0.1 with a port chosen at run time. Tests configure routes with
/// <paramref name="configure"/> and read <see cref="Requests"/> to assert what a client did.
/// </summary>
public sealed class TestWebServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<SeenRequest> _requests = new();

    private TestWebServer(WebApplication app) => _app = app;

    public Uri BaseUri { get; private set; } = null!;

    public IReadOnlyCollection<SeenRequest> Requests => _requests;

    public int RequestCount(string path) => _requests.Count(r => r.PathAndQuery == path || r.PathAndQuery.StartsWith(path + "?", StringComparison.Ordinal));

    public Uri Url(string relative) => new(BaseUri, relative);

    public static async Task<TestWebServer> StartAsync(Action<WebApplication> configure, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o =>
        {
            o.Listen(System.Net.IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http1AndHttp2);
            o.Limits.MinResponseDataRate = null;
        });
        var app = builder.Build();
        var server = new TestWebServer(app);
        app.Use(async (ctx, next) =>
        {
            var headers = ctx.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            server._requests.Enqueue(new SeenRequest(ctx.Request.Method, ctx.Request.Path + ctx.Request.QueryString, DateTimeOffset.UtcNow, headers));
            await next(ctx);
        });
        configure(app);
        await app.StartAsync(cancellationToken);
        var address = app.Urls.First();
        server.BaseUri = new Uri(address.EndsWith('/') ? address : address + "/");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
