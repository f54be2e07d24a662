using LlmsTxt.Server.Tests.Support;
using LlmsTxt.TestSites;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using PuppeteerSharp;

namespace LlmsTxt.Server.Tests.Browser;

/// <summary>The result view on big files and small screens, in real headless Chromium against a real crawl.</summary>
public sealed class ResultViewBrowserTests(BrowserFixture browser, OpenCrawlServer server) : IClassFixture<BrowserFixture>, IClassFixture<OpenCrawlServer>
{
    private static async Task WaitAsync(IPage page, string script, int timeout = 60_000) =>
        await (await page.WaitForFunctionAsync(script, new WaitForFunctionOptions { Timeout = timeout })).DisposeAsync();

    private static Task<string> TextAsync(IPage page, string selector) =>
        page.EvaluateFunctionAsync<string>("s => document.querySelector(s)?.textContent ?? ''", selector);

    private async Task OpenAsync(IPage page)
    {
        await page.GoToAsync(server.Started().BaseUri.AbsoluteUri);
        await WaitAsync(page, "() => document.body.dataset.ready === 'true'");
    }

    [Fact]
    public async Task A4MbLlmsFullOpensWithoutALongTaskAndItsCapIsShown()
    {
        // 200 pages of ~30 KB: llms-full.txt reaches the 4,000,000-character cap (LLMS_FULL_MAX_CHARS).
        var site = new GeneratedSite(pageCount: 230, pageBytes: 30_000);
        await using var web = await TestWebServer.StartAsync(app =>
        {
            app.MapGet("/sitemap.xml", (HttpContext c) => Results.Content(site.Sitemap($"{c.Request.Scheme}://{c.Request.Host}"), "application/xml"));
            app.MapGet("/{**path}", (string? path) =>
            {
                var index = Enumerable.Range(0, site.PageCount).FirstOrDefault(i => GeneratedSite.PathOf(i) == "/" + (path ?? ""), -1);
                return index < 0 ? Results.NotFound() : SiteKit.Html(site.Render(index));
            });
        });
        await using var page = await browser.NewPageAsync();
        await OpenAsync(page);
        // Every main-thread task over 50 ms from here on (Chromium's Long Tasks API).
        await page.EvaluateExpressionAsync("window.__long = []; new PerformanceObserver((l) => window.__long.push(...l.getEntries().map((e) => e.duration))).observe({ type: 'longtask' });");
        await page.TypeAsync("#url", web.BaseUri.AbsoluteUri);
        await page.EvaluateExpressionAsync("document.getElementById('max-pages').value = '200'; document.getElementById('full').checked = true;");
        await page.ClickAsync("#generate");
        await WaitAsync(page, "() => document.getElementById('status').textContent.startsWith('Done')", 120_000);

        var fullLength = await page.EvaluateExpressionAsync<int>("document.getElementById('output-full').textContent.length");
        Assert.InRange(fullLength, 1, 100_000);
        Assert.Contains("size cap", await TextAsync(page, "#summary"), StringComparison.Ordinal);
        Assert.Contains("MB", await TextAsync(page, "#summary"), StringComparison.Ordinal);

        await page.ClickAsync("#tab-full");
        await page.EvaluateExpressionAsync("new Promise((r) => requestAnimationFrame(() => setTimeout(r, 100)))");
        var longest = await page.EvaluateExpressionAsync<double>("Math.max(0, ...window.__long)");
        Assert.True(longest < 200, $"a main-thread task took {longest:0} ms");
        Assert.False(await page.EvaluateExpressionAsync<bool>("document.getElementById('more-full').hidden"));
        Assert.Contains("Show all", await TextAsync(page, "#more-full"), StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(page, "big-full-1440-light");

        await page.ClickAsync("#more-full");
        Assert.True(await page.EvaluateExpressionAsync<int>("document.getElementById('output-full').textContent.length") > 3_000_000);
    }

    [Fact]
    public async Task OnAPhoneTheCrawlAndThenTheResultScrollIntoView()
    {
        await using var site = await SampleSites.StartSlowSiteAsync(pages: 12, delay: TimeSpan.FromMilliseconds(100));
        await using var page = await browser.NewPageAsync(375, 740);
        await OpenAsync(page);
        await page.TypeAsync("#url", site.BaseUri.AbsoluteUri);
        await page.EvaluateExpressionAsync("document.getElementById('max-pages').value = '12'");
        await page.ClickAsync("#generate");

        await WaitAsync(page, "() => document.querySelectorAll('#log li').length > 0");
        Assert.True(await InViewAsync(page, "#activity"), "the crawl card is not on screen after Generate");
        Assert.True(await page.EvaluateExpressionAsync<double>("window.scrollY") > 0, "the page did not scroll");
        await page.ScreenshotAsync(Path.Combine(BrowserFixture.ScreenshotFolder, "phone-crawl-375.png"));

        await WaitAsync(page, "() => document.getElementById('status').textContent.startsWith('Done')");
        await page.EvaluateExpressionAsync("new Promise((r) => requestAnimationFrame(() => r()))");
        Assert.True(await InViewAsync(page, "#results"), "the result card is not on screen at the end");
        Assert.True(await page.EvaluateExpressionAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"));
        await page.ScreenshotAsync(Path.Combine(BrowserFixture.ScreenshotFolder, "phone-result-375.png"));

        // A new attempt clears the old cards at once, even when it fails at the form.
        await page.EvaluateExpressionAsync("document.getElementById('url').value = 'not a url at all'");
        await page.ClickAsync("#generate");
        Assert.True(await page.EvaluateExpressionAsync<bool>("document.getElementById('results').hidden && document.getElementById('activity').hidden"));
        Assert.Contains("spaces", await TextAsync(page, "#url-error"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABareLocalHostIsCrawledOverHttpAndFieldErrorsShowAtTheirField()
    {
        await using var site = await SampleSites.StartDocsSiteAsync();
        await using var page = await browser.NewPageAsync();
        await OpenAsync(page);
        var bare = site.BaseUri.Authority;
        await page.TypeAsync("#url", bare);
        await page.EvaluateExpressionAsync("document.getElementById('max-pages').value = '0'");
        await page.ClickAsync("#generate");

        Assert.Contains("Max pages must be a whole number", await TextAsync(page, "#max-pages-error"), StringComparison.Ordinal);
        Assert.True(await page.EvaluateExpressionAsync<bool>("document.getElementById('error').hidden"));
        Assert.True(await page.EvaluateExpressionAsync<bool>("document.getElementById('url-error').hidden"));
        Assert.Empty(site.Requests);

        await page.EvaluateExpressionAsync("document.getElementById('max-pages').value = '5'");
        await page.ClickAsync("#generate");
        await WaitAsync(page, "() => document.getElementById('status').textContent.startsWith('Done')");
        Assert.Equal($"http://{bare}/", await page.EvaluateExpressionAsync<string>("document.getElementById('url').value"));
        Assert.StartsWith("# ", await TextAsync(page, "#output-txt"), StringComparison.Ordinal);
    }

    private static Task<bool> InViewAsync(IPage page, string selector) => page.EvaluateFunctionAsync<bool>(
        // Its top on screen, and all of it (or at least 60% of the screen's height) visible.
        "s => { const r = document.querySelector(s).getBoundingClientRect(); const visible = Math.min(r.bottom, window.innerHeight) - Math.max(r.top, 0); " +
        "return r.top >= -1 && r.top < window.innerHeight && visible >= Math.min(r.height, window.innerHeight * 0.6) - 1; }", selector);
}
