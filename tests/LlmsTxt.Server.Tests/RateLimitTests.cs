using System.Net;
using System.Net.WebSockets;
using LlmsTxt.Server.Tests.Support;

namespace LlmsTxt.Server.Tests;

public sealed class RateLimitTests : IDisposable
{
    private readonly ServerHost _server = new(new Dictionary<string, string?>
    {
        ["API_KEY"] = "the-key",
        ["AUTH_FAILURE_LIMIT"] = "3",
        ["AUTH_FAILURE_WINDOW_SECONDS"] = "120",
    });

    [Fact]
    public async Task RepeatedFailuresFromOneAddressGet429WithRetryAfter()
    {
        for (var i = 0; i < 3; i++)
        {
            using var refused = await PostAsync("wrong");
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        using var limited = await PostAsync("wrong");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        var retryAfter = limited.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(120));
        Assert.Contains("detail", await limited.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // While blocked, even the right key waits: otherwise the limit wouldn't slow a guesser down.
        using var blocked = await PostAsync("the-key");
        Assert.Equal(HttpStatusCode.TooManyRequests, blocked.StatusCode);

        // The socket shares the limit: a blocked address can't keep guessing through ?api_key=.
        var socket = await Assert.ThrowsAsync<WebSocketException>(() => SocketClient.ExchangeAsync(_server.SocketUri("?api_key=guess"), null));
        Assert.Contains("429", socket.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SuccessesAreNotCounted()
    {
        for (var i = 0; i < 10; i++)
        {
            using var ok = await PostAsync("the-key");
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }
    }

    [Fact]
    public async Task FailedSocketAuthenticationsCountToo()
    {
        for (var i = 0; i < 3; i++)
        {
            var outcome = await SocketClient.ExchangeAsync(_server.SocketUri("?api_key=guess"), null);
            Assert.Equal(WebSocketCloseStatus.PolicyViolation, outcome.CloseStatus);
        }

        using var limited = await PostAsync("the-key");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
    }

    private async Task<HttpResponseMessage> PostAsync(string key)
    {
        using var http = _server.Http();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/token");
        request.Headers.Add("X-API-Key", key);
        return await http.SendAsync(request);
    }

    public void Dispose() => _server.Dispose();
}

public sealed class ProxyHeaderTests
{
    private static Dictionary<string, string?> Settings(bool forwarded) => new()
    {
        ["API_KEY"] = "the-key",
        ["AUTH_FAILURE_LIMIT"] = "2",
        ["FORWARDED_HEADERS"] = forwarded ? "true" : null,
    };

    [Fact]
    public async Task BehindAProxyEachForwardedClientHasItsOwnLimit()
    {
        using var server = new ServerHost(Settings(forwarded: true));
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(server, "203.0.113.5"));
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(server, "203.0.113.5"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await PostAsync(server, "203.0.113.5"));
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(server, "203.0.113.6"));
    }

    [Fact]
    public async Task WithoutTheSettingAForgedForwardedForDoesNotEscapeTheLimit()
    {
        using var server = new ServerHost(Settings(forwarded: false));
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(server, "203.0.113.5"));
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(server, "203.0.113.6"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await PostAsync(server, "203.0.113.7"));
    }

    private static async Task<HttpStatusCode> PostAsync(ServerHost server, string forwardedFor)
    {
        using var http = server.Http();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/token");
        request.Headers.Add("X-API-Key", "wrong");
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }
}
