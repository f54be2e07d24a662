using System.Net.WebSockets;
using LlmsTxt.Server.Tests.Support;

namespace LlmsTxt.Server.Tests.Crawls;

public sealed class CrawlQueueTests
{
    [Fact]
    public async Task FifthConcurrentCrawlWaitsThenRuns()
    {
        // One client here, so its own cap must not be what stops the fifth crawl.
        using var server = new CrawlServer(GatedSite.PatientServer(new() { ["MAX_CRAWLS_PER_CLIENT"] = "5" }));
        await using var site = await GatedSite.StartAsync();
        var request = new { url = site.BaseUri.AbsoluteUri, maxPages = 3 };
        var running = new List<LiveSocket>();
        try
        {
            for (var i = 0; i < 4; i++)
            {
                var socket = await LiveSocket.ConnectAsync(server.Started().SocketUri());
                running.Add(socket);
                await socket.SendJsonAsync(request);
                await socket.ReadUntilAsync(m => m.Type() == "log" && m.Text().StartsWith("Fetched", StringComparison.Ordinal));
            }

            await using var fifth = await LiveSocket.ConnectAsync(server.SocketUri());
            await fifth.SendJsonAsync(request);
            var waiting = await fifth.ReadTypeAsync("log");
            Assert.Contains("waiting", waiting.Text(), StringComparison.Ordinal);

            site.Open();
            await fifth.ReadToCloseAsync();
            Assert.Equal(WebSocketCloseStatus.NormalClosure, fifth.CloseStatus);
            Assert.Single(fifth.OfType("result"));
            Assert.Empty(fifth.OfType("error"));
            foreach (var socket in running)
            {
                await socket.ReadToCloseAsync();
                Assert.Single(socket.OfType("result"));
            }
        }
        finally
        {
            foreach (var socket in running) await socket.DisposeAsync();
        }
    }

    [Fact]
    public async Task RequestBeyondTheQueueTimeoutGetsBusyError()
    {
        using var server = new CrawlServer(GatedSite.PatientServer(new() { ["MAX_CONCURRENT_CRAWLS"] = "1", ["CRAWL_QUEUE_TIMEOUT"] = "1" }));
        await using var site = await GatedSite.StartAsync();
        await using var first = await LiveSocket.ConnectAsync(server.Started().SocketUri());
        await first.SendJsonAsync(new { url = site.BaseUri.AbsoluteUri, maxPages = 3 });
        await first.ReadUntilAsync(m => m.Type() == "log" && m.Text().StartsWith("Fetched", StringComparison.Ordinal));

        await using var second = await LiveSocket.ConnectAsync(server.SocketUri());
        await second.SendJsonAsync(new { url = site.BaseUri.AbsoluteUri, maxPages = 3 });
        await second.ReadToCloseAsync();

        Assert.Equal(WebSocketCloseStatus.NormalClosure, second.CloseStatus);
        Assert.Contains("busy", Assert.Single(second.OfType("error")).Text(), StringComparison.Ordinal);
        Assert.Equal("done", second.Messages[^1].Type());
        site.Open();
        await first.ReadToCloseAsync();
        Assert.Single(first.OfType("result"));
    }

    [Fact]
    public async Task SocketsBeyondTheCapAreRefusedBeforeTheUpgrade()
    {
        using var server = new CrawlServer(GatedSite.PatientServer(new() { ["MAX_CONCURRENT_SOCKETS"] = "1" }));
        await using var site = await GatedSite.StartAsync();
        await using var first = await LiveSocket.ConnectAsync(server.Started().SocketUri());
        await first.SendJsonAsync(new { url = site.BaseUri.AbsoluteUri, maxPages = 3 });
        await first.ReadUntilAsync(m => m.Type() == "log" && m.Text().StartsWith("Fetched", StringComparison.Ordinal));

        var refused = await Assert.ThrowsAsync<WebSocketException>(() => LiveSocket.ConnectAsync(server.SocketUri()));
        Assert.Contains("503", refused.Message, StringComparison.Ordinal);

        site.Open();
        await first.ReadToCloseAsync();
    }
}
