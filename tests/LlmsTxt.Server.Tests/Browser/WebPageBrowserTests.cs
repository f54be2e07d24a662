using LlmsTxt.Core.Generation;
using LlmsTxt.Server.Tests.Support;
using LlmsTxt.TestSites;
using PuppeteerSharp;

namespace LlmsTxt.Server.Tests.Browser;

/// <summary>A server with an API key that may crawl fixture sites on 127.0.0.1.</summary>
public sealed class KeyedCrawlServer() : CrawlServer(new Dictionary<string, string?> { ["API_KEY"] = Key, ["AUTH_FAILURE_LIMIT"] = "1000" })
{
    public const string Key = "page-test-key-0123456789";
}

public sealed class WebPageBrowserTests(BrowserFixture browser, OpenCrawlServer server) : IClassFixture<BrowserFixture>, IClassFixture<OpenCrawlServer>
{
    private static async Task WaitAsync(IPage page, string script) =>
        await (await page.WaitForFunctionAsync(script, new WaitForFunctionOptions { Timeout = 30_000 })).DisposeAsync();

    private static Task<string> TextAsync(IPage page, string selector) =>
        page.EvaluateFunctionAsync<string>("s => document.querySelector(s)?.textContent ?? ''", selector);

    private static async Task OpenAsync(IPage page, Uri url)
    {
        await page.GoToAsync(url.AbsoluteUri);
        await WaitAsync(page, "() => document.body.dataset.ready === 'true'");
    }

