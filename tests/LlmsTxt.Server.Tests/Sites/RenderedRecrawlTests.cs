using LlmsTxt.Core.Rendering;
using LlmsTxt.Server.Sites;
using LlmsTxt.Server.Storage;
using LlmsTxt.Server.Tests.Hosting;
using LlmsTxt.TestSites;

namespace LlmsTxt.Server.Tests.Sites;

/// <summary>The scheduler recrawling JavaScript-only sites with real headless Chromium (one browser for every crawl).</summary>
public sealed class RenderedRecrawlTests(SqliteDatabases databases) : IClassFixture<SqliteDatabases>
{
    private static ChromiumRenderer Renderer() => new(new ChromiumRendererOptions
    {
        ExecutablePath = Environment.GetEnvironmentVariable("LLMSTXT_TEST_CHROMIUM") is { Length: > 0 } path
            ? path
            : throw new InvalidOperationException("LLMSTXT_TEST_CHROMIUM is not set: run the tests through ./test.sh."),
    });

    private static int Links(string text) => text.Split('\n').Count(l => l.StartsWith("- [", StringComparison.Ordinal));

    [Fact]
    public async Task ScheduledRecrawlOfAnUnchangedJavaScriptSiteKeepsTheHostedFile()
    {
        await using var site = await JsSites.StartLinkedAppAsync(pages: 6);
        await using var renderer = Renderer();
        using var harness = await SchedulerHarness.CreateAsync(databases, renderer: renderer);
        var enrolled = await harness.EnrolAfterCrawlAsync(site.BaseUri.AbsoluteUri);
        var hostedBefore = await harness.Store.GetTextAsync(StorageKeys.LlmsTxt(enrolled.BaseUrl));
        harness.Time.Advance(TimeSpan.FromHours(3));

        var pass = await harness.Scheduler.RunPassAsync();

        Assert.Equal(7, Links(hostedBefore!.Content));
        Assert.Equal(new PassSummary(1, 0, 1, 0, 0), pass);
        var hostedAfter = await harness.Store.GetTextAsync(StorageKeys.LlmsTxt(enrolled.BaseUrl));
        Assert.Equal(hostedBefore.Content, hostedAfter!.Content);
        Assert.Equal(hostedBefore.LastModified, hostedAfter.LastModified);
        Assert.Null((await harness.SiteAsync(enrolled.BaseUrl)).LastError);
    }

    [Fact]
    public async Task MuchSmallerFileFromASiteThatUsedToRenderIsKeptOutWithAReason()
    {
        var broken = false;
        await using var site = await JsSites.StartLinkedAppAsync(pages: 6, broken: () => broken);
        await using var renderer = Renderer();
        using var harness = await SchedulerHarness.CreateAsync(databases, renderer: renderer);
        var enrolled = await harness.EnrolAfterCrawlAsync(site.BaseUri.AbsoluteUri);
        var hostedBefore = await harness.Store.GetTextAsync(StorageKeys.LlmsTxt(enrolled.BaseUrl));
        broken = true;
        harness.Time.Advance(TimeSpan.FromHours(3));

        var pass = await harness.Scheduler.RunPassAsync();

        Assert.Equal(0, pass.Updated);
        var hostedAfter = await harness.Store.GetTextAsync(StorageKeys.LlmsTxt(enrolled.BaseUrl));
        Assert.Equal(hostedBefore!.Content, hostedAfter!.Content);
        Assert.Equal(7, Links(hostedAfter.Content));
        var after = await harness.SiteAsync(enrolled.BaseUrl);
        Assert.Equal(enrolled.LatestHash, after.LatestHash);
        Assert.Contains("hosted file was kept", after.LastError, StringComparison.Ordinal);
        Assert.Contains("lists 1 pages where the hosted one lists 7", after.LastError, StringComparison.Ordinal);
    }
}
