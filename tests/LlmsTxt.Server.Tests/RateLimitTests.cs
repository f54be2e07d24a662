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
