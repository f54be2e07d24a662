using System.Net.WebSockets;
using LlmsTxt.Server.Tests.Support;
using LlmsTxt.TestSites;
using Microsoft.AspNetCore.Builder;

namespace LlmsTxt.Server.Tests.Crawls;

/// <summary>What a socket client reads when the site is hostile or down: plain words, then <c>done</c>.</summary>
public sealed class HostileSiteSocketTests(OpenCrawlServer server) : IClassFixture<OpenCrawlServer>
{
    [Fact]
    public async Task SiteThatIsDownGetsOnePlainErrorThenDone()
    {
        await using var socket = await LiveSocket.ConnectAsync(server.Started().SocketUri());

        await socket.SendJsonAsync(new { url = "http://127.0.0.1:1/" });
        await socket.ReadToCloseAsync();

        Assert.Equal(WebSocketCloseStatus.NormalClosure, socket.CloseStatus);
        var error = Assert.Single(socket.OfType("error")).Text();
        Assert.StartsWith("Could not reach 127.0.0.1:1 (connection refused)", error, StringComparison.Ordinal);
        Assert.DoesNotContain("robots", error, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(socket.OfType("log"), m => m.Text().Contains("robots.txt", StringComparison.Ordinal) || m.Text().StartsWith("Retrying", StringComparison.Ordinal));
        Assert.Equal("done", socket.Messages[^1].Type());
    }

    [Fact]
    public async Task PageCutAtTheCapSaysSoOnItsLine()
    {
        var big = HostileSites.Bomb("gzip", 8L * 1024 * 1024);
        await using var site = await TestWebServer.StartAsync(app =>
        {
            app.MapGet("/", () => SiteKit.Html(SiteKit.Page("Home", ["/big"])));
            app.MapGet("/big", HostileSites.Encoded(big, "gzip"));
        });
        await using var socket = await LiveSocket.ConnectAsync(server.Started().SocketUri());

        await socket.SendJsonAsync(new { url = site.BaseUri.AbsoluteUri, maxPages = 5 });
        await socket.ReadToCloseAsync();

        Assert.Empty(socket.OfType("error"));
        var line = Assert.Single(socket.OfType("log"), m => m.Text().StartsWith("Fetched " + site.Url("/big"), StringComparison.Ordinal)).Text();
        Assert.Contains("page cut at 5 MiB", line, StringComparison.Ordinal);
        Assert.Contains(site.Url("/big").AbsoluteUri, socket.OfType("result").Single().Text(), StringComparison.Ordinal);
        Assert.Contains(server.Logs.Lines, l => l.Message.Contains("/big is larger than the cap after decompression; page cut at 5 MiB", StringComparison.Ordinal));
    }
}
