using System.Net.WebSockets;
using System.Text.Json;
using LlmsTxt.Server.Crawls;
using LlmsTxt.Server.Tests.Support;

namespace LlmsTxt.Server.Tests;

public sealed class ApiKeyChangeTests : IDisposable
{
    private readonly ServerHost _server = new(new Dictionary<string, string?> { ["API_KEY"] = "first-key" });

    [Fact]
    public async Task TokenMintedBeforeTheKeyChangedIsRefused()
    {
        using var http = _server.Http();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/token");
        request.Headers.Add("X-API-Key", "first-key");
        using var response = await http.SendAsync(request);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var token = body.RootElement.GetProperty("token").GetString()!;
        var before = await SocketClient.ExchangeAsync(_server.SocketUri("?token=" + token), """{"url":"http://127.0.0.1:9/"}""");
        Assert.Equal(WebSocketCloseStatus.NormalClosure, before.CloseStatus);

        _server.ChangeSetting("API_KEY", "second-key");

        var after = await SocketClient.ExchangeAsync(_server.SocketUri("?token=" + token), """{"url":"http://127.0.0.1:9/"}""");
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, after.CloseStatus);
        Assert.Equal(SocketAuthenticator.InvalidTokenReason, after.CloseReason);
        var oldKey = await SocketClient.ExchangeAsync(_server.SocketUri("?api_key=first-key"), null);
        Assert.Equal(SocketAuthenticator.UnauthorizedReason, oldKey.CloseReason);
    }

    public void Dispose() => _server.Dispose();
}

public sealed class OpenModeTests(OpenServer server) : IClassFixture<OpenServer>
{
    [Fact]
    public async Task SocketOpensWithoutCredentials()
    {
        // A loopback target the server refuses: a real answer from the crawl pipeline, no traffic off the machine.
        var outcome = await SocketClient.ExchangeAsync(server.SocketUri(), """{"url":"http://127.0.0.1:9/"}""");
        Assert.Equal(WebSocketCloseStatus.NormalClosure, outcome.CloseStatus);
        Assert.Contains("ALLOW_PRIVATE_NETWORKS", Assert.Single(outcome.OfType("error")).GetProperty("content").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("anything")]
    public async Task AuthTokenAnswersUnauthorized(string? key)
    {
        using var http = server.Http();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/token");
        if (key is not null)
        {
            request.Headers.Add("X-API-Key", key);
        }

        using var response = await http.SendAsync(request);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("""{"detail":"Unauthorized"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task WarnsAtStartUpThatTheSocketIsOpen()
    {
        _ = server.BaseUri;
        var warning = await server.Logs.WaitForAsync(l => l.Level == Microsoft.Extensions.Logging.LogLevel.Warning && l.Message.Contains("API_KEY is not set", StringComparison.Ordinal));
        Assert.Contains("open", warning.Message, StringComparison.Ordinal);
    }
}
