using System.Net.WebSockets;
using LlmsTxt.Server.Crawls;
using LlmsTxt.Server.Tests.Support;

namespace LlmsTxt.Server.Tests;

/// <summary>The request message over a real socket: one error naming the field, then close 1000.</summary>
public sealed class CrawlRequestValidationTests(KeyedServer server) : IClassFixture<KeyedServer>
{
    private Uri Authorized => server.SocketUri("?api_key=" + Uri.EscapeDataString(KeyedServer.Key));

    [Theory]
    [MemberData(nameof(CrawlRequestParserTests.BadRequests), MemberType = typeof(CrawlRequestParserTests))]
    public async Task BadRequestGetsOneErrorNamingTheFieldThenClose1000(string message, string field, string allowed)
    {
        var outcome = await SocketClient.ExchangeAsync(Authorized, message);

        Assert.Equal(WebSocketCloseStatus.NormalClosure, outcome.CloseStatus);
        var error = Assert.Single(outcome.Messages);
        Assert.Equal("error", error.GetProperty("type").GetString());
        var text = error.GetProperty("content").GetString()!;
        Assert.Contains(field, text, StringComparison.Ordinal);
        Assert.Contains(allowed, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidRequestReachesTheCrawlPipeline()
    {
        // A loopback target the server refuses (ALLOW_PRIVATE_NETWORKS is off): the pipeline answers at once, no traffic leaves the machine.
        var outcome = await SocketClient.ExchangeAsync(Authorized, """{"url":"http://127.0.0.1:9/","maxPages":5,"renderJs":true}""");

        Assert.Equal(WebSocketCloseStatus.NormalClosure, outcome.CloseStatus);
        var error = Assert.Single(outcome.OfType("error"));
        Assert.Contains("ALLOW_PRIVATE_NETWORKS", error.GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.Equal("done", outcome.Messages[^1].GetProperty("type").GetString());
    }

    [Fact]
    public async Task OversizedMessageIsRefusedWith1009()
    {
        var outcome = await SocketClient.ExchangeAsync(Authorized, "{\"url\":\"https://example.com\",\"pad\":\"" + new string('x', 70_000) + "\"}");

        Assert.Equal(WebSocketCloseStatus.MessageTooBig, outcome.CloseStatus);
        Assert.Contains("64 KiB", Assert.Single(outcome.Messages).GetProperty("content").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BinaryMessageGetsAnError()
    {
        var outcome = await SocketClient.ExchangeAsync(Authorized, null, sendBinary: [1, 2, 3]);

        Assert.Equal(WebSocketCloseStatus.NormalClosure, outcome.CloseStatus);
        Assert.Contains("JSON text", Assert.Single(outcome.Messages).GetProperty("content").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancelBeforeAnyRequestClosesNormally()
    {
        var outcome = await SocketClient.ExchangeAsync(Authorized, """{"type":"cancel"}""");

        Assert.Equal(WebSocketCloseStatus.NormalClosure, outcome.CloseStatus);
        Assert.Empty(outcome.Messages);
    }

    [Fact]
    public async Task PlainHttpRequestGets400()
    {
        using var http = server.Http();
        using var response = await http.GetAsync(new Uri("/ws/crawl", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("WebSocket", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
