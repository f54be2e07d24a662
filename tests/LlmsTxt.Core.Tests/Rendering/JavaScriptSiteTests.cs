using LlmsTxt.Core.Generation;
using LlmsTxt.Core.Rendering;
using LlmsTxt.TestSites;
using Microsoft.AspNetCore.Builder;

namespace LlmsTxt.Core.Tests.Rendering;

/// <summary>Whole generations of JavaScript-only sites with real headless Chromium.</summary>
public sealed class JavaScriptSiteTests
{
    private static readonly string[] Routes = ["quickstart", "configuration", "plugins", "deploy", "faq"];

    private static ChromiumRenderer Renderer() => new(new ChromiumRendererOptions { ExecutablePath = ChromiumRendererTests.ChromiumPath() });

    private static List<string> LinkLines(string llmsTxt) => [.. llmsTxt.Split('\n').Where(l => l.StartsWith("- [", StringComparison.Ordinal))];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task HashRoutedSiteListsEveryRouteWithItsOwnText(bool hashBang)
    {
        await using var site = await JsSites.StartHashRoutedAsync(Routes, hashBang);
        await using var renderer = Renderer();
        using var generator = new LlmsTxtGenerator(renderer: renderer);

        var result = await generator.GenerateAsync(new GenerationRequest { Url = site.BaseUri, RenderJs = true, AllowPrivateNetworks = true, Full = true });

        var prefix = hashBang ? "#!/" : "#/";
        Assert.Equal(Routes.Length + 1, LinkLines(result.LlmsTxt).Count);
        foreach (var route in Routes)
        {
            Assert.Contains($"[Guide to {route}]({site.BaseUri.AbsoluteUri}{prefix}{route})", result.LlmsTxt, StringComparison.Ordinal);
            Assert.Contains($"Only the {route} route says this.", result.LlmsFullTxt!, StringComparison.Ordinal);
        }
        Assert.Equal(Routes.Length + 1, result.Stats.Rendered);
    }

    [Fact]
    public async Task LinksThatExistOnlyAfterRenderingAreFollowed()
    {
        await using var site = await JsSites.StartLinkedAppAsync(pages: 8);
        await using var renderer = Renderer();
        using var generator = new LlmsTxtGenerator(renderer: renderer);

        var rendered = await generator.GenerateAsync(new GenerationRequest { Url = site.BaseUri, RenderJs = true, AllowPrivateNetworks = true });
        var staticOnly = await generator.GenerateAsync(new GenerationRequest { Url = site.BaseUri, AllowPrivateNetworks = true });

        Assert.Equal(9, LinkLines(rendered.LlmsTxt).Count);
        Assert.Contains(site.Url("/p8").AbsoluteUri, rendered.LlmsTxt, StringComparison.Ordinal);
        Assert.Single(LinkLines(staticOnly.LlmsTxt));
    }

    [Fact]
    public async Task EmptyShellSiteCrawledWithoutRenderingSaysWhichOptionRendersIt()
    {
        await using var site = await JsSites.StartLinkedAppAsync(pages: 3);
        await using var text = await TestWebServer.StartAsync(app => app.MapGet("/", () => SiteKit.Html(SiteKit.Page("Plain page"))));
        using var generator = new LlmsTxtGenerator();

        var shellLog = await WarningsAsync(generator, site.BaseUri);
        var textLog = await WarningsAsync(generator, text.BaseUri);

        var hint = Assert.Single(shellLog, l => l.Contains("without JavaScript", StringComparison.Ordinal));
        Assert.StartsWith("1 of 1 pages had almost no text without JavaScript", hint, StringComparison.Ordinal);
        Assert.Contains("renderJs", hint, StringComparison.Ordinal);
        Assert.Contains("--render-js", hint, StringComparison.Ordinal);
        Assert.Contains("checkbox", hint, StringComparison.Ordinal);
        Assert.DoesNotContain(textLog, l => l.Contains("without JavaScript", StringComparison.Ordinal));
    }

    private static async Task<List<string>> WarningsAsync(LlmsTxtGenerator generator, Uri url)
    {
        var lines = new List<string>();
        var progress = new SyncProgress(e => { if (e is GenerationLog { Level: GenerationLogLevel.Warning } l) lock (lines) lines.Add(l.Message); });
        await generator.GenerateAsync(new GenerationRequest { Url = url, AllowPrivateNetworks = true }, progress);
        return lines;
    }

    private sealed class SyncProgress(Action<GenerationEvent> report) : IProgress<GenerationEvent>
    {
        public void Report(GenerationEvent value) => report(value);
    }
}
