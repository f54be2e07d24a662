using System.Net;
using System.Net.WebSockets;
using LlmsTxt.Server.Tests.Support;
using LlmsTxt.TestSites;

namespace LlmsTxt.Server.Tests.Crawls;

/// <summary>Two clients on different loopback addresses: one greedy client can't shut the other out.</summary>
public sealed class PerClientLimitTests
{
    private static readonly IPAddress Greedy = IPAddress.Parse("127.0.0.2");
    private static readonly IPAddress Other = IPAddress.Parse("127.0.0.3");

    [Fact]
    public async Task GreedyClientsSocketsAndSlowCrawlsDoNotStopAnotherClientsCrawl()
    {
        using var server = new CrawlServer(GatedSite.PatientServer());
        await using var slow = await GatedSite.StartAsync();
        await using var site = await SampleSites.StartDocsSiteAsync();
        var sockets = new List<LiveSocket>();
        try
        {
            // Four slow crawls: two run, the other two are refused at once (MAX_CRAWLS_PER_CLIENT = 2).
            var crawls = new List<LiveSocket>();
            for (var i = 0; i < 4; i++)
            {
                var socket = await LiveSocket.ConnectAsync(server.Started().SocketUri(), from: Greedy);
                sockets.Add(socket);
                crawls.Add(socket);
                await socket.SendJsonAsync(new { url = slow.BaseUri.AbsoluteUri, maxPages = 3 });
                await socket.ReadUntilAsync(m => m.Type() is "error" || (m.Type() == "log" && m.Text().StartsWith("Fetched", StringComparison.Ordinal)));
            }
            var refused = crawls.Where(c => c.OfType("error").Any()).ToList();
            Assert.Equal(2, refused.Count);
            Assert.All(refused, c => Assert.StartsWith("You already have 2 crawls running or waiting on this server", c.OfType("error").Single().Text(), StringComparison.Ordinal));

            // 200 idle sockets: the client's share (20 with those of its crawls) opens, the rest get 429.
            var tooMany = 0;
            for (var i = 0; i < 200; i++)
            {
                try
                {
                    sockets.Add(await LiveSocket.ConnectAsync(server.SocketUri(), from: Greedy));
                }
                catch (WebSocketException e) when (e.Message.Contains("429", StringComparison.Ordinal))
                {
                    tooMany++;
                }
            }
            // 18 or 16: the refused crawls' sockets may still be closing.
            Assert.InRange(200 - tooMany, 16, 18);
            var answer = await Refusal(server, Greedy);
            Assert.Contains("Your address already has 20 crawl sockets open", answer, StringComparison.Ordinal);

            // Meanwhile the other client is served as if nothing were happening.
            await using var other = await LiveSocket.ConnectAsync(server.SocketUri(), from: Other);
            // Named "localhost": the fixtures share 127.0.0.1, and requests in flight are capped per host name.
            await other.SendJsonAsync(new { url = $"http://localhost:{site.BaseUri.Port}/", maxPages = 5 });
            await other.ReadToCloseAsync();
            Assert.Empty(other.OfType("error"));
            Assert.Single(other.OfType("result"));
            Assert.Equal(WebSocketCloseStatus.NormalClosure, other.CloseStatus);
        }
        finally
        {
            slow.Open();
            foreach (var socket in sockets) await socket.DisposeAsync();
        }
    }

    [Fact]
    public async Task BehindAProxyTheForwardedAddressIsTheClient()
    {
        using var server = new CrawlServer(new Dictionary<string, string?> { ["FORWARDED_HEADERS"] = "true", ["MAX_SOCKETS_PER_CLIENT"] = "2" });
        var sockets = new List<LiveSocket>();
        try
        {
            for (var i = 0; i < 2; i++)
                sockets.Add(await LiveSocket.ConnectAsync(server.Started().SocketUri(), o => o.SetRequestHeader("X-Forwarded-For", "203.0.113.7")));

            var refused = await Assert.ThrowsAsync<WebSocketException>(() =>
                LiveSocket.ConnectAsync(server.SocketUri(), o => o.SetRequestHeader("X-Forwarded-For", "203.0.113.7")));
            Assert.Contains("429", refused.Message, StringComparison.Ordinal);
            sockets.Add(await LiveSocket.ConnectAsync(server.SocketUri(), o => o.SetRequestHeader("X-Forwarded-For", "203.0.113.8")));
        }
        finally
        {
            foreach (var socket in sockets) await socket.DisposeAsync();
        }
    }

    /// <summary>The body of a refused upgrade, read with a plain HTTP client from <paramref name="from"/>.</summary>
    private static async Task<string> Refusal(CrawlServer server, IPAddress from)
    {
        using var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, ct) =>
            {
                var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
                socket.Bind(new IPEndPoint(from, 0));
                await socket.ConnectAsync(IPAddress.Parse(context.DnsEndPoint.Host), context.DnsEndPoint.Port, ct);
                return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
            },
        };
        using var http = new HttpClient(handler);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server.BaseUri, "/ws/crawl"));
        request.Headers.Add("Connection", "Upgrade");
        request.Headers.Add("Upgrade", "websocket");
        request.Headers.Add("Sec-WebSocket-Version", "13");
        request.Headers.Add("Sec-WebSocket-Key", Convert.ToBase64String(new byte[16]));
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}
