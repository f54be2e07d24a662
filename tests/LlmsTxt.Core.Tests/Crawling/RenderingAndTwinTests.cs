using LlmsTxt.Core.Extraction;
using LlmsTxt.Core.Crawling;
using LlmsTxt.Core.Rendering;
using LlmsTxt.TestSites;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace LlmsTxt.Core.Tests.Crawling;

public sealed class RenderingAndTwinTests
{
    private const string Shell = "<!DOCTYPE html><html><head><title>App</title></head><body><div id=\"root\"></div><script src=\"/app.js\"></script></body></html>";

    /// <summary>Our own rendering seam, answering with fixed HTML as a browser would after scripts ran.</summary>
    private sealed class FixedRenderer : IPageRenderer, IRenderSession
    {
        public List<Uri> Rendered { get; } = [];

        public IRenderSession OpenSession(RenderSessionOptions sessionOptions) => this;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;

        public Task<RenderedPage?> RenderAsync(Uri url, CancellationToken cancellationToken = default)
        {
            lock (Rendered)
            {
                Rendered.Add(url);
            }
            return Task.FromResult<RenderedPage?>(new RenderedPage(url, SiteKit.Page("Rendered app", ["/after-render"])));
        }
    }

    [Fact]
    public async Task RendersEmptyShellPagesOnlyWhenAllowed()
    {
        await using var server = await TestWebServer.StartAsync(app =>
        {
            app.MapGet("/", () => SiteKit.Html(SiteKit.Page("Home", ["/app"])));
            app.MapGet("/app", () => SiteKit.Html(Shell));
            app.MapGet("/after-render", () => SiteKit.Html(SiteKit.Page("After render")));
        });
        var renderer = new FixedRenderer();
        using var crawler = new Crawler(CrawlKit.Options, renderer: renderer);
        var events = new CrawlKit.EventLog();

        var rendered = await crawler.RunAsync(new CrawlRequest(server.Url("/"), 10, RenderJs: true), events);
        var staticOnly = await crawler.RunAsync(new CrawlRequest(server.Url("/"), 10, RenderJs: false));

        Assert.Equal(["/", "/app", "/after-render"], CrawlKit.Paths(rendered));
        Assert.Equal("Rendered app", rendered.Pages[1].Page.Title);
        Assert.True(rendered.Pages[1].Rendered);
        Assert.Equal(1, rendered.Stats.Rendered);
        Assert.Equal([server.Url("/app")], renderer.Rendered);
        Assert.Contains(events.ToList().OfType<PageRenderedEvent>(), e => e.Url.AbsolutePath == "/app" && e.WordsBefore == 0);
        Assert.Equal(["/", "/app"], CrawlKit.Paths(staticOnly));
        Assert.Equal(0, staticOnly.Stats.Rendered);
    }

    [Fact]
    public async Task LinksMarkdownTwinsThatAnswerWithText()
    {
        await using var server = await TestWebServer.StartAsync(app =>
        {
            app.MapGet("/", () => SiteKit.Html(SiteKit.Page("Home", ["/guide", "/faq/", "/other"])));
            app.MapGet("/guide", () => SiteKit.Html(SiteKit.Page("Guide")));
            app.MapGet("/guide.md", () => Results.Text("# Guide", "text/markdown"));
            app.MapGet("/faq", (HttpContext ctx) => SiteKit.Html(SiteKit.Page("FAQ")));
            app.MapGet("/faq/index.html.md", () => Results.Text("# FAQ", "text/plain"));
            app.MapGet("/other", () => SiteKit.Html(SiteKit.Page("Other")));
            // A soft 404 in HTML is not a twin.
            app.MapGet("/other.md", () => SiteKit.Html(SiteKit.Page("Not found")));
        });

        var (result, _) = await CrawlKit.CrawlAsync(server.Url("/"), options: CrawlKit.Options with { CheckMarkdownTwins = true });

        Assert.Equal(["/", "/guide", "/faq/", "/other"], CrawlKit.Paths(result));
        Assert.Null(result.Pages[0].MarkdownTwin);
        Assert.Equal(server.Url("/guide.md"), result.Pages[1].MarkdownTwin);
        Assert.Equal(server.Url("/faq/index.html.md"), result.Pages[2].MarkdownTwin);
        Assert.Null(result.Pages[3].MarkdownTwin);
    }

