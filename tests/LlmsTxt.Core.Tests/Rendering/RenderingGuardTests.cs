using System.Net;
using LlmsTxt.Core.Crawling;
using LlmsTxt.Core.Extraction;
using LlmsTxt.Core.Rendering;
using LlmsTxt.Core.Tests.Crawling;
using LlmsTxt.Core.Tests.Support;
using LlmsTxt.TestSites;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace LlmsTxt.Core.Tests.Rendering;

/// <summary>
/// Every connection the rendering browser makes passes the crawler's address rule. The fixture is served on
/// 127.0.0.1 under the name <see cref="PublicName"/>, which the guard's test seam treats as public; the
/// "internal service" is a bare listener on 127.0.0.1 that the page tries to reach every way a page can.
/// </summary>
public sealed class RenderingGuardTests
{
    private const string PublicName = "public-site.test";
    private static readonly string[] Probes = ["websocket", "websocket-localhost", "fetch", "redirect", "beacon", "worker-fetch"];

    private static CrawlOptions GuardedOptions(bool allowPrivate) => CrawlKit.Options with
    {
        AllowPrivateNetworks = allowPrivate,
        GuardTestHost = new GuardTestHost(PublicName, IPAddress.Loopback),
    };

    private static Task<TestWebServer> StartProbeSiteAsync(int internalPort) => TestWebServer.StartAsync(app =>
    {
        var target = $"127.0.0.1:{internalPort}";
        app.MapGet("/robots.txt", () => Results.NotFound());
        app.MapGet("/", () => SiteKit.Html(
            "<!doctype html><html><head><title>Probe</title>" +
            $"<link rel=\"preconnect\" href=\"http://{target}\"><link rel=\"dns-prefetch\" href=\"http://{target}\">" +
            $"<link rel=\"prefetch\" href=\"http://{target}/prefetch\"></head><body><div id=\"app\"></div>" +
            $"<iframe src=\"http://{target}/frame\"></iframe><iframe src=\"/redirect\"></iframe><img src=\"http://{target}/image.png\">" +
            "<script src=\"/app.js\"></script></body></html>"));
        app.MapGet("/redirect", () => Results.Redirect($"http://{target}/after-redirect"));
        app.MapGet("/app.js", () => Results.Content(
            "const app = document.getElementById('app');" +
            "app.innerHTML = '<main><h1>Guarded page</h1><p>' + ' This page tries to reach an internal service in every way a page can.'.repeat(6) + '</p></main>';" +
            "const settled = name => { const p = document.createElement('p'); p.textContent = 'probe ' + name + ' settled'; document.querySelector('main').append(p); };" +
            "const socket = url => { try { const ws = new WebSocket(url); ws.onopen = ws.onerror = () => settled(url.includes('localhost') ? 'websocket-localhost' : 'websocket'); } catch { settled('websocket'); } };" +
            $"socket('ws://{target}/socket'); socket('ws://localhost:{internalPort}/socket');" +
            $"fetch('http://{target}/fetch', {{ mode: 'no-cors' }}).finally(() => settled('fetch'));" +
            "fetch('/redirect', { mode: 'no-cors' }).finally(() => settled('redirect'));" +
            $"navigator.sendBeacon('http://{target}/beacon', 'x'); settled('beacon');" +
            $"const w = new Worker(URL.createObjectURL(new Blob([\"fetch('http://{target}/worker', {{ mode: 'no-cors' }}).finally(() => postMessage(1))\"])));" +
            "w.onmessage = () => settled('worker-fetch');",
            "text/javascript"));
    });

    private static async Task<(CrawlResult Result, ChromiumRenderer Renderer)> RenderedCrawlAsync(TestWebServer site, CrawlOptions options)
    {
        var renderer = new ChromiumRenderer(new ChromiumRendererOptions { ExecutablePath = ChromiumRendererTests.ChromiumPath() });
        using var crawler = new Crawler(options, renderer: renderer);
        var start = new UriBuilder(site.Url("/")) { Host = PublicName }.Uri;
        var result = await crawler.RunAsync(new CrawlRequest(start, 5, RenderJs: true, new ExtractionOptions { ConvertMarkdown = true }));
        return (result, renderer);
    }

    [Fact]
    public async Task RenderedPageReachesNoLoopbackServiceWithTheGuardOn()
    {
        using var internalService = new LoopbackListener();
        await using var site = await StartProbeSiteAsync(internalService.Port);

        var (result, renderer) = await RenderedCrawlAsync(site, GuardedOptions(allowPrivate: false));
        await renderer.DisposeAsync();

        var page = Assert.Single(result.Pages);
        Assert.True(page.Rendered);
        Assert.All(Probes, probe => Assert.Contains($"probe {probe} settled", page.Page.Markdown, StringComparison.Ordinal));
        Assert.Equal(0, internalService.Connections);
        Assert.True(site.RequestCount("/redirect") >= 2, "the iframe and the fetch both followed /redirect to the proxy");
        Assert.True(renderer.HostsRequested.ContainsKey("127.0.0.1"), "the page's attempts should have reached the proxy and been refused there");
    }

    [Fact]
    public async Task SamePageReachesTheServiceWhenPrivateNetworksAreAllowed()
    {
        // The control: proves the probes really connect when nothing guards them, so the test above can fail.
        using var internalService = new LoopbackListener();
        await using var site = await StartProbeSiteAsync(internalService.Port);

        var (result, renderer) = await RenderedCrawlAsync(site, GuardedOptions(allowPrivate: true));
        await renderer.DisposeAsync();

        Assert.True(Assert.Single(result.Pages).Rendered);
        Assert.True(internalService.Connections > 0);
    }

    [Fact]
    public async Task PagesAskForNoHostButTheSitesDuringARenderedCrawl()
    {
        await using var site = await JsOnlySite.StartAsync();

        var (result, renderer) = await RenderedCrawlAsync(site, GuardedOptions(allowPrivate: false));
        await renderer.DisposeAsync();

        Assert.Equal(2, result.Pages.Count);
        Assert.All(result.Pages, p => Assert.True(p.Rendered));
        Assert.Equal([PublicName], renderer.HostsRequested.Keys.Order());
        // What Chromium tries by itself goes to its default proxy, which connects nothing.
        Assert.DoesNotContain(PublicName, renderer.BrowserOwnHostsRefused.Keys);
    }
}
