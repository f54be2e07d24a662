using LlmsTxt.Core.Crawling;
using LlmsTxt.Core.Generation;
using LlmsTxt.TestSites;

namespace LlmsTxt.Core.Tests.Generation;

public sealed class LlmsTxtGeneratorTests
{
    private sealed class Collect : IProgress<GenerationEvent>
    {
        public List<GenerationEvent> Events { get; } = [];
        public void Report(GenerationEvent value) { lock (Events) Events.Add(value); }
        public IEnumerable<string> Lines { get { lock (Events) return Events.OfType<GenerationLog>().Select(l => l.Message).ToList(); } }
    }

    [Fact]
    public async Task BuildsValidFileListingTheSitesPages()
    {
        await using var site = await SampleSites.StartDocsSiteAsync();
        using var generator = new LlmsTxtGenerator();
        var events = new Collect();

        var result = await generator.GenerateAsync(new GenerationRequest { Url = site.BaseUri, AllowPrivateNetworks = true, Full = true }, events);

        Assert.True(result.Validation.IsValid, string.Join("\n", result.Validation.Findings));
        Assert.False(result.Partial);
        foreach (var path in SampleSites.DocsPaths.Skip(1))
            Assert.Contains(site.Url(path).AbsoluteUri, result.LlmsTxt, StringComparison.Ordinal);
        Assert.DoesNotContain(SampleSites.DisallowedPath, result.LlmsTxt, StringComparison.Ordinal);
        Assert.Equal(SampleSites.DocsPaths.Count, result.Stats.PagesListed);
        Assert.NotNull(result.LlmsFullTxt);
        Assert.Equal(LlmsTxtGenerator.Hash(result.LlmsTxt), result.ContentHash);
        Assert.Contains(events.Lines, l => l.Contains("robots.txt", StringComparison.Ordinal));
        Assert.Contains(events.Lines, l => l.StartsWith("llms.txt:", StringComparison.Ordinal));
        Assert.Contains(events.Events, e => e is GenerationProgress);
    }

    [Fact]
    public async Task SameSiteGivesByteIdenticalFile()
    {
        await using var site = await SampleSites.StartDocsSiteAsync();
        using var generator = new LlmsTxtGenerator();
        var request = new GenerationRequest { Url = site.BaseUri, AllowPrivateNetworks = true };

        var first = await generator.GenerateAsync(request);
        var second = await generator.GenerateAsync(request);

        Assert.Equal(first.LlmsTxt, second.LlmsTxt);
        Assert.Equal(first.ContentHash, second.ContentHash);
    }

    [Fact]
    public async Task StopBuildsPartialFileFromPagesFetched()
    {
        await using var site = await SampleSites.StartSlowSiteAsync(pages: 200, delay: TimeSpan.FromMilliseconds(200));
        using var generator = new LlmsTxtGenerator();
        using var stop = new CancellationTokenSource();
        var progress = new StopAfterPages(stop, pages: 3);

        var result = await generator.GenerateAsync(new GenerationRequest { Url = site.BaseUri, MaxPages = 200, AllowPrivateNetworks = true }, progress, stopCrawling: stop.Token, cancellationToken: CancellationToken.None);

        Assert.True(result.Partial);
        Assert.InRange(result.Stats.PagesListed, 1, 199);
        Assert.StartsWith("# ", result.LlmsTxt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancellationAbandonsTheCrawl()
    {
        await using var site = await SampleSites.StartSlowSiteAsync(pages: 200, delay: TimeSpan.FromMilliseconds(200));
        using var generator = new LlmsTxtGenerator();
        using var gone = new CancellationTokenSource();
        var progress = new StopAfterPages(gone, pages: 2);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            generator.GenerateAsync(new GenerationRequest { Url = site.BaseUri, MaxPages = 200, AllowPrivateNetworks = true }, progress, gone.Token));
    }

    [Fact]
    public async Task UnreachableSiteFailsWithReadableMessage()
    {
        using var generator = new LlmsTxtGenerator();

        var ex = await Assert.ThrowsAsync<GenerationFailedException>(() =>
            generator.GenerateAsync(new GenerationRequest { Url = new Uri("http://127.0.0.1:9/"), AllowPrivateNetworks = true }));

        Assert.Contains("127.0.0.1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefusesPrivateAddressesUnlessAllowed()
    {
        await using var site = await SampleSites.StartDocsSiteAsync();
        using var generator = new LlmsTxtGenerator();

        var ex = await Assert.ThrowsAsync<GenerationFailedException>(() => generator.GenerateAsync(new GenerationRequest { Url = site.BaseUri }));

        // Core names no setting of its hosts: it says what was refused and why, and stops there.
        Assert.Contains("Only public internet addresses are crawled.", ex.Message, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1", ex.Message, StringComparison.Ordinal);
        Assert.Empty(site.Requests);
    }

    [Fact]
    public async Task RefusalEndsWithTheHostsAdviceOnAllowingPrivateTargets()
    {
        await using var site = await SampleSites.StartDocsSiteAsync();
        using var generator = new LlmsTxtGenerator(new CrawlOptions { PrivateTargetsAdvice = "flip the private switch to allow private targets" });

        var ex = await Assert.ThrowsAsync<GenerationFailedException>(() => generator.GenerateAsync(new GenerationRequest { Url = site.BaseUri }));

        Assert.Contains("Only public internet addresses are crawled; flip the private switch to allow private targets.", ex.Message, StringComparison.Ordinal);
        Assert.Empty(site.Requests);
    }

    /// <summary>Cancels a token once the crawl reports that <paramref name="pages"/> pages were fetched.</summary>
    private sealed class StopAfterPages(CancellationTokenSource source, int pages) : IProgress<GenerationEvent>
    {
        public void Report(GenerationEvent value)
        {
            if (value is GenerationProgress p && p.Crawled >= pages) source.Cancel();
        }
    }
}

public sealed class RenderedGenerationTests
{
    [Fact]
    public async Task JavaScriptOnlySiteIsListedWithRenderedTextWhenRenderingIsOn()
    {
        await using var site = await LlmsTxt.Core.Tests.Support.JsOnlySite.StartAsync();
        await using var renderer = new LlmsTxt.Core.Rendering.ChromiumRenderer(new LlmsTxt.Core.Rendering.ChromiumRendererOptions
        {
            ExecutablePath = LlmsTxt.Core.Tests.Rendering.ChromiumRendererTests.ChromiumPath(),
        });
        using var generator = new LlmsTxtGenerator(renderer: renderer);
        var lines = new List<string>();
        var progress = new SyncProgress(e => { if (e is GenerationLog l) lock (lines) lines.Add(l.Message); });

        var result = await generator.GenerateAsync(new GenerationRequest { Url = site.BaseUri, RenderJs = true, AllowPrivateNetworks = true }, progress);

        Assert.Contains("Rendered guide", result.LlmsTxt, StringComparison.Ordinal);
        Assert.Contains(site.Url("/guide").AbsoluteUri, result.LlmsTxt, StringComparison.Ordinal);
        Assert.True(result.Stats.Rendered >= 1);
        Assert.Contains(lines, l => l.StartsWith("Rendered ", StringComparison.Ordinal));
    }

    private sealed class SyncProgress(Action<GenerationEvent> report) : IProgress<GenerationEvent>
    {
        public void Report(GenerationEvent value) => report(value);
    }
}
