using System.Net;
using System.Net.WebSockets;
using System.Text.RegularExpressions;
using LlmsTxt.Core.Generation;
using LlmsTxt.Server.Tests.Support;
using LlmsTxt.TestSites;

namespace LlmsTxt.Server.Tests.Crawls;

public sealed partial class CrawlSocketTests(OpenCrawlServer server) : IClassFixture<OpenCrawlServer>
{
    [Fact]
    public async Task StreamsLogProgressResultHostedUrlAndDoneInOrder()
    {
        await using var site = await SampleSites.StartDocsSiteAsync();
        await using var socket = await LiveSocket.ConnectAsync(server.Started().SocketUri());

        await socket.SendJsonAsync(new { url = site.BaseUri.AbsoluteUri, full = true });
        await socket.ReadToCloseAsync();

        Assert.Equal(WebSocketCloseStatus.NormalClosure, socket.CloseStatus);
        var types = socket.Messages.Select(m => m.Type()).ToList();
        Assert.Equal("log", types[0]);
        Assert.Equal("done", types[^1]);
        Assert.True(types.IndexOf("progress") < types.IndexOf("result"), string.Join(",", types));
        Assert.True(types.IndexOf("result") < types.IndexOf("full"));
        Assert.True(types.IndexOf("full") < types.IndexOf("url"));
        Assert.True(types.IndexOf("url") < types.IndexOf("full_url"));
        Assert.DoesNotContain("error", types);

        var logs = socket.OfType("log").Select(m => m.Text()).ToList();
        Assert.Contains(logs, l => l.Contains("robots.txt", StringComparison.Ordinal));
        Assert.Contains(logs, l => l.Contains("Sitemap", StringComparison.Ordinal));
        Assert.Contains(logs, l => l.Contains("/docs/install", StringComparison.Ordinal) && MillisecondsPattern().IsMatch(l) && l.Contains("200", StringComparison.Ordinal));

        var result = socket.OfType("result").Single().Text();
        Assert.True(LlmsTxtGenerator.Validate(result).IsValid, string.Join("\n", LlmsTxtGenerator.Validate(result).Findings));
        foreach (var path in SampleSites.DocsPaths.Skip(1))
            Assert.Contains(site.Url(path).AbsoluteUri, result, StringComparison.Ordinal);
        Assert.DoesNotContain(SampleSites.DisallowedPath, result, StringComparison.Ordinal);

        var done = socket.OfType("done").Single().Content();
        Assert.Equal(SampleSites.DocsPaths.Count, done.GetProperty("pages").GetInt32());
        Assert.Equal(result.Split('\n').Count(l => l.StartsWith("- [", StringComparison.Ordinal)), done.GetProperty("pages").GetInt32());
        Assert.Equal(0, done.GetProperty("failed").GetInt32());
        Assert.True(done.GetProperty("seconds").GetDouble() > 0);

        var progress = socket.OfType("progress").Last().Content();
        Assert.Equal(SampleSites.DocsPaths.Count, progress.GetProperty("crawled").GetInt32());

        using var http = new HttpClient();
        var hosted = await http.GetAsync(new Uri(socket.OfType("url").Single().Text()));
        Assert.Equal(HttpStatusCode.OK, hosted.StatusCode);
        Assert.Equal("text/markdown", hosted.Content.Headers.ContentType?.MediaType);
        Assert.Equal(System.Text.Encoding.UTF8.GetBytes(result), await hosted.Content.ReadAsByteArrayAsync());
        Assert.Equal(server.BaseUri.Authority, new Uri(socket.OfType("url").Single().Text()).Authority);
        var hostedFull = await http.GetStringAsync(new Uri(socket.OfType("full_url").Single().Text()));
        Assert.Equal(socket.OfType("full").Single().Text(), hostedFull);
    }

    [Fact]
    public async Task CancelDeliversPartialResultFromPagesFetched()
    {
        await using var site = await SampleSites.StartSlowSiteAsync(pages: 300, delay: TimeSpan.FromMilliseconds(150));
        await using var socket = await LiveSocket.ConnectAsync(server.Started().SocketUri());

        await socket.SendJsonAsync(new { url = site.BaseUri.AbsoluteUri, maxPages = 300 });
        await socket.ReadUntilAsync(m => m.Type() == "progress" && m.Content().GetProperty("crawled").GetInt32() >= 3);
        await socket.SendJsonAsync(new { type = "cancel" });
        await socket.ReadToCloseAsync();

        Assert.Equal(WebSocketCloseStatus.NormalClosure, socket.CloseStatus);
        var result = socket.OfType("result").Single().Text();
        Assert.StartsWith("# ", result, StringComparison.Ordinal);
        Assert.Contains(socket.OfType("log"), m => m.Text().Contains("partial", StringComparison.OrdinalIgnoreCase));
        var pages = socket.OfType("done").Single().Content().GetProperty("pages").GetInt32();
        Assert.InRange(pages, 3, 299);
        Assert.Equal("done", socket.Messages[^1].Type());
        // A partial file is not hosted: it would replace a complete hosted copy.
        Assert.Empty(socket.OfType("url"));
    }

