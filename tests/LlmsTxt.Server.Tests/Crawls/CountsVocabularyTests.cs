using System.Text.Json;
using LlmsTxt.Server.Tests.Support;
using LlmsTxt.TestSites;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace LlmsTxt.Server.Tests.Crawls;

/// <summary>progress and done speak one vocabulary: listed (never above maxPages), fetched, failed, left out.</summary>
public sealed class CountsVocabularyTests(OpenCrawlServer server) : IClassFixture<OpenCrawlServer>
{
    [Fact]
    public async Task ProgressNeverListsMoreThanMaxPagesAndDoneSaysWhatWasLeftOut()
    {
        var site = new GeneratedSite(pageCount: 60, pageBytes: 3_000);
        await using var web = await TestWebServer.StartAsync(app =>
        {
            app.MapGet("/sitemap.xml", (HttpContext c) => Results.Content(site.Sitemap($"{c.Request.Scheme}://{c.Request.Host}"), "application/xml"));
            app.MapGet("/{**path}", (string? path) =>
            {
                var index = Enumerable.Range(0, site.PageCount).FirstOrDefault(i => GeneratedSite.PathOf(i) == "/" + (path ?? ""), -1);
                return index < 0 ? Results.NotFound() : SiteKit.Html(site.Render(index));
            });
        });

        var outcome = await SocketClient.ExchangeAsync(server.Started().SocketUri(), $$"""{"url":"{{web.BaseUri}}","maxPages":10}""");

        var progress = outcome.OfType("progress").Select(m => m.GetProperty("content")).ToList();
        Assert.NotEmpty(progress);
        Assert.All(progress, p =>
        {
            Assert.InRange(p.GetProperty("listed").GetInt32(), 0, 10);
            Assert.Equal(10, p.GetProperty("maxPages").GetInt32());
            Assert.True(p.TryGetProperty("crawled", out _) && p.TryGetProperty("queued", out _) && p.TryGetProperty("fetched", out _));
        });
        var done = Assert.Single(outcome.OfType("done")).GetProperty("content");
        Assert.Equal(["pages", "failed", "seconds"], done.EnumerateObject().Take(3).Select(p => p.Name));
        Assert.Equal(10, done.GetProperty("listed").GetInt32());
        Assert.Equal(done.GetProperty("pages").GetInt32(), done.GetProperty("listed").GetInt32());
        Assert.Equal(10, progress[^1].GetProperty("listed").GetInt32());
        Assert.True(done.GetProperty("fetched").GetInt32() >= 10);
        Assert.False(done.GetProperty("partial").GetBoolean());
        Assert.Equal(JsonValueKind.Object, done.GetProperty("leftOut").ValueKind);
    }

    [Fact]
    public async Task AskingForNPagesListsNWhenTheSiteHasDuplicates()
    {
        // Six pages; the home page links to copies first: a canonical duplicate and a tracking-parameter spelling.
        string[] pages = ["/a", "/b", "/c", "/d", "/e"];
        await using var web = await TestWebServer.StartAsync(app =>
        {
            app.MapGet("/", () => SiteKit.Html(SiteKit.Page("Home", ["/a-copy", "/b?utm_source=news", .. pages])));
            app.MapGet("/a-copy", (HttpContext c) => SiteKit.Html(SiteKit.Page("Page a", head: $"<link rel=\"canonical\" href=\"http://{c.Request.Host}/a\">")));
            foreach (var path in pages)
            {
                app.MapGet(path, () => SiteKit.Html(SiteKit.Page("Page " + path[1..])));
            }
        });

        var outcome = await SocketClient.ExchangeAsync(server.Started().SocketUri(), $$"""{"url":"{{web.BaseUri}}","maxPages":6}""");

        var done = Assert.Single(outcome.OfType("done")).GetProperty("content");
        Assert.Equal(6, done.GetProperty("pages").GetInt32());
        Assert.Equal(6, done.GetProperty("listed").GetInt32());
        var result = Assert.Single(outcome.OfType("result")).GetProperty("content").GetString()!;
        Assert.Equal(6, result.Split('\n').Count(l => l.StartsWith("- [", StringComparison.Ordinal)));
        Assert.DoesNotContain("/a-copy", result, StringComparison.Ordinal);
        Assert.True(done.GetProperty("leftOut").GetProperty("duplicate").GetInt32() >= 1, done.GetRawText());
    }

    [Fact]
    public async Task AStartPageAnswering404EndsWithOneFailedPage()
    {
        await using var web = await TestWebServer.StartAsync(app => app.MapGet("/{**path}", () => Results.NotFound()));

        var outcome = await SocketClient.ExchangeAsync(server.Started().SocketUri(), $$"""{"url":"{{web.BaseUri}}","maxPages":5}""");

        Assert.Single(outcome.OfType("error"));
        var done = Assert.Single(outcome.OfType("done")).GetProperty("content");
        Assert.Equal(0, done.GetProperty("pages").GetInt32());
        Assert.True(done.GetProperty("failed").GetInt32() >= 1, done.ToString());
    }
}
