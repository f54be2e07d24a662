using System.Text;
using LlmsTxt.Core.Crawling;
using LlmsTxt.TestSites;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace LlmsTxt.Core.Tests.Crawling;

public sealed class SitemapCrawlTests
{
    [Fact]
    public async Task ReadsSitemapIndexWithGzipChildrenInOrderAndKeepsLastmod()
    {
        Uri baseUri = null!;
        await using var server = await TestWebServer.StartAsync(app =>
        {
            app.MapGet("/robots.txt", () => "User-agent: *\nAllow: /\nSitemap: /sitemap_index.xml\n");
            app.MapGet("/sitemap_index.xml", () => Results.Content(SiteKit.SitemapIndex([Abs("/maps/a.xml.gz"), Abs("/maps/b.xml")]), "application/xml"));
            // A .xml.gz file served as plain bytes, and a plain sitemap sent with Content-Encoding: gzip.
            app.MapGet("/maps/a.xml.gz", () => Results.Bytes(SiteKit.Gzip(
                "<?xml version=\"1.0\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">" +
                $"<url><loc>{Abs("/a2")}</loc><lastmod>2025-03-01</lastmod></url><url><loc>{Abs("/a1")}</loc><lastmod>2025-05-01T10:00:00+00:00</lastmod></url></urlset>"),
                "application/gzip"));
            app.MapGet("/maps/b.xml", async ctx =>
            {
                ctx.Response.ContentType = "application/xml";
                ctx.Response.Headers.ContentEncoding = "gzip";
                await ctx.Response.Body.WriteAsync(SiteKit.Gzip(SiteKit.UrlSet([Abs("/b1"), "https://elsewhere.example/x"], "2024-01-01")));
            });
            app.MapPages(new Dictionary<string, string>
            {
                ["/"] = SiteKit.Page("Home", ["/b1"]),
                ["/a1"] = SiteKit.Page("A1"),
                ["/a2"] = SiteKit.Page("A2"),
                ["/b1"] = SiteKit.Page("B1"),
            });
        });
        baseUri = server.BaseUri;

        var (result, events) = await CrawlKit.CrawlAsync(server.Url("/"));

        Assert.True(CrawlKit.Paths(result).Count == 4, string.Join("\n", events.Select(e => e.Message)));
        // The start page's own links come first (the site's outline decides what a budget reaches), then the sitemap's order.
        Assert.Equal(["/", "/b1", "/a2", "/a1"], CrawlKit.Paths(result));
        Assert.Equal(["/a2", "/a1", "/b1"], result.SitemapUrls.Select(u => u.AbsolutePath));
        // What the crawl saw, document by document (the scheduler picks its sentinel from these).
        Assert.Contains(new SitemapDocument(server.Url("/maps/a.xml.gz"), new DateTimeOffset(2025, 5, 1, 10, 0, 0, TimeSpan.Zero)), result.Sitemaps);
        Assert.Equal(new DateTimeOffset(2025, 5, 1, 10, 0, 0, TimeSpan.Zero), result.Sitemaps.Max(d => d.NewestLastModified));
        Assert.Equal(new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero), result.Pages[2].LastModified);
        Assert.Contains(events.OfType<SitemapFoundEvent>(), e => e.SitemapUrl.AbsolutePath == "/maps/b.xml" && e.UrlCount == 2);
        Assert.Null(result.Error);