    [Fact]
    public async Task DisconnectCancelsTheCrawlWithinOneSecond()
    {
        await using var site = await SampleSites.StartSlowSiteAsync(pages: 300, delay: TimeSpan.FromMilliseconds(150));
        await using var socket = await LiveSocket.ConnectAsync(server.Started().SocketUri());
        await socket.SendJsonAsync(new { url = site.BaseUri.AbsoluteUri, maxPages = 300 });
        await socket.ReadUntilAsync(m => m.Type() == "progress" && m.Content().GetProperty("crawled").GetInt32() >= 2);

        var mark = server.Logs.Count;
        socket.Abort();
        var aborted = DateTimeOffset.UtcNow;
        await server.Logs.WaitForAsync(l => l.Message.Contains("the client went away", StringComparison.Ordinal), mark);

        // Requests already on the wire may still land; from one second after the drop, none may.
        var settle = aborted + TimeSpan.FromSeconds(1) - DateTimeOffset.UtcNow;
        if (settle > TimeSpan.Zero) await Task.Delay(settle);
        var cutoff = DateTimeOffset.UtcNow;
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.DoesNotContain(site.Requests, r => r.At > cutoff);
        Assert.Contains(site.Requests, r => r.PathAndQuery.StartsWith("/p/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OversizedMessageClosesWith1009()
    {
        await using var socket = await LiveSocket.ConnectAsync(server.Started().SocketUri());

        await socket.SendAsync("{\"url\":\"" + new string('a', 100 * 1024) + "\"}");
        await socket.ReadToCloseAsync();

        Assert.Equal(WebSocketCloseStatus.MessageTooBig, socket.CloseStatus);
    }

    [Fact]
    public async Task OversizedMessageDuringCrawlClosesWith1009AndStopsIt()
    {
        await using var site = await GatedSite.StartAsync();
        await using var socket = await LiveSocket.ConnectAsync(server.Started().SocketUri());
        await socket.SendJsonAsync(new { url = site.BaseUri.AbsoluteUri, maxPages = 5 });
        await socket.ReadUntilAsync(m => m.Type() == "log" && m.Text().StartsWith("Fetched", StringComparison.Ordinal));

        await socket.SendAsync("{\"type\":\"" + new string('x', 100 * 1024) + "\"}");
        await socket.ReadToCloseAsync();

        Assert.Equal(WebSocketCloseStatus.MessageTooBig, socket.CloseStatus);
        Assert.Empty(socket.OfType("result"));
    }

    [Fact]
    public async Task ForeignOriginIsRefused()
    {
        var ex = await Assert.ThrowsAsync<WebSocketException>(() =>
            LiveSocket.ConnectAsync(server.Started().SocketUri(), o => o.SetRequestHeader("Origin", "https://evil.example")));
        Assert.Contains("403", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://localhost:3000")]
    [InlineData(null)]
    public async Task OwnOriginDevOriginAndNoOriginAreAccepted(string? origin)
    {
        var own = server.Started().BaseUri.GetLeftPart(UriPartial.Authority);
        await using var socket = await LiveSocket.ConnectAsync(server.SocketUri(), o => o.SetRequestHeader("Origin", origin ?? own));
        await using var plain = await LiveSocket.ConnectAsync(server.SocketUri());
        await socket.SendAsync("{\"url\":\"ftp://nope\"}");
        await socket.ReadToCloseAsync();
        Assert.Contains("url", Assert.Single(socket.OfType("error")).Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnreachableSiteGetsClearErrorThenDone()
    {
        await using var socket = await LiveSocket.ConnectAsync(server.Started().SocketUri());

        await socket.SendJsonAsync(new { url = "http://127.0.0.1:9/" });
        await socket.ReadToCloseAsync();

        Assert.Equal(WebSocketCloseStatus.NormalClosure, socket.CloseStatus);
        Assert.Contains("127.0.0.1", Assert.Single(socket.OfType("error")).Text(), StringComparison.Ordinal);
        Assert.Equal("done", socket.Messages[^1].Type());
        Assert.Empty(socket.OfType("result"));
    }

    [Fact]
    public async Task AutoUpdateEnrolsTheSiteAndSaysWhenItRecrawls()
    {
        await using var site = await SampleSites.StartDocsSiteAsync();
        await using var socket = await LiveSocket.ConnectAsync(server.Started().SocketUri());

        await socket.SendJsonAsync(new { url = site.BaseUri.AbsoluteUri, enableAutoUpdate = true, recrawlIntervalMinutes = 1440 });
        await socket.ReadToCloseAsync();

        var line = Assert.Single(socket.OfType("log"), m => m.Text().StartsWith("Automatic updates are on", StringComparison.Ordinal)).Text();
        Assert.Contains(site.BaseUri.Authority, line, StringComparison.Ordinal);
        Assert.Contains("every 1 day", line, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\d+ ms")]
    private static partial Regex MillisecondsPattern();
}
