using LlmsTxt.Core.Generation;
using LlmsTxt.Core.Rendering;
using LlmsTxt.TestSites;

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
}