    [Fact]
    public async Task FileTabsAnswerArrowKeysAndCopyAndDownloadTheWholeFile()
    {
        await using var site = await SampleSites.StartDocsSiteAsync();
        await using var page = await browser.NewPageAsync();
        await OpenAsync(page, server.Started().BaseUri);
        await page.TypeAsync("#url", site.BaseUri.AbsoluteUri);
        await page.ClickAsync("#full");
        await page.ClickAsync("#generate");
        await WaitAsync(page, "() => document.getElementById('status').textContent.startsWith('Done')");
        // Every Blob handed to a download link, to read what the file would hold.
        await page.EvaluateExpressionAsync("window.__downloads = []; const make = URL.createObjectURL; URL.createObjectURL = (b) => { window.__downloads.push(b); return make(b); };");

        await page.FocusAsync("#tab-txt");
        await page.Keyboard.PressAsync("ArrowRight");
        Assert.Equal("true", await page.EvaluateExpressionAsync<string>("document.getElementById('tab-full').getAttribute('aria-selected')"));
        Assert.False(await page.EvaluateExpressionAsync<bool>("document.getElementById('panel-full').hidden"));
        Assert.True(await page.EvaluateExpressionAsync<bool>("document.activeElement.id === 'tab-full'"));
        await page.Keyboard.PressAsync("Home");
        Assert.False(await page.EvaluateExpressionAsync<bool>("document.getElementById('panel-txt').hidden"));

        await page.ClickAsync("[data-copy='txt']");
        await WaitAsync(page, "() => document.querySelector(\"[data-copy='txt']\").textContent !== 'Copy'");
        Assert.Equal("Copied", await TextAsync(page, "[data-copy='txt']"));
        await page.ClickAsync("#tab-full");
        await page.ClickAsync("[data-download='full']");
        var downloaded = await page.EvaluateExpressionAsync<string>("window.__downloads[0].text()");
        Assert.Equal(await TextAsync(page, "#output-full"), downloaded);
        Assert.StartsWith("# ", downloaded, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GeneratesWithLiveLogResultHostedLinkAndVerdict()
    {
        await using var site = await SampleSites.StartDocsSiteAsync();
        await using var page = await browser.NewPageAsync();
        await OpenAsync(page, server.Started().BaseUri);

        // Keyboard only: type the URL, tick llms-full with Space, submit with Enter.
        await page.FocusAsync("#url");
        await page.Keyboard.TypeAsync(site.BaseUri.AbsoluteUri);
        await page.FocusAsync("#full");
        await page.Keyboard.PressAsync("Space");
        await page.FocusAsync("#url");
        await page.Keyboard.PressAsync("Enter");

        await WaitAsync(page, "() => document.querySelectorAll('#log li').length > 0");
        await WaitAsync(page, "() => document.querySelector('#hosted a') && document.getElementById('status').textContent.startsWith('Done')");

        var result = await TextAsync(page, "#output-txt");
        Assert.True(LlmsTxtGenerator.Validate(result).IsValid);
        Assert.Contains(site.Url("/docs/install").AbsoluteUri, result, StringComparison.Ordinal);
        Assert.Contains("Valid llms.txt", await TextAsync(page, "#verdict"), StringComparison.Ordinal);
        // Milestones in the story; the line per page behind the details toggle, without the origin repeated.
        Assert.Contains("pages", await TextAsync(page, "#story"), StringComparison.Ordinal);
        Assert.DoesNotContain("Fetched", await TextAsync(page, "#log"), StringComparison.Ordinal);
        Assert.Contains("Fetched /docs/", await TextAsync(page, "#page-log"), StringComparison.Ordinal);
        Assert.False(await page.EvaluateExpressionAsync<bool>("document.getElementById('page-log-details').open"));
        // The header: counts in the shared words, each file's size and token estimate.
        var summary = await TextAsync(page, "#summary");
        Assert.Contains($"{SampleSites.DocsPaths.Count} of 50 pages listed", summary, StringComparison.Ordinal);
        Assert.Contains("llms.txt:", summary, StringComparison.Ordinal);
        Assert.Contains("llms-full.txt:", summary, StringComparison.Ordinal);
        Assert.Contains("tokens", summary, StringComparison.Ordinal);
        // The outline: one expandable entry per section of the file, with its link count.
        var sections = result.Split('\n').Count(l => l.StartsWith("## ", StringComparison.Ordinal));
        Assert.Equal(sections, await page.EvaluateExpressionAsync<int>("document.querySelectorAll('#outline details').length"));
        Assert.Contains("link", await TextAsync(page, "#outline summary"), StringComparison.Ordinal);
        await page.ClickAsync("#outline summary");
        Assert.True(await page.EvaluateExpressionAsync<bool>("document.querySelector('#outline details').open"));
        Assert.False(await page.EvaluateExpressionAsync<bool>("document.getElementById('tab-full').hidden"));
        Assert.Contains($"{SampleSites.DocsPaths.Count} / 50 pages listed", await TextAsync(page, "#progress-text"), StringComparison.Ordinal);

        var hosted = await page.EvaluateExpressionAsync<string>("document.querySelector('#hosted a').href");
        using var http = new HttpClient();
        Assert.Equal(result, await http.GetStringAsync(new Uri(hosted)));
        await BrowserFixture.ScreenshotAsync(page, "result-1440-light");

        await page.ClickAsync("#tab-full");
        Assert.False(await page.EvaluateExpressionAsync<bool>("document.getElementById('panel-full').hidden"));
        Assert.StartsWith("# ", await TextAsync(page, "#output-full"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(375, false)]
    [InlineData(375, true)]
    [InlineData(1440, true)]
    public async Task PageIsReadableAtPhoneAndDesktopWidthsInBothSchemes(int width, bool dark)
    {
        await using var site = await SampleSites.StartDocsSiteAsync();
        await using var page = await browser.NewPageAsync(width, dark: dark);
        await OpenAsync(page, server.Started().BaseUri);
        await page.TypeAsync("#url", site.BaseUri.AbsoluteUri);
        await page.ClickAsync("#generate");
        await WaitAsync(page, "() => document.getElementById('status').textContent.startsWith('Done')");

        // Nothing wider than the viewport: no sideways scrolling on a phone.
        Assert.True(await page.EvaluateExpressionAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"));
        var background = await page.EvaluateExpressionAsync<string>("getComputedStyle(document.body).backgroundColor");
        Assert.Equal(dark ? "rgb(15, 18, 22)" : "rgb(246, 247, 249)", background);
        await BrowserFixture.ScreenshotAsync(page, $"result-{width}-{(dark ? "dark" : "light")}");
    }

    [Fact]
    public async Task StopOnASlowSiteShowsAPartialResult()
    {
        await using var site = await SampleSites.StartSlowSiteAsync(pages: 300, delay: TimeSpan.FromMilliseconds(150));
        await using var page = await browser.NewPageAsync();
        await OpenAsync(page, server.Started().BaseUri);
        await page.TypeAsync("#url", site.BaseUri.AbsoluteUri);
        await page.EvaluateExpressionAsync("document.getElementById('max-pages').value = '300'");
        await page.ClickAsync("#generate");

        await WaitAsync(page, "() => document.getElementById('progress').value >= 3");
        Assert.False(await page.EvaluateExpressionAsync<bool>("document.getElementById('stop').disabled"));
        await page.ClickAsync("#stop");
        await WaitAsync(page, "() => document.getElementById('status').textContent.startsWith('Stopped')");

        Assert.StartsWith("# ", await TextAsync(page, "#output-txt"), StringComparison.Ordinal);
        Assert.Contains("partial", (await TextAsync(page, "#log")).ToLowerInvariant(), StringComparison.Ordinal);
        // A stopped crawl's file is never labelled plain "Valid".
        await WaitAsync(page, "() => !document.getElementById('summary').hidden");
        Assert.StartsWith("Partial", await TextAsync(page, "#verdict"), StringComparison.Ordinal);
        Assert.Contains("Partial", await TextAsync(page, "#summary"), StringComparison.Ordinal);
        Assert.True(await page.EvaluateExpressionAsync<bool>("document.getElementById('stop').disabled"));
        Assert.False(await page.EvaluateExpressionAsync<bool>("document.getElementById('generate').disabled"));
        await BrowserFixture.ScreenshotAsync(page, "stopped-1440-light");
    }

    [Fact]
    public async Task BadUrlIsExplainedWithoutCrawling()
    {
        await using var page = await browser.NewPageAsync(375);
        await OpenAsync(page, server.Started().BaseUri);
        await page.TypeAsync("#url", "ftp://files.example");
        await page.ClickAsync("#generate");

        await WaitAsync(page, "() => !document.getElementById('url-error').hidden");
        Assert.Contains("http", await TextAsync(page, "#url-error"), StringComparison.Ordinal);
        Assert.Equal("true", await page.EvaluateExpressionAsync<string>("document.getElementById('url').getAttribute('aria-invalid')"));
        Assert.True(await page.EvaluateExpressionAsync<bool>("document.getElementById('activity').hidden"));
    }

    [Fact]
    public async Task UnreachableSiteShowsAClearError()
    {
        await using var page = await browser.NewPageAsync();
        await OpenAsync(page, server.Started().BaseUri);
        await page.TypeAsync("#url", "http://127.0.0.1:9/");
        await page.ClickAsync("#generate");

        await WaitAsync(page, "() => !document.getElementById('error').hidden");
        Assert.Contains("127.0.0.1:9", await TextAsync(page, "#error"), StringComparison.Ordinal);
        await WaitAsync(page, "() => !document.getElementById('generate').disabled");
    }
}

public sealed class WebPageApiKeyTests(BrowserFixture browser, KeyedCrawlServer server) : IClassFixture<BrowserFixture>, IClassFixture<KeyedCrawlServer>
{
    [Fact]
    public async Task WrongKeyIsRefusedAndRightKeySucceedsWithoutTokenInTheAddressBar()
    {
        await using var site = await SampleSites.StartDocsSiteAsync();
        await using var page = await browser.NewPageAsync();
        await page.GoToAsync(server.Started().BaseUri.AbsoluteUri);
        await page.WaitForFunctionAsync("() => document.body.dataset.ready === 'true'");
        Assert.False(await page.EvaluateExpressionAsync<bool>("document.getElementById('api-key-field').hidden"));

        await page.TypeAsync("#url", site.BaseUri.AbsoluteUri);
        await page.TypeAsync("#api-key", "wrong-key");
        await page.ClickAsync("#generate");
        // Shown at the key's field, where the mistake is.
        await page.WaitForFunctionAsync("() => !document.getElementById('api-key-error').hidden");
        Assert.Contains("not accepted", await page.EvaluateExpressionAsync<string>("document.getElementById('api-key-error').textContent"), StringComparison.Ordinal);
        Assert.Empty(site.Requests);
        await BrowserFixture.ScreenshotAsync(page, "wrong-key-1440-light");

        await page.EvaluateExpressionAsync("document.getElementById('api-key').value = ''");
        await page.TypeAsync("#api-key", KeyedCrawlServer.Key);
        await page.ClickAsync("#generate");
        await page.WaitForFunctionAsync("() => document.getElementById('status').textContent.startsWith('Done')");

        Assert.True(await page.EvaluateExpressionAsync<bool>("document.getElementById('error').hidden"));
        Assert.True(await page.EvaluateExpressionAsync<bool>("document.getElementById('api-key-error').hidden"));
        Assert.StartsWith("# ", await page.EvaluateExpressionAsync<string>("document.getElementById('output-txt').textContent"), StringComparison.Ordinal);
        Assert.Contains("token", await page.EvaluateExpressionAsync<string>("sessionStorage.getItem('llmstxt.token') || ''"), StringComparison.Ordinal);
        Assert.DoesNotContain("token", page.Url, StringComparison.Ordinal);
        Assert.DoesNotContain(KeyedCrawlServer.Key, page.Url, StringComparison.Ordinal);
    }
}
