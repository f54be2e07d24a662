using LlmsTxt.Server.Tests.Support;
using LlmsTxt.TestSites;

namespace LlmsTxt.Server.Tests.Crawls;

/// <summary>A server with real headless Chromium (LLMSTXT_TEST_CHROMIUM, from test.sh) and loopback allowed.</summary>
public sealed class RenderingCrawlServer() : CrawlServer(new Dictionary<string, string?>
{
    ["CHROMIUM_PATH"] = Environment.GetEnvironmentVariable("LLMSTXT_TEST_CHROMIUM") is { Length: > 0 } path && File.Exists(path)
        ? path
        : throw new InvalidOperationException("LLMSTXT_TEST_CHROMIUM is not set: run the tests through ./test.sh (it installs Chromium)."),
});

public sealed class RenderedCrawlTests(RenderingCrawlServer server) : IClassFixture<RenderingCrawlServer>
{
    private static List<string> LinkLines(string llmsTxt) =>
        [.. llmsTxt.Split('\n').Where(l => l.StartsWith("- [", StringComparison.Ordinal))];

    private async Task<string> CrawlAsync(Uri site)
    {
        await using var socket = await LiveSocket.ConnectAsync(server.Started().SocketUri());
        await socket.SendJsonAsync(new { url = site.AbsoluteUri, maxPages = 20, renderJs = true });
        await socket.ReadToCloseAsync();
        Assert.Empty(socket.OfType("error"));
        return socket.OfType("result").Single().Text();
    }

    [Fact]
    public async Task SameJavaScriptSiteCrawledTwiceThroughOneServerListsTheSameLinks()
    {
        // no-cache + ETags: a browser cache shared between crawls would revalidate and get 304s the second time.
        await using var site = await JsSites.StartLinkedAppAsync(pages: 6);

        var first = await CrawlAsync(site.BaseUri);
        var second = await CrawlAsync(site.BaseUri);

        Assert.Equal(7, LinkLines(first).Count);
        Assert.Equal(LinkLines(first), LinkLines(second));
        Assert.Contains(site.Url("/p6").AbsoluteUri, second, StringComparison.Ordinal);
    }
}
