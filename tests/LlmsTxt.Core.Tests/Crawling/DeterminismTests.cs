using LlmsTxt.Core.Crawling;
using LlmsTxt.Core.Writing;
using LlmsTxt.TestSites;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace LlmsTxt.Core.Tests.Crawling;

public sealed class DeterminismTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SamePageListWhateverTheResponseTiming(bool withPartialSitemap)
    {
        var site = new GeneratedSite(pageCount: 120, pageBytes: 4_000);
        await using var server = await TestWebServer.StartAsync(app =>
        {
            // Random per-response delays reorder completions from crawl to crawl.
            app.Use(async (ctx, next) =>
            {
                await Task.Delay(Random.Shared.Next(0, 25));
                await next(ctx);
            });
            if (withPartialSitemap)
            {
                app.MapGet("/sitemap.xml", (HttpContext ctx) => Results.Content(
                    SiteKit.UrlSet(Enumerable.Range(0, 120).Where(i => i % 3 == 0).Reverse().Select(i => $"{ctx.Request.Scheme}://{ctx.Request.Host}{GeneratedSite.PathOf(i)}")),
                    "application/xml"));
            }
            app.MapGet("/{**path}", (string? path) =>
            {
                var index = Enumerable.Range(0, site.PageCount).FirstOrDefault(i => GeneratedSite.PathOf(i) == "/" + (path ?? ""), -1);
                return index < 0 ? Results.NotFound() : SiteKit.Html(site.Render(index));
            });
        });

        var lists = new List<List<string>>();
        var files = new List<string>();
        for (var run = 0; run < 5; run++)
        {
            var (result, _) = await CrawlKit.CrawlAsync(server.Url("/"), maxPages: 40);
            Assert.Equal(40, result.Pages.Count);
            lists.Add(CrawlKit.Paths(result));
            files.Add(LlmsTxtWriter.Write(new LlmsTxtInput
            {
                StartUrl = result.StartUrl,
                Pages = [.. result.Pages.Select(p => p.Page)],
                SitemapOrder = result.SitemapUrls,
            }).Text);
        }

        Assert.All(lists, list => Assert.Equal(lists[0], list));
        Assert.All(files, file => Assert.Equal(files[0], file));
        Assert.Equal("/", lists[0][0]);
    }

    [Fact]
    public async Task CalendarTrapGivesTheSameFileWhateverTheResponseTiming()
    {
        await using var server = await TestWebServer.StartAsync(app =>
        {
            // Random per-response delays reorder completions from crawl to crawl.
            app.Use(async (ctx, next) =>
            {
                await Task.Delay(Random.Shared.Next(0, 30));
                await next(ctx);
            });
            app.MapCalendarTrap(realPages: 20);
        });

        var files = new List<string>();
        var paths = new List<List<string>>();
        for (var run = 0; run < 4; run++)
        {
            var (result, events) = await CrawlKit.CrawlAsync(server.Url("/"), maxPages: 200);
            paths.Add(CrawlKit.Paths(result));
            files.Add(LlmsTxtWriter.Write(new LlmsTxtInput
            {
                StartUrl = result.StartUrl,
                Pages = [.. result.Pages.Select(p => p.Page)],
                SitemapOrder = result.SitemapUrls,
            }).Text);
            // Logged once, with the template.
            Assert.Single(events.OfType<LimitReachedEvent>(), e => e.Detail.StartsWith("URL trap: stopped following links of the pattern /calendar/{n}/{n} after 10 pages", StringComparison.Ordinal));
        }

        Assert.All(files, file => Assert.Equal(files[0], file));
        Assert.All(Enumerable.Range(1, 20), i => Assert.Contains($"/guide/{HostileSites.GuideName(i)}", paths[0]));
        Assert.InRange(paths[0].Count(p => p.StartsWith("/calendar/", StringComparison.Ordinal)), 1, CrawlKit.Options.MaxPagesPerPattern + 1);
    }
}
