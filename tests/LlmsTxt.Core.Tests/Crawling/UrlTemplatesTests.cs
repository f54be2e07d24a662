using LlmsTxt.Core.Crawling;
using LlmsTxt.Core.Urls;
using LlmsTxt.TestSites;
using Microsoft.AspNetCore.Builder;

namespace LlmsTxt.Core.Tests.Crawling;

public sealed class UrlTemplatesTests
{
    [Theory]
    [InlineData("https://s.test/calendar/2024/05", "/calendar/{n}/{n}")]
    [InlineData("https://s.test/list?sort=asc&page=7", "/list?page=*&sort=*")]
    [InlineData("https://s.test/events?month=2024-05", "/events?month={n}-{n}")]
    [InlineData("https://s.test/docs/install", "/docs/install")]
    public void PatternReplacesNumbersAndIgnoresPagingValues(string url, string pattern) =>
        Assert.Equal(pattern, UrlTemplates.Of(new Uri(url)));

    [Theory]
    [InlineData("/calendar/2024/05", "/calendar/2024/06", false)]
    [InlineData("/calendar/2024/12", "/calendar/2025/01", false)]
    [InlineData("/list?page=2", "/list?page=3", false)]
    [InlineData("/a/1", "/a/1/2", false)]
    [InlineData("/docs/section-3/page-17", "/docs/section-14/page-54", true)]
    [InlineData("/guide/intro", "/guide/setup", true)]
    public void OnlyStepsToTheNextOfTheSamePatternAreCounted(string from, string to, bool stillFollowedAfterTheCap)
    {
        var parent = new Uri("https://s.test" + from);
        var link = new Uri("https://s.test" + to);

        Assert.Equal(stillFollowedAfterTheCap, UrlTemplates.StepFamily(parent, UrlTemplates.Of(parent), link) is null);
    }

    [Fact]
    public async Task SiteOfNumberedPagesLinkedToEachOtherIsCrawledWhole()
    {
        var site = new GeneratedSite(300, pageBytes: 3000);
        await using var server = await TestWebServer.StartAsync(app =>
        {
            for (var i = 0; i < site.PageCount; i++)
            {
                var html = site.Render(i);
                app.MapGet(GeneratedSite.PathOf(i), () => SiteKit.Html(html));
            }
        });

        var (result, events) = await CrawlKit.CrawlAsync(server.Url("/"), maxPages: 300);

        Assert.Equal(300, result.Pages.Count);
        Assert.DoesNotContain(events.OfType<LimitReachedEvent>(), e => e.Detail.StartsWith("URL trap", StringComparison.Ordinal));
    }
}
