using System.Net;
using System.Net.WebSockets;
using LlmsTxt.Server.Tests.Support;

namespace LlmsTxt.Server.Tests;

public sealed class BrowserOriginTests : IDisposable
{
    private readonly ServerHost _server = new(new Dictionary<string, string?> { ["CORS_ORIGINS"] = "https://app.example.com, http://localhost:3000/" });

    [Theory]
    [InlineData(null)]
    [InlineData("https://app.example.com")]
    [InlineData("http://localhost:3000")]
    public async Task ListedOriginsAndScriptsWithoutOriginOpenTheSocket(string? origin)
    {
        var outcome = await SocketClient.ExchangeAsync(_server.SocketUri(), """{"url":"http://127.0.0.1:9/"}""", o =>
        {
            if (origin is not null)
            {
                o.SetRequestHeader("Origin", origin);
            }
        });
        Assert.Equal(WebSocketCloseStatus.NormalClosure, outcome.CloseStatus);
    }

    [Fact]
    public async Task TheServersOwnPageOpensTheSocket()
    {
        var self = _server.BaseUri.GetLeftPart(UriPartial.Authority);
        var outcome = await SocketClient.ExchangeAsync(_server.SocketUri(), """{"url":"http://127.0.0.1:9/"}""", o => o.SetRequestHeader("Origin", self));
        Assert.Equal(WebSocketCloseStatus.NormalClosure, outcome.CloseStatus);
    }

    [Fact]
    public async Task OtherOriginsAreRefusedBeforeTheUpgrade()
    {
        var error = await Assert.ThrowsAsync<WebSocketException>(() =>
            SocketClient.ExchangeAsync(_server.SocketUri(), null, o => o.SetRequestHeader("Origin", "https://evil.example")));
        Assert.Contains("403", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CorsPreflightAllowsListedOriginsOnly()
    {
        using var http = _server.Http();
        foreach (var (origin, allowed) in new[] { ("https://app.example.com", true), ("https://evil.example", false) })
        {
            using var preflight = new HttpRequestMessage(HttpMethod.Options, "/auth/token");
            preflight.Headers.Add("Origin", origin);
            preflight.Headers.Add("Access-Control-Request-Method", "POST");
            preflight.Headers.Add("Access-Control-Request-Headers", "x-api-key");
            using var response = await http.SendAsync(preflight);
            Assert.Equal(allowed, response.Headers.TryGetValues("Access-Control-Allow-Origin", out var values) && values.Contains(origin));
        }
    }

    public void Dispose() => _server.Dispose();
}
