using System.Net.WebSockets;
using System.Security.Cryptography;
using LlmsTxt.Server.Crawls;
using LlmsTxt.Server.Tests.Support;

namespace LlmsTxt.Server.Tests;

/// <summary>SPEC's /ws/crawl authentication against a real Kestrel with a real ClientWebSocket.</summary>
public sealed class SocketAuthenticationTests(KeyedServer server) : IClassFixture<KeyedServer>
{
    // A loopback target the server refuses (ALLOW_PRIVATE_NETWORKS is off): an accepted socket gets a real,
    // instant answer from the crawl pipeline without any traffic leaving the machine.
    private const string ValidRequest = """{"url":"http://127.0.0.1:9/"}""";
    private const string Key = KeyedServer.Key;

    public static TheoryData<string, string> BadTokens()
    {
        var now = TestTokens.Now;
        return new TheoryData<string, string>
        {
            { "expired", TestTokens.Hs256(Key, new { exp = now - 120, iat = now - 420, type = "websocket" }) },
            { "signed with another key", TestTokens.Hs256("another-key-0123456789-0123456789-abcdef", TestTokens.ValidPayload()) },
            { "alg none, no signature", TestTokens.Make(new { alg = "none", typ = "JWT" }, TestTokens.ValidPayload(), Key, null) },
            { "alg none, HS256 signature", TestTokens.Make(new { alg = "none", typ = "JWT" }, TestTokens.ValidPayload(), Key, HMACSHA256.HashData) },
            { "alg HS512", TestTokens.Make(new { alg = "HS512", typ = "JWT" }, TestTokens.ValidPayload(), Key, HMACSHA512.HashData) },
            { "missing type", TestTokens.Hs256(Key, new { exp = now + 300, iat = now }) },
            { "type refresh", TestTokens.Hs256(Key, new { exp = now + 300, iat = now, type = "refresh" }) },
            { "missing exp", TestTokens.Hs256(Key, new { iat = now, type = "websocket" }) },
            { "garbage", "not-a-jwt" },
            { "garbage with dots", "a.b.c" },
            { "empty", "" },
        };
    }

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task ClosesWith1008InvalidTokenBeforeReadingAnything(string why, string token)
    {
        var outcome = await RejectedExchangeAsync(server.SocketUri("?token=" + Uri.EscapeDataString(token)));
        Assert.True(outcome.CloseStatus == WebSocketCloseStatus.PolicyViolation, why);
        Assert.Equal(SocketAuthenticator.InvalidTokenReason, outcome.CloseReason);
    }

    [Theory]
    [InlineData("?api_key=wrong")]
    [InlineData("?api_key=")]
    [InlineData("")]
    [InlineData("?apikey=" + Key)]
    public async Task ClosesWith1008UnauthorizedForWrongOrMissingApiKey(string query)
    {
        var outcome = await RejectedExchangeAsync(server.SocketUri(query));
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, outcome.CloseStatus);
        Assert.Equal(SocketAuthenticator.UnauthorizedReason, outcome.CloseReason);
    }

    [Fact]
    public async Task InvalidTokenIsRejectedEvenWithTheRightApiKey()
    {
        var outcome = await RejectedExchangeAsync(server.SocketUri("?token=garbage&api_key=" + Key));
        Assert.Equal(SocketAuthenticator.InvalidTokenReason, outcome.CloseReason);
    }

    [Fact]
    public async Task InvalidBearerTokenIsRejected()
    {
        var outcome = await RejectedExchangeAsync(server.SocketUri(), o => o.SetRequestHeader("Authorization", "Bearer garbage"));
        Assert.Equal(SocketAuthenticator.InvalidTokenReason, outcome.CloseReason);
    }

    [Fact]
    public async Task AcceptsTheRightApiKey()
    {
        var outcome = await SocketClient.ExchangeAsync(server.SocketUri("?api_key=" + Uri.EscapeDataString(Key)), ValidRequest);
        AssertAcceptedAndAnswered(outcome);
    }

    [Fact]
    public async Task AcceptsATokenFromAuthToken()
    {
        var token = await MintAsync();
        var outcome = await SocketClient.ExchangeAsync(server.SocketUri("?token=" + token), ValidRequest);
        AssertAcceptedAndAnswered(outcome);
    }

    [Fact]
    public async Task AcceptsATokenAsBearerHeader()
    {
        var token = await MintAsync();
        var outcome = await SocketClient.ExchangeAsync(server.SocketUri(), ValidRequest, o => o.SetRequestHeader("Authorization", "Bearer " + token));
        AssertAcceptedAndAnswered(outcome);
    }

    [Fact]
    public async Task AcceptsATokenExpiredWithinTheClockSkew()
    {
        var now = TestTokens.Now;
        var token = TestTokens.Hs256(Key, new { exp = now - 10, iat = now - 310, type = "websocket" });
        var outcome = await SocketClient.ExchangeAsync(server.SocketUri("?token=" + token), ValidRequest);
        AssertAcceptedAndAnswered(outcome);
    }

    /// <summary>
    /// Connects, sends a valid request straight away (before the close can arrive), and reads until the
    /// server closes; then proves from the server's log that it never read a message from this socket.
    /// </summary>
    private async Task<SocketOutcome> RejectedExchangeAsync(Uri uri, Action<ClientWebSocketOptions>? configure = null)
    {
        var mark = server.Logs.Count;
        var outcome = await SocketClient.ExchangeAsync(uri, ValidRequest, configure);
        await server.Logs.WaitForAsync(l => l.EventId.Id == CrawlSocketLog.EndedId, mark);
        var lines = server.Logs.Since(mark);
        Assert.Contains(lines, l => l.EventId.Id == CrawlSocketLog.RejectedId);
        Assert.DoesNotContain(lines, l => l.EventId.Id == CrawlSocketLog.MessageReadId);
        Assert.Empty(outcome.Messages);
        return outcome;
    }

    private static void AssertAcceptedAndAnswered(SocketOutcome outcome)
    {
        Assert.Equal(WebSocketCloseStatus.NormalClosure, outcome.CloseStatus);
        var error = Assert.Single(outcome.OfType("error"));
        Assert.Contains("ALLOW_PRIVATE_NETWORKS", error.GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.Equal("done", outcome.Messages[^1].GetProperty("type").GetString());
    }

    private async Task<string> MintAsync()
    {
        using var http = server.Http();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/token");
        request.Headers.Add("X-API-Key", Key);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        using var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("token").GetString()!;
    }
}
