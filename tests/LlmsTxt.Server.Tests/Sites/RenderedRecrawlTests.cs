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

    [Fact]
    public async Task BrowserThatStopsWorkingDoesNotReplaceTheHostedFile()
    {
        await using var site = await JsSites.StartLinkedAppAsync(pages: 6);
        await using var chromium = Renderer();
        var renderer = new FailingAfterSwitch(chromium);
        using var harness = await SchedulerHarness.CreateAsync(databases, renderer: renderer);
        var enrolled = await harness.EnrolAfterCrawlAsync(site.BaseUri.AbsoluteUri);
        var hostedBefore = await harness.Store.GetTextAsync(StorageKeys.LlmsTxt(enrolled.BaseUrl));
        renderer.Broken = true;
        harness.Time.Advance(TimeSpan.FromHours(3));

        var pass = await harness.Scheduler.RunPassAsync();

        Assert.Equal(0, pass.Updated);
        Assert.Equal(hostedBefore!.Content, (await harness.Store.GetTextAsync(StorageKeys.LlmsTxt(enrolled.BaseUrl)))!.Content);
        Assert.Contains("rendering failed", (await harness.SiteAsync(enrolled.BaseUrl)).LastError, StringComparison.Ordinal);
    }

    /// <summary>Real Chromium until <see cref="Broken"/> is set; then every render fails, as when the browser can no longer start.</summary>
    private sealed class FailingAfterSwitch(IPageRenderer inner) : IPageRenderer
    {
        public bool Broken { get; set; }

        public IRenderSession OpenSession(RenderSessionOptions sessionOptions) => Broken ? new Failing() : inner.OpenSession(sessionOptions);

        private sealed class Failing : IRenderSession
        {
            public Task<RenderedPage?> RenderAsync(Uri url, CancellationToken cancellationToken = default) => Task.FromResult<RenderedPage?>(null);

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }
}
