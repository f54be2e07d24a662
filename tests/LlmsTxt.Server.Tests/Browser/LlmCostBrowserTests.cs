using LlmsTxt.Server.Tests.Support;
using LlmsTxt.TestSites;
using PuppeteerSharp;

namespace LlmsTxt.Server.Tests.Browser;

/// <summary>The page with LLM enhancement on: the result says what the enhancement did and what it cost.</summary>
public sealed class LlmCostBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static async Task WaitAsync(IPage page, string script) =>
        await (await page.WaitForFunctionAsync(script, new WaitForFunctionOptions { Timeout = 30_000 })).DisposeAsync();

    private static Task<string> TextAsync(IPage page, string selector) =>
        page.EvaluateFunctionAsync<string>("s => document.querySelector(s)?.textContent ?? ''", selector);

    /// <summary>A crawl of the sample docs site from the page, with or without "Improve the file with an LLM", until it is done.</summary>
    private async Task<IPage> CrawlOnThePageAsync(CrawlServer server, bool enhance)
    {
        await using var site = await SampleSites.StartDocsSiteAsync();
        var page = await browser.NewPageAsync();
        await page.GoToAsync(server.Started().BaseUri.AbsoluteUri);
        await WaitAsync(page, "() => document.body.dataset.ready === 'true'");
        await page.TypeAsync("#url", site.BaseUri.AbsoluteUri);
        if (enhance) await page.ClickAsync("#llm-enhance");
        await page.ClickAsync("#generate");
        await WaitAsync(page, "() => document.getElementById('status').textContent.startsWith('Done')");
        return page;
    }

    [Fact]
    public async Task EnhancedCrawlShowsChunksRequestsAndTokens()
    {
        await using var standIn = await ChatCompletionsStandIn.StartAsync(ChatReply.Improve());
        await using var server = new CrawlServer(new Dictionary<string, string?>
        {
            ["LLM_ENHANCEMENT_ENABLED"] = "true",
            ["LLM_API_KEY"] = "sk-page-test-0123456789",
            ["LLM_BASE_URL"] = standIn.BaseUrl.AbsoluteUri,
            ["LLM_MODEL"] = "test/page-model",
        });
        await using var page = await CrawlOnThePageAsync(server, enhance: true);

        var cost = await TextAsync(page, "#summary .llm-cost");
        var requests = standIn.Calls.Count;
        Assert.StartsWith("LLM enhancement: ", cost, StringComparison.Ordinal);
        Assert.Matches(@"^LLM enhancement: (\d+) of \1 chunks? improved · ", cost);
        Assert.Contains($"· {requests} request{(requests == 1 ? "" : "s")} ·", cost, StringComparison.Ordinal);
        Assert.Matches(@"· [\d,]+ prompt \+ [\d,]+ answer tokens$", cost);
        await BrowserFixture.ScreenshotAsync(page, "llm-cost-1440-light");
    }

    [Fact]
    public async Task CrawlWithoutEnhancementShowsNoCostLine()
    {
        await using var server = new CrawlServer();
        await using var page = await CrawlOnThePageAsync(server, enhance: false);

        Assert.Contains("pages listed", await TextAsync(page, "#summary"), StringComparison.Ordinal);
        Assert.Equal(0, await page.EvaluateExpressionAsync<int>("document.querySelectorAll('#summary .llm-cost').length"));
    }
}
