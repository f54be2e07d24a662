using LlmsTxt.Core.Crawling;
using LlmsTxt.TestSites;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace LlmsTxt.Core.Tests.Crawling;

/// <summary>One host throttle per process: every request of every crawl to a host is paced and bounded together.</summary>
public sealed class HostThrottleTests
{
    [Fact]
    public async Task RobotsTxtAndTheFirstPageAreSpacedByTheMinimumDelay()
    {
        await using var server = await TestWebServer.StartAsync(app =>
        {
            app.MapGet("/robots.txt", () => Results.Text("User-agent: *\nAllow: /\n"));
            app.MapGet("/", () => SiteKit.Html(SiteKit.Page("Home", ["/a"])));
            app.MapGet("/a", () => SiteKit.Html(SiteKit.Page("A", ["/"])));
        });
        var delay = TimeSpan.FromMilliseconds(400);

        var (result, _) = await CrawlKit.CrawlAsync(server.Url("/"), options: CrawlKit.Options with { MinCrawlDelay = delay });

        Assert.Equal(2, result.Pages.Count);
        var starts = server.Requests.OrderBy(r => r.At).ToList();
        Assert.Equal("/robots.txt", starts[0].PathAndQuery);
        Assert.Equal("/", starts[1].PathAndQuery);
        // The throttle spaces request starts; the server stamps arrivals, which a busy machine delays by a few tens of
        // milliseconds each, so a quarter of the delay is slack (unpaced, the first page came about 30 ms after robots.txt).
        for (var i = 1; i < starts.Count; i++)
        {
            Assert.True(starts[i].At - starts[i - 1].At >= delay * 0.75,
                $"{starts[i].PathAndQuery} came {(starts[i].At - starts[i - 1].At).TotalMilliseconds:0} ms after {starts[i - 1].PathAndQuery}");
        }
    }

    [Fact]
    public async Task TwoConcurrentCrawlsOfOneHostNeverExceedThePerHostBound()
    {
        const int bound = 3;
        // Fewer pages than asked for: each crawl ends by running out of pages, never by cancelling requests in flight
        // (a cancelled request frees its slot at once, while the server may still be busy with it).
        var site = new GeneratedSite(pageCount: 40, pageBytes: 2_000);
        var inFlight = 0;
        var peak = 0;
        await using var server = await TestWebServer.StartAsync(app =>
        {
            app.Use(async (ctx, next) =>
            {
                var now = Interlocked.Increment(ref inFlight);
                InterlockedMax(ref peak, now);
                try
                {
                    // Long enough that both crawls always have requests waiting.
                    await Task.Delay(15);
                }
                finally
                {
                    // Counted until the answer starts: the client may read a finished answer (and send its next
                    // request) before this middleware would see the end of it.
                    Interlocked.Decrement(ref inFlight);
                }
                await next(ctx);
            });
            app.MapGet("/{**path}", (string? path) =>
            {
                var index = Enumerable.Range(0, site.PageCount).FirstOrDefault(i => GeneratedSite.PathOf(i) == "/" + (path ?? ""), -1);
                return index < 0 ? Results.NotFound() : SiteKit.Html(site.Render(index));
            });
        });
        var options = CrawlKit.Options with { MaxConcurrencyPerHost = bound };

        // Two crawler instances, as two users of the server or the CLI would have: the throttle is the process's.
        var crawls = await Task.WhenAll(
            CrawlKit.CrawlAsync(server.Url("/"), maxPages: 50, options: options),
            CrawlKit.CrawlAsync(server.Url("/"), maxPages: 50, options: options));

        Assert.All(crawls, c => Assert.Equal(40, c.Result.Pages.Count));
        Assert.InRange(peak, 1, bound);
    }

    [Fact]
    public async Task IdleHostsAreForgotten()
    {
        var throttle = new HostThrottle(2, TimeProvider.System);
        for (var i = 0; i < 1000; i++)
        {
            using var lease = await throttle.AcquireAsync(new Uri($"http://h{i}.test/"), TimeSpan.Zero);
        }

        // 1000 hosts crawled one after another: only a bounded number stay tracked.
        Assert.InRange(throttle.TrackedHosts, 1, 256);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        for (var current = Volatile.Read(ref target); value > current; current = Volatile.Read(ref target))
        {
            if (Interlocked.CompareExchange(ref target, value, current) == current)
            {
                return;
            }
        }
    }
}