        string Abs(string path) => new Uri(baseUri, path).AbsoluteUri;
    }

    [Fact]
    public async Task PathPrefixScopesTheCrawlButChildSitemapsOutsideItAreRead()
    {
        Uri baseUri = null!;
        await using var server = await TestWebServer.StartAsync(app =>
        {
            app.MapGet("/robots.txt", () => "Sitemap: /sitemap_index.xml\n");
            app.MapGet("/sitemap_index.xml", () => Results.Content(SiteKit.SitemapIndex([Abs("/sitemaps/all.xml")]), "application/xml"));
            app.MapGet("/sitemaps/all.xml", () => Results.Content(SiteKit.UrlSet([Abs("/blog/post"), Abs("/docs/b"), Abs("/docs/a")]), "application/xml"));
            app.MapPages(new Dictionary<string, string>
            {
                ["/docs/"] = SiteKit.Page("Docs", ["/docs/c", "/blog/other", "/"]),
                ["/docs/a"] = SiteKit.Page("A"),
                ["/docs/b"] = SiteKit.Page("B"),
                ["/docs/c"] = SiteKit.Page("C"),
                ["/blog/post"] = SiteKit.Page("Post"),
            });
        });
        baseUri = server.BaseUri;

        var (result, _) = await CrawlKit.CrawlAsync(server.Url("/docs/"));

        Assert.Equal(["/docs/", "/docs/c", "/docs/b", "/docs/a"], CrawlKit.Paths(result));
        Assert.Equal(0, server.RequestCount("/blog/post"));
        Assert.Equal(0, server.RequestCount("/blog/other"));

        string Abs(string path) => new Uri(baseUri, path).AbsoluteUri;
    }

    [Fact]
    public async Task BrokenSitemapXmlIsReportedAndLinksStillFollowed()
    {
        await using var server = await TestWebServer.StartAsync(app =>
        {
            app.MapGet("/sitemap.xml", () => Results.Content("<urlset><url><loc>/x</loc></url", "application/xml"));
            app.MapPages(new Dictionary<string, string> { ["/"] = SiteKit.Page("Home", ["/x"]), ["/x"] = SiteKit.Page("X") });
        });

        var (result, events) = await CrawlKit.CrawlAsync(server.Url("/"));

        Assert.Equal(["/", "/x"], CrawlKit.Paths(result));
        Assert.Contains(events.OfType<SitemapFailedEvent>(), e => e.Why == "not a sitemap (malformed XML at line 1)");
    }

    [Fact]
    public async Task RejectsBillionLaughsSitemap()
    {
        const string laughs = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
            <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
            <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;"><!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
            <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;"><!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
            <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>
            <urlset><url><loc>&lol9;</loc></url></urlset>
            """;
        await using var server = await TestWebServer.StartAsync(app =>
        {
            app.MapGet("/sitemap.xml", () => Results.Content(laughs, "application/xml"));
            app.MapPages(new Dictionary<string, string> { ["/"] = SiteKit.Page("Home") });
        });

        var (result, events) = await CrawlKit.CrawlAsync(server.Url("/"));

        Assert.Equal(["/"], CrawlKit.Paths(result));
        Assert.Contains(events.OfType<SitemapFailedEvent>(), e => e.Why.Contains("DTD", StringComparison.OrdinalIgnoreCase));
        Assert.Empty(result.SitemapUrls);
    }

    [Fact]
    public async Task NoSitemapMeansBreadthFirstInDocumentOrder()
    {
        await using var server = await TestWebServer.StartAsync(app => app.MapPages(new Dictionary<string, string>
        {
            ["/"] = SiteKit.Page("Home", ["/b", "/a"]),
            ["/a"] = SiteKit.Page("A", ["/a/deep", "/b"]),
            ["/b"] = SiteKit.Page("B", ["/b/deep", "/a"]),
            ["/a/deep"] = SiteKit.Page("A deep"),
            ["/b/deep"] = SiteKit.Page("B deep", ["/b/deeper"]),
            ["/b/deeper"] = SiteKit.Page("B deeper"),
        }));

        var (result, events) = await CrawlKit.CrawlAsync(server.Url("/"));

        Assert.Equal(["/", "/b", "/a", "/b/deep", "/a/deep", "/b/deeper"], CrawlKit.Paths(result));
        Assert.Contains(events.OfType<LimitReachedEvent>(), e => e.Detail.Contains("No sitemap", StringComparison.Ordinal));
        Assert.Empty(result.Sitemaps);
    }
}

/// <summary>Runs alone so the allocation measurement sees only this crawl.</summary>
[CollectionDefinition(nameof(MemoryMeasured), DisableParallelization = true)]
public sealed class MemoryMeasured;

[Collection(nameof(MemoryMeasured))]
public sealed class GzipBombTests
{
    [Fact]
    public async Task RejectsGigabyteGzipBombSitemapWithoutBufferingIt()
    {
        // 1 GiB of whitespace inside a urlset: 64 gzip members of 16 MiB each (multi-member gzip is valid).
        var head = SiteKit.Gzip("<?xml version=\"1.0\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">");
        var member = SiteKit.Gzip(Encoding.ASCII.GetBytes(new string(' ', 16 * 1024 * 1024)));
        await using var server = await TestWebServer.StartAsync(app =>
        {
            app.MapGet("/robots.txt", () => "Sitemap: /bomb.xml.gz\n");
            app.MapGet("/bomb.xml.gz", async ctx =>
            {
                ctx.Response.ContentType = "application/gzip";
                await ctx.Response.Body.WriteAsync(head);
                for (var i = 0; i < 64 && !ctx.RequestAborted.IsCancellationRequested; i++)
                {
                    await ctx.Response.Body.WriteAsync(member, ctx.RequestAborted);
                }
            });
            app.MapPages(new Dictionary<string, string> { ["/"] = SiteKit.Page("Home") });
        });
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);

        var (result, events) = await CrawlKit.CrawlAsync(server.Url("/"));

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        Assert.Equal(["/"], CrawlKit.Paths(result));
        Assert.Contains(events.OfType<SitemapFailedEvent>(), e => e.Why.Contains("more than 50 MiB after decompression", StringComparison.Ordinal));
        // The 50 MiB cap is applied while streaming: far less than the bomb's 1 GiB is ever materialised.
        Assert.True(allocated < 200L * 1024 * 1024, $"allocated {allocated / 1048576} MiB");
    }
}
