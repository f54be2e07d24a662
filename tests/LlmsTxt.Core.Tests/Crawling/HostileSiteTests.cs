using LlmsTxt.Core.Crawling;
using LlmsTxt.TestSites;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace LlmsTxt.Core.Tests.Crawling;

/// <summary>Hostile sites: each crawl finishes, bounded, and the user reads what actually happened.</summary>
public sealed class HostileSiteTests
{
    [Fact]
    public async Task PageWithAHundredThousandLinksIsCutAtTheLinkCap()
    {
        var flood = HostileSites.LinkFlood(100_000);
        await using var server = await TestWebServer.StartAsync(app =>
        {
            app.MapGet("/", () => SiteKit.Html(flood));
            app.MapGet("/item/{n:int}", (int n) => SiteKit.Html(SiteKit.Page($"Item {n}")));
        });

        var (result, events) = await CrawlKit.CrawlAsync(server.Url("/"), maxPages: 5);

        Assert.Null(result.Error);
        Assert.Equal(["/", "/item/0", "/item/1", "/item/2", "/item/3"], CrawlKit.Paths(result));
        Assert.Contains(events.OfType<LimitReachedEvent>(), e => e.Detail.EndsWith("/: page cut at 60,000 HTML elements, 20,000 links or 10,000 linked pages (only the part before was read)", StringComparison.Ordinal));
        // Every link past the 10,000 kept is counted, those after the pre-parse cut included, and the user is told.
        Assert.Contains(events.OfType<LimitReachedEvent>(), e => e.Detail.EndsWith("/: 90,000 more links counted beyond the first 10,000 distinct links read (at most 10,000 a page); they are not followed", StringComparison.Ordinal));
        Assert.Equal(10_000, result.Pages[0].Page.Links.Count);
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("deflate")]
    [InlineData("br")]
    public async Task CompressionBombPageIsCutAtThePageCapAndSaysSo(string encoding)
    {
        var bomb = HostileSites.Bomb(encoding, 64L * 1024 * 1024);
        await using var server = await TestWebServer.StartAsync(app =>
        {
            app.MapGet("/", () => SiteKit.Html(SiteKit.Page("Home", ["/bomb"])));
            app.MapGet("/bomb", HostileSites.Encoded(bomb, encoding));
        });
        var options = CrawlKit.Options with { MaxPageBytes = 1024 * 1024 };

        var (result, events) = await CrawlKit.CrawlAsync(server.Url("/"), options: options);

        Assert.Equal(["/", "/bomb"], CrawlKit.Paths(result));
        var line = Assert.Single(events.OfType<PageFetchedEvent>(), e => e.Url.AbsolutePath == "/bomb");
        Assert.Contains("page cut at 1 MiB", line.Message, StringComparison.Ordinal);
        Assert.True(result.Stats.Bytes < 3 * 1024 * 1024, $"read {result.Stats.Bytes} bytes");
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("br")]
    public async Task CompressionBombSitemapIsRejectedAsTooLarge(string encoding)
    {
        var bomb = HostileSites.SitemapBomb(encoding, 64L * 1024 * 1024);
        await using var server = await TestWebServer.StartAsync(app =>
        {
            app.MapGet("/", () => SiteKit.Html(SiteKit.Page("Home", ["/a"])));
            app.MapGet("/a", () => SiteKit.Html(SiteKit.Page("A")));
            app.MapGet("/sitemap.xml", HostileSites.Encoded(bomb, encoding, "application/xml"));
        });
        var options = CrawlKit.Options with { MaxSitemapBytes = 1024 * 1024 };

        var (result, events) = await CrawlKit.CrawlAsync(server.Url("/"), options: options);

        Assert.Equal(["/", "/a"], CrawlKit.Paths(result));
        Assert.Contains(events.OfType<SitemapFailedEvent>(), e => e.Why.StartsWith("too large (more than 1 MiB", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DrippingPageIsCutAtThePageTimeoutAndNotRetried()
    {
        await using var server = await TestWebServer.StartAsync(app =>
        {
            app.MapGet("/", () => SiteKit.Html(SiteKit.Page("Home", ["/slow"])));
            app.MapGet("/slow", HostileSites.DripBody(TimeSpan.FromMilliseconds(200)));
        });
        var options = CrawlKit.Options with { PageTimeout = TimeSpan.FromSeconds(2), IdleReadTimeout = TimeSpan.FromSeconds(30) };

        var (result, events) = await CrawlKit.CrawlAsync(server.Url("/"), options: options);

        Assert.Equal(["/"], CrawlKit.Paths(result));
        Assert.Equal(1, server.RequestCount("/slow"));
        Assert.DoesNotContain(events.OfType<PageRetriedEvent>(), e => e.Url.AbsolutePath == "/slow");
        var failed = Assert.Single(events.OfType<PageFailedEvent>(), e => e.Url.AbsolutePath == "/slow");
        Assert.StartsWith("the server sent the page too slowly (not complete after 2 s", failed.Why, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HeadersSentTooSlowlyAreNamedAsSuch()
    {
        await using var server = new RawHttpServer((path, stream, ct) => path switch
        {
            "/" => RawHttpServer.WriteAsync(stream, 200, "text/html", SiteKit.Page("Home", ["/drip"]), ct),
            "/drip" => RawHttpServer.DripHeadersAsync(stream, TimeSpan.FromMilliseconds(100), ct),
            _ => RawHttpServer.WriteAsync(stream, 404, "text/plain", "not found", ct),
        });
        var options = CrawlKit.Options with { PageTimeout = TimeSpan.FromSeconds(5), IdleReadTimeout = TimeSpan.FromSeconds(1) };

        var (result, events) = await CrawlKit.CrawlAsync(server.Url("/"), options: options);

        Assert.Equal(["/"], CrawlKit.Paths(result));
        var failed = Assert.Single(events.OfType<PageFailedEvent>(), e => e.Url.AbsolutePath == "/drip");
        Assert.StartsWith("the server sent its headers too slowly", failed.Why, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RetryAfterBeyondTheCapSkipsThePageAtOnce()
    {
        await using var server = await TestWebServer.StartAsync(app =>
        {
            app.MapGet("/", () => SiteKit.Html(SiteKit.Page("Home", ["/later", "/a"])));
            app.MapGet("/later", HostileSites.Unavailable("3600"));
            app.MapGet("/a", () => SiteKit.Html(SiteKit.Page("A")));
        });

        var (result, events) = await CrawlKit.CrawlAsync(server.Url("/"));

        Assert.Equal(["/", "/a"], CrawlKit.Paths(result));
        Assert.Equal(1, server.RequestCount("/later"));
        var failed = Assert.Single(events.OfType<PageFailedEvent>(), e => e.Url.AbsolutePath == "/later");
        Assert.StartsWith("skipped: the server asked to wait 3600 s before trying again (HTTP 503 with Retry-After), more than the 30 s", failed.Why, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CalendarTrapIsStoppedAndEveryRealPageIsListed()
    {
        await using var server = await TestWebServer.StartAsync(app => app.MapCalendarTrap(realPages: 20));

        var (result, events) = await CrawlKit.CrawlAsync(server.Url("/"), maxPages: 200);

        var paths = CrawlKit.Paths(result);
        Assert.All(Enumerable.Range(1, 20), i => Assert.Contains($"/guide/{HostileSites.GuideName(i)}", paths));
        var calendar = paths.Count(p => p.StartsWith("/calendar/", StringComparison.Ordinal));
        Assert.InRange(calendar, 1, CrawlKit.Options.MaxPagesPerPattern + 1);
        Assert.True(server.RequestCount("/calendar") == 0 && server.Requests.Count(r => r.PathAndQuery.StartsWith("/calendar/", StringComparison.Ordinal)) <= CrawlKit.Options.MaxPagesPerPattern + 1);
        Assert.Single(events.OfType<LimitReachedEvent>(), e => e.Detail.StartsWith("URL trap: stopped following links of the pattern /calendar/{n}/{n} after 10 pages", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SoftNotFoundSitemapIsNamedAnHtmlPage()
    {
        await using var server = await TestWebServer.StartAsync(app =>
        {
            app.MapGet("/", () => SiteKit.Html(SiteKit.Page("Home", ["/a"])));
            app.MapGet("/a", () => SiteKit.Html(SiteKit.Page("A")));
            app.MapGet("/sitemap_index.xml", () => SiteKit.Html("<!DOCTYPE html><html><head><title>Not found</title></head><body>Sorry, no such page.</body></html>"));
        });

        var (result, events) = await CrawlKit.CrawlAsync(server.Url("/"));

        Assert.Equal(["/", "/a"], CrawlKit.Paths(result));
        var failed = Assert.Single(events.OfType<SitemapFailedEvent>());
        Assert.Equal("not a sitemap (HTML page)", failed.Why);
        Assert.DoesNotContain("DtdProcessing", failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SiteThatIsDownSaysSoWithoutRobotsTalkOrRetries()
    {
        var (result, events) = await CrawlKit.CrawlAsync(new Uri("http://127.0.0.1:1/"));

        Assert.Empty(result.Pages);
        Assert.StartsWith("Could not reach 127.0.0.1:1 (connection refused)", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("robots", result.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(events.OfType<PageRetriedEvent>());
        Assert.Empty(events.OfType<RobotsEvent>());
    }

    [Fact]
    public async Task HttpsToAPlainHttpServerSuggestsHttp()
    {
        await using var server = await TestWebServer.StartAsync(app => app.MapGet("/", () => SiteKit.Html(SiteKit.Page("Home"))));
        var port = server.BaseUri.Port;

        var (result, events) = await CrawlKit.CrawlAsync(new Uri($"https://127.0.0.1:{port}/"));

        Assert.Empty(result.Pages);
        Assert.StartsWith($"Could not open a secure connection to 127.0.0.1:{port} (the TLS handshake failed)", result.Error, StringComparison.Ordinal);
        Assert.Contains($"try http://127.0.0.1:{port}/", result.Error, StringComparison.Ordinal);
        Assert.Empty(events.OfType<PageRetriedEvent>());
    }

    [Fact]
    public async Task StartPageRedirectingToAPrivateAddressIsRefusedInPlainWords()
    {
        await using var server = await TestWebServer.StartAsync(app => app.MapGet("/", () => Results.Redirect("http://10.0.0.5/admin-panel")));
        // The guard is on for the crawl's decisions; only the connection to the fixture itself (on loopback) is let through.
        var options = CrawlKit.Options with { AllowPrivateNetworks = false };
        using var handler = SafeHttpHandler.Create(options with { AllowPrivateNetworks = true });
        using var crawler = new Crawler(options, handler);
        var events = new CrawlKit.EventLog();

        var result = await crawler.RunAsync(new CrawlRequest(server.Url("/")), events);

        Assert.Empty(result.Pages);
        Assert.Equal("The start page redirects to 10.0.0.5, a private address, which this server does not fetch.", result.Error);
        Assert.DoesNotContain(events.ToList(), e => e.Message.Contains("robots.txt http://10.0.0.5", StringComparison.Ordinal));
    }
}
