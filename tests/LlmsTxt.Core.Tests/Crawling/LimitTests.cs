using LlmsTxt.Core.Crawling;
using LlmsTxt.TestSites;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace LlmsTxt.Core.Tests.Crawling;

public sealed class LimitTests
{
    [Fact]
    public async Task SitemapUrlCapAndIndexDepthAreEnforced()
    {
        Uri baseUri = null!;
        await using var server = await TestWebServer.StartAsync(app =>
        {
            app.MapGet("/robots.txt", () => "Sitemap: /index0.xml\n");
            app.MapGet("/index0.xml", () => Results.Content(SiteKit.SitemapIndex([Abs("/index1.xml")]), "application/xml"));
            app.MapGet("/index1.xml", () => Results.Content(SiteKit.SitemapIndex([Abs("/big.xml"), Abs("/index2.xml")]), "application/xml"));
            app.MapGet("/index2.xml", () => Results.Content(SiteKit.SitemapIndex([Abs("/too-deep.xml")]), "application/xml"));
            app.MapGet("/too-deep.xml", () => Results.Content(SiteKit.UrlSet([Abs("/deep")]), "application/xml"));
            app.MapGet("/big.xml", () => Results.Content(SiteKit.UrlSet(Enumerable.Range(1, 10).Select(i => Abs($"/p{i}"))), "application/xml"));
            app.MapGet("/", () => SiteKit.Html(SiteKit.Page("Home")));
            app.MapGet("/p{n:int}", (int n) => SiteKit.Html(SiteKit.Page($"P{n}")));
            app.MapGet("/deep", () => SiteKit.Html(SiteKit.Page("Deep")));
        });
        baseUri = server.BaseUri;
        var options = CrawlKit.Options with { MaxSitemapUrls = 4 };

        var (result, events) = await CrawlKit.CrawlAsync(server.Url("/"), options: options);

        Assert.Equal(["/", "/p1", "/p2", "/p3", "/p4"], CrawlKit.Paths(result));
        Assert.Equal(0, server.RequestCount("/too-deep.xml"));
        Assert.Contains(events.OfType<LimitReachedEvent>(), e => e.Detail.Contains("more than 4 URLs", StringComparison.Ordinal));
        Assert.Contains(events.OfType<SitemapFailedEvent>(), e => e.Why.Contains("nested deeper than 2", StringComparison.Ordinal));

        string Abs(string path) => new Uri(baseUri, path).AbsoluteUri;
    }

    [Fact]
    public async Task StartPageRedirectToAnotherHostMovesTheCrawlThere()
    {
        TestWebServer? server = null;
        server = await TestWebServer.StartAsync(app =>
        {
            // Served on both "localhost" and "127.0.0.1": the Host header tells which name was used.
            app.MapGet("/", (HttpContext ctx) => ctx.Request.Host.Host == "localhost"
                ? Results.Redirect($"http://127.0.0.1:{server!.BaseUri.Port}/home")
                : Results.NotFound());
            app.MapGet("/home", () => SiteKit.Html(SiteKit.Page("Home", ["/a"])));
            app.MapGet("/a", () => SiteKit.Html(SiteKit.Page("A")));
        });
        await using var _ = server;

        var (result, _) = await CrawlKit.CrawlAsync(new Uri($"http://localhost:{server.BaseUri.Port}/"));

        Assert.Equal(["http://127.0.0.1:" + server.BaseUri.Port + "/home", "http://127.0.0.1:" + server.BaseUri.Port + "/a"],
            result.Pages.Select(p => p.Url.AbsoluteUri));
    }
}