    [Fact]
    public async Task TwinTextLongerThanTheMarkdownBoundIsNotKept()
    {
        var longTwin = "# Long\n\n" + string.Join("\n\n", Enumerable.Repeat("A sentence of the long twin, said again and again.", 200));
        await using var server = await TestWebServer.StartAsync(app =>
        {
            app.MapGet("/", () => SiteKit.Html(SiteKit.Page("Home", ["/short", "/long"])));
            app.MapGet("/short", () => SiteKit.Html(SiteKit.Page("Short")));
            app.MapGet("/short.md", () => Results.Text("# Short\n\nA short twin.", "text/markdown"));
            app.MapGet("/long", () => SiteKit.Html(SiteKit.Page("Long")));
            app.MapGet("/long.md", () => Results.Text(longTwin, "text/markdown"));
        });
        using var crawler = new Crawler(CrawlKit.Options with { CheckMarkdownTwins = true });

        var result = await crawler.RunAsync(new CrawlRequest(server.Url("/"), 10, Extraction: new ExtractionOptions { ConvertMarkdown = true, MaxMarkdownChars = 2_000 }),
            new CrawlKit.EventLog(), CancellationToken.None);

        var byPath = result.Pages.ToDictionary(p => p.Url.AbsolutePath);
        Assert.Equal("# Short\n\nA short twin.\n", byPath["/short"].MarkdownTwinText);
        // Over the bound (10,000+ characters against 2,000): still linked, but llms-full gets the page's own bounded Markdown.
        Assert.Equal(server.Url("/long.md"), byPath["/long"].MarkdownTwin);
        Assert.Null(byPath["/long"].MarkdownTwinText);
    }

    [Fact]
    public async Task SitesWithoutTwinsAreProbedOnlyForASample()
    {
        var links = Enumerable.Range(1, 20).Select(i => $"/p{i}").ToList();
        await using var server = await TestWebServer.StartAsync(app =>
        {
            app.MapGet("/", () => SiteKit.Html(SiteKit.Page("Home", links)));
            app.MapGet("/p{n:int}", (int n) => SiteKit.Html(SiteKit.Page($"P{n}")));
        });

        var (result, _) = await CrawlKit.CrawlAsync(server.Url("/"), options: CrawlKit.Options with { CheckMarkdownTwins = true });

        Assert.Equal(21, result.Pages.Count);
        Assert.All(result.Pages, p => Assert.Null(p.MarkdownTwin));
        Assert.Equal(0, server.RequestCount("/p20.md"));
        Assert.Equal(1, server.RequestCount("/p1.md"));
    }

    [Fact]
    public async Task TwinsAreFoundWhenOnlyALaterSectionHasThem()
    {
        // Twenty blog pages come first and have no twins; the docs, listed last, do.
        var blog = Enumerable.Range(1, 20).Select(i => $"/blog/p{i}.html").ToList();
        await using var server = await TestWebServer.StartAsync(app =>
        {
            app.MapGet("/", () => SiteKit.Html(SiteKit.Page("Home", [.. blog, "/docs/a.html", "/docs/b.html"])));
            app.MapGet("/blog/p{n:int}.html", (int n) => SiteKit.Html(SiteKit.Page($"Post {n}")));
            app.MapGet("/docs/{name}.html", (string name) => SiteKit.Html(SiteKit.Page($"Doc {name}")));
            app.MapGet("/docs/{name}.md", (string name) => Results.Text($"# Doc {name}", "text/markdown"));
        });

        var (result, _) = await CrawlKit.CrawlAsync(server.Url("/"), options: CrawlKit.Options with { CheckMarkdownTwins = true, MarkdownTwinSample = 4 });

        Assert.Equal(server.Url("/docs/a.md"), result.Pages.Single(p => p.Url.AbsolutePath == "/docs/a.html").MarkdownTwin);
        Assert.Equal(server.Url("/docs/b.md"), result.Pages.Single(p => p.Url.AbsolutePath == "/docs/b.html").MarkdownTwin);
        Assert.Equal("# Doc a\n", result.Pages.Single(p => p.Url.AbsolutePath == "/docs/a.html").MarkdownTwinText);
        // A twin was found, so every page was probed: page.html gives page.md, then page.html.md.
        Assert.Equal(1, server.RequestCount("/blog/p20.md"));
        Assert.Equal(1, server.RequestCount("/blog/p20.html.md"));
    }

    [Fact]
    public void TwinCandidatesFollowTheSitesOwnNaming()
    {
        Assert.Equal(["https://s.example/a/page.md", "https://s.example/a/page.html.md"],
            MarkdownTwinChecker.Candidates(new Uri("https://s.example/a/page.html")).Select(u => u.AbsoluteUri));
        Assert.Equal(["https://s.example/a/page.md", "https://s.example/a/page/index.html.md"],
            MarkdownTwinChecker.Candidates(new Uri("https://s.example/a/page")).Select(u => u.AbsoluteUri));
        Assert.Equal(["https://s.example/a/index.html.md"], MarkdownTwinChecker.Candidates(new Uri("https://s.example/a/")).Select(u => u.AbsoluteUri));
    }

    [Fact]
    public void SampleTakesPagesFromEverySectionInTurn()
    {
        var pages = new[] { "/", "/blog/1", "/blog/2", "/blog/3", "/docs/1", "/docs/2", "/api/1" }.Select(p => new Uri("https://s.example" + p)).ToList();
        Assert.Equal([0, 1, 2, 4, 6], MarkdownTwinChecker.Sample(pages, 5));
    }
}
