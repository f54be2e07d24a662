using LlmsTxt.Core.Crawling;
using LlmsTxt.TestSites;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace LlmsTxt.Core.Tests.Crawling;

public sealed class CancellationTests
{
    [Fact]
    public async Task CancellingStopsAllRequestsWithinOneSecond()
    {
        var site = new GeneratedSite(pageCount: 400, pageBytes: 3_000);
        var tenRequests = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var seen = 0;
        await using var server = await TestWebServer.StartAsync(app =>
        {
            app.Use(async (ctx, next) =>
            {
                if (Interlocked.Increment(ref seen) == 10)
                {
                    tenRequests.TrySetResult();
                }
                await Task.Delay(200, ctx.RequestAborted);
                await next(ctx);
            });
            app.MapGet("/{**path}", (string? path) =>
            {
                var index = Enumerable.Range(0, site.PageCount).FirstOrDefault(i => GeneratedSite.PathOf(i) == "/" + (path ?? ""), -1);
                return index < 0 ? Results.NotFound() : SiteKit.Html(site.Render(index));
            });
        });
        using var cts = new CancellationTokenSource();

        var crawl = CrawlKit.CrawlAsync(server.Url("/"), maxPages: 400, cancellationToken: cts.Token);
        await tenRequests.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var cancelledAt = DateTimeOffset.UtcNow;
        await cts.CancelAsync();
        var (result, events) = await crawl;

        Assert.True(result.Cancelled);
        Assert.All(server.Requests, r => Assert.True(r.At <= cancelledAt + TimeSpan.FromSeconds(1), $"request {r.PathAndQuery} started {(r.At - cancelledAt).TotalMilliseconds} ms after cancel"));
        Assert.Contains(events.OfType<LimitReachedEvent>(), e => e.Detail.Contains("cancelled", StringComparison.OrdinalIgnoreCase));
        Assert.True(result.Pages.Count < 400);
    }
}

public sealed class DeadlineTests
{
    [Fact]
    public async Task CrawlDeadlineKeepsThePagesFetchedSoFar()
    {
        await using var server = await TestWebServer.StartAsync(app =>
        {
            app.MapGet("/", () => SiteKit.Html(SiteKit.Page("Home", ["/slow"])));
            app.MapGet("/slow", async (HttpContext ctx) =>
            {
                await Task.Delay(Timeout.Infinite, ctx.RequestAborted);
            });
        });
        var options = CrawlKit.Options with { CrawlDeadline = TimeSpan.FromSeconds(5) };

        var (result, events) = await CrawlKit.CrawlAsync(server.Url("/"), options: options);

        Assert.True(result.Cancelled);
        Assert.Equal(["/"], CrawlKit.Paths(result));
        Assert.Contains(events.OfType<LimitReachedEvent>(), e => e.Detail.Contains("deadline", StringComparison.Ordinal));
    }
}
