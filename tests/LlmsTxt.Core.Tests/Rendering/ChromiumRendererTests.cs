using LlmsTxt.Core.Crawling;
using LlmsTxt.Core.Rendering;
using LlmsTxt.TestSites;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace LlmsTxt.Core.Tests.Rendering;

public sealed class ChromiumRendererTests
{
    /// <summary>The guard as tests on 127.0.0.1 need it (the CLI's default): loopback allowed.</summary>
    private static readonly AddressGuard Loopback = new(AllowPrivateNetworks: true);

    /// <summary>The Chromium binary test.sh installs; tests fail loudly without it.</summary>
    internal static string ChromiumPath()
    {
        var path = Environment.GetEnvironmentVariable("LLMSTXT_TEST_CHROMIUM");
        Assert.False(string.IsNullOrWhiteSpace(path), "LLMSTXT_TEST_CHROMIUM is not set: run the tests through ./test.sh (it installs Chromium).");
        Assert.True(File.Exists(path), $"LLMSTXT_TEST_CHROMIUM points to {path}, which does not exist.");
        return path;
    }

    private static Task<TestWebServer> StartJsSiteAsync() => TestWebServer.StartAsync(app =>
    {
        app.MapGet("/", () => Results.Content(
            "<!doctype html><html><head><title>Shell</title></head><body><div id=\"app\"></div><script src=\"/app.js\"></script></body></html>",
            "text/html"));
        app.MapGet("/app.js", () => Results.Content(
            "document.getElementById('app').innerHTML = '<main><h1>Rendered by script</h1><p>Only a browser sees this text.</p></main>';" +
            "fetch('/data.json').then(r => r.json()).then(d => { const p = document.createElement('p'); p.id = 'late'; p.textContent = d.text; document.querySelector('main').append(p); });",
            "text/javascript"));
        app.MapGet("/data.json", () => Results.Json(new { text = "Loaded over XHR" }));
        app.MapGet("/secret.json", () => Results.Json(new { text = "must not load" }));
        app.MapGet("/missing", () => Results.NotFound("gone"));
        app.MapGet("/filtered", () => Results.Content(
            "<!doctype html><html><body><main id=m>start</main><script>fetch('/secret.json').then(r => r.json()).then(d => document.getElementById('m').textContent = d.text).catch(() => document.getElementById('m').textContent = 'blocked');</script></body></html>",
            "text/html"));
    });

    [Fact]
    public async Task RendersTextThatOnlyScriptsProduce()
    {
        await using var site = await StartJsSiteAsync();
        await using var renderer = new ChromiumRenderer(new ChromiumRendererOptions { ExecutablePath = ChromiumPath() });

        var page = await renderer.RenderAsync(site.Url("/"), Loopback);

        Assert.NotNull(page);
        Assert.Contains("Rendered by script", page.Html, StringComparison.Ordinal);
        Assert.Contains("Loaded over XHR", page.Html, StringComparison.Ordinal);
        Assert.Equal(site.Url("/"), page.FinalUrl);
    }

    [Fact]
    public async Task ReusesOneBrowserForSeveralPages()
    {
        await using var site = await StartJsSiteAsync();
        await using var renderer = new ChromiumRenderer(new ChromiumRendererOptions { ExecutablePath = ChromiumPath() });

        var pages = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => renderer.RenderAsync(site.Url("/"), Loopback)));

        Assert.All(pages, p => Assert.Contains("Rendered by script", p!.Html, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReturnsNullWhenThePageAnswersAnError()
    {
        await using var site = await StartJsSiteAsync();
        await using var renderer = new ChromiumRenderer(new ChromiumRendererOptions { ExecutablePath = ChromiumPath() });

        Assert.Null(await renderer.RenderAsync(site.Url("/missing"), Loopback));
    }

    [Fact]
    public async Task ReturnsNullWhenChromiumIsMissing()
    {
        await using var renderer = new ChromiumRenderer(new ChromiumRendererOptions { ExecutablePath = "/nonexistent/chromium" });

        Assert.Null(await renderer.RenderAsync(new Uri("http://127.0.0.1:1/"), Loopback));
    }
}
