using System.Text;
using LlmsTxt.Core.Crawling;
using LlmsTxt.TestSites;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace LlmsTxt.Core.Tests.Crawling;

public sealed class FetchBehaviourTests
{
    [Fact]
    public async Task RetriesAfter429HonouringRetryAfter()
    {
        await using var server = await TestWebServer.StartAsync(app =>
        {
            app.MapGet("/", () => SiteKit.Html(SiteKit.Page("Home", ["/busy"])));
            app.MapGet("/busy", SiteKit.BusyOnceThenPage(429, "1", "Busy"));
        });

        var (result, events) = await CrawlKit.CrawlAsync(server.Url("/"));

        Assert.Equal(["/", "/busy"], CrawlKit.Paths(result));
        var attempts = server.Requests.Where(r => r.PathAndQuery == "/busy").Select(r => r.At).ToList();
        Assert.Equal(2, attempts.Count);
        Assert.True(attempts[1] - attempts[0] >= TimeSpan.FromMilliseconds(990), $"retried after {(attempts[1] - attempts[0]).TotalMilliseconds} ms");
        Assert.Contains(events.OfType<PageRetriedEvent>(), e => e.Why == "HTTP 429" && e.Delay == TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task ServerErrorPageIsRetriedThreeTimesThenReportedFailed()
    {
        await using var server = await TestWebServer.StartAsync(app =>
        {
            app.MapGet("/", () => SiteKit.Html(SiteKit.Page("Home", ["/broken"])));
            app.MapGet("/broken", () => Results.StatusCode(500));
        });

        var (result, events) = await CrawlKit.CrawlAsync(server.Url("/"));

        Assert.Equal(["/"], CrawlKit.Paths(result));
        Assert.Equal(4, server.RequestCount("/broken"));
        Assert.Equal(3, events.OfType<PageRetriedEvent>().Count(e => e.Url.AbsolutePath == "/broken"));
        Assert.Contains(events.OfType<PageFailedEvent>(), e => e.Url.AbsolutePath == "/broken" && e.Why == "HTTP 500");
        Assert.Equal(1, result.Stats.Failed);
    }

    [Fact]
    public async Task SlowDripPageIsCutOffAtThePageTimeout()
    {
        await using var server = await TestWebServer.StartAsync(app =>
        {
            app.MapGet("/", () => SiteKit.Html(SiteKit.Page("Home", ["/slow"])));
            app.MapGet("/slow", async ctx =>
            {
                ctx.Response.ContentType = "text/html";
                await ctx.Response.WriteAsync("<html><body>", ctx.RequestAborted);
                while (!ctx.RequestAborted.IsCancellationRequested)
                {
                    await ctx.Response.WriteAsync("x", ctx.RequestAborted);
                    await ctx.Response.Body.FlushAsync(ctx.RequestAborted);
                    await Task.Delay(1000, ctx.RequestAborted);
                }
            });
        });
        var options = CrawlKit.Options with { PageTimeout = TimeSpan.FromSeconds(2), MaxRetries = 0 };

        var (result, events) = await CrawlKit.CrawlAsync(server.Url("/"), options: options);

        Assert.Equal(["/"], CrawlKit.Paths(result));
        Assert.Contains(events.OfType<PageFailedEvent>(), e => e.Url.AbsolutePath == "/slow" && e.Why.Contains("not complete after 2 s", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RedirectLoopIsStopped()
    {
        await using var server = await TestWebServer.StartAsync(app =>
        {
            app.MapGet("/", () => SiteKit.Html(SiteKit.Page("Home", ["/loop1"])));
            app.MapGet("/loop1", () => Results.Redirect("/loop2"));
            app.MapGet("/loop2", () => Results.Redirect("/loop1"));
        });

        var (result, events) = await CrawlKit.CrawlAsync(server.Url("/"));

        Assert.Equal(["/"], CrawlKit.Paths(result));
        Assert.Contains(events.OfType<PageSkippedEvent>(), e => e.Reason == SkipReason.TooManyRedirects && e.Detail.Contains("loop", StringComparison.Ordinal));
        Assert.True(server.RequestCount("/loop1") <= 2);
    }

    [Fact]
    public async Task OffSiteRedirectIsNotFollowed()
    {
        TestWebServer? server = null;
        server = await TestWebServer.StartAsync(app =>
        {
            app.MapGet("/", () => SiteKit.Html(SiteKit.Page("Home", ["/away", "/moved"])));
            // localhost is a different host than 127.0.0.1: another site as far as scope goes.
            app.MapGet("/away", () => Results.Redirect(new Uri(new Uri($"http://localhost:{server!.BaseUri.Port}/"), "/target").AbsoluteUri));
            app.MapGet("/moved", () => Results.Redirect("/new-home", permanent: true));
            app.MapGet("/new-home", () => SiteKit.Html(SiteKit.Page("New home")));
            app.MapGet("/target", () => SiteKit.Html(SiteKit.Page("Target")));
        });
        await using var _ = server;

        var (result, events) = await CrawlKit.CrawlAsync(server.Url("/"));

        // The final URL after redirects is the page's URL.
        Assert.Equal(["/", "/new-home"], CrawlKit.Paths(result));
        Assert.Equal(0, server.RequestCount("/target"));
        Assert.Contains(events.OfType<PageSkippedEvent>(), e => e.Reason == SkipReason.OffSiteRedirect);
    }

    [Fact]
    public async Task CanonicalAndSlashVariantsAreListedOnce()
    {
        await using var server = await TestWebServer.StartAsync(app =>
        {
            app.MapGet("/", () => SiteKit.Html(SiteKit.Page("Home", ["/guide", "/guide-print", "/guide/", "/b/", "/b", "/guide?utm_source=x#top", "/misconfigured"])));
            // Every page pointing its canonical at the home page is a template mistake, not a duplicate.
            app.MapGet("/misconfigured", () => SiteKit.Html(SiteKit.Page("Misconfigured", head: "<link rel=\"canonical\" href=\"/\">")));
            app.MapGet("/guide", () => SiteKit.Html(SiteKit.Page("Guide")));
            app.MapGet("/guide-print", () => SiteKit.Html(SiteKit.Page("Guide (print)", head: "<link rel=\"canonical\" href=\"/guide\">")));
            // Routing ignores a trailing slash, so one handler serves both spellings.
            app.MapGet("/b", (HttpContext ctx) => ctx.Request.Path == "/b" ? Results.Redirect("/b/") : SiteKit.Html(SiteKit.Page("B")));
        });

        var (result, _) = await CrawlKit.CrawlAsync(server.Url("/"));

        Assert.Equal(["/", "/guide", "/b/", "/misconfigured"], CrawlKit.Paths(result));
        Assert.Equal(1, result.Stats.Skipped[SkipReason.Duplicate]); // /guide-print
        Assert.Equal(0, server.RequestCount("/guide?utm_source=x"));
    }

    [Fact]
    public async Task NoindexPagesAreNotListedButTheirLinksAreFollowed()
    {
        await using var server = await TestWebServer.StartAsync(app =>
        {
            app.MapGet("/", () => SiteKit.Html(SiteKit.Page("Home", ["/hidden", "/tagged"])));
            app.MapGet("/hidden", () => SiteKit.Html(SiteKit.Page("Hidden", ["/behind"], head: "<meta name=\"robots\" content=\"noindex, follow\">")));
            app.MapGet("/tagged", ctx =>
            {
                ctx.Response.Headers["X-Robots-Tag"] = "noindex";
                return SiteKit.Html(SiteKit.Page("Tagged")).ExecuteAsync(ctx);
            });
            app.MapGet("/behind", () => SiteKit.Html(SiteKit.Page("Behind")));
        });

        var (result, events) = await CrawlKit.CrawlAsync(server.Url("/"));

        Assert.Equal(["/", "/behind"], CrawlKit.Paths(result));
        Assert.Equal(2, result.Stats.Skipped[SkipReason.NoIndex]);
    }

    [Fact]
    public async Task CalendarTrapTerminates()
    {
        await using var server = await TestWebServer.StartAsync(app =>
        {
            app.MapGet("/", () => SiteKit.Html(SiteKit.Page("Home", ["/calendar/2026/1"])));
            app.MapGet("/calendar/{year:int}/{month:int}", (int year, int month) =>
            {
                var next = month == 12 ? $"/calendar/{year + 1}/1" : $"/calendar/{year}/{month + 1}";
                var previous = month == 1 ? $"/calendar/{year - 1}/12" : $"/calendar/{year}/{month - 1}";
                return SiteKit.Html(SiteKit.Page($"{year}-{month}", [next, previous, $"/calendar/{year}/{month}/day/1/day/1/day/1"]));
            });
        });

        var (result, events) = await CrawlKit.CrawlAsync(server.Url("/"), maxPages: 30);

        // Home, the calendar page it links to, and at most MaxPagesPerPattern next/previous months.
        Assert.InRange(result.Pages.Count, 2, 2 + CrawlKit.Options.MaxPagesPerPattern);
        Assert.True(server.Requests.Count < 30, $"{server.Requests.Count} requests");
        Assert.Contains(events.OfType<PageSkippedEvent>(), e => e.Reason == SkipReason.UrlTrap);
        Assert.Contains(events.OfType<LimitReachedEvent>(), e => e.Detail.StartsWith("URL trap: stopped following links of the pattern /calendar/{n}/{n}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TwentyMegabytePageIsCutAtTheLimit()
    {
        var huge = Encoding.ASCII.GetBytes("<html><head><title>Huge</title></head><body><p>" + new string('a', 20 * 1024 * 1024) + "</p></body></html>");
        await using var server = await TestWebServer.StartAsync(app =>
        {
            app.MapGet("/", () => SiteKit.Html(SiteKit.Page("Home", ["/huge"])));
            app.MapGet("/huge", () => Results.Bytes(huge, "text/html"));
        });
        var options = CrawlKit.Options with { MaxPageBytes = 1024 * 1024 };

        var (result, _) = await CrawlKit.CrawlAsync(server.Url("/"), options: options);

        Assert.Equal(["/", "/huge"], CrawlKit.Paths(result));
        Assert.Equal("Huge", result.Pages[1].Page.Title);
        Assert.True(result.Stats.Bytes < 1024 * 1024 + 64 * 1024, $"{result.Stats.Bytes} bytes read");
    }

    [Fact]
    public async Task Latin1PageIsDecodedFromTheHeaderCharset()
    {
        var latin1 = Encoding.Latin1.GetBytes(SiteKit.Page("Café crème", body: "Déjà vu à la française, naïve façade. " + string.Concat(Enumerable.Repeat("Un texte assez long pour compter. ", 20))));
        await using var server = await TestWebServer.StartAsync(app =>
        {
            app.MapGet("/", () => SiteKit.Html(SiteKit.Page("Home", ["/fr"])));
            app.MapGet("/fr", () => Results.Bytes(latin1, "text/html; charset=ISO-8859-1"));
        });

        var (result, _) = await CrawlKit.CrawlAsync(server.Url("/"));

        Assert.Equal("Café crème", result.Pages[1].Page.Title);
        Assert.Contains("Déjà vu", result.Pages[1].Page.Excerpt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NonHtmlResponsesAreSkippedByContentType()
    {
        await using var server = await TestWebServer.StartAsync(app =>
        {
            app.MapGet("/", () => SiteKit.Html(SiteKit.Page("Home", ["/report", "/page.php"])));
            app.MapGet("/report", () => Results.Bytes([0x25, 0x50, 0x44, 0x46], "application/pdf"));
            app.MapGet("/page.php", () => SiteKit.Html(SiteKit.Page("PHP page")));
        });

        var (result, events) = await CrawlKit.CrawlAsync(server.Url("/"));

        Assert.Equal(["/", "/page.php"], CrawlKit.Paths(result));
        Assert.Contains(events.OfType<PageSkippedEvent>(), e => e.Reason == SkipReason.NotHtml && e.Detail.Contains("application/pdf", StringComparison.Ordinal));
    }
}
