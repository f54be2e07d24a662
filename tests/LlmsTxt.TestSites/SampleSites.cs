using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace LlmsTxt.TestSites;

/// <summary>
/// Small realistic websites for end-to-end tests: a documentation site with navigation, robots.txt and
/// a sitemap, and a slow site with many pages for stop/disconnect/queue tests.
/// </summary>
public static class SampleSites
{
    /// <summary>Paths the docs site should list (robots.txt disallows /private/).</summary>
    public static readonly IReadOnlyList<string> DocsPaths =
    [
        "/", "/docs/getting-started", "/docs/install", "/docs/configuration", "/guides/deploy", "/blog/hello-world", "/about", "/privacy",
    ];

    public const string DisallowedPath = "/private/secret";

    /// <summary>A site named "Acme Widgets" with nav links, robots.txt (Disallow: /private/) and sitemap.xml.</summary>
    public static Task<TestWebServer> StartDocsSiteAsync(CancellationToken cancellationToken = default) =>
        TestWebServer.StartAsync(app =>
        {
            app.MapGet("/robots.txt", (HttpContext ctx) => Results.Text(
                $"User-agent: *\nDisallow: /private/\nSitemap: {ctx.Request.Scheme}://{ctx.Request.Host}/sitemap.xml\n", "text/plain"));
            app.MapGet("/sitemap.xml", (HttpContext ctx) =>
            {
                var origin = $"{ctx.Request.Scheme}://{ctx.Request.Host}";
                var urls = string.Concat(DocsPaths.Append(DisallowedPath).Select(p => $"<url><loc>{origin}{p}</loc><lastmod>2026-01-15</lastmod></url>"));
                return Results.Content($"<?xml version=\"1.0\" encoding=\"UTF-8\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">{urls}</urlset>", "application/xml");
            });
            app.MapGet("/", () => Html("Acme Widgets", "Acme Widgets builds small, reliable widgets for web applications.",
                "Welcome to Acme Widgets. " + Words("Widgets render forms, tables and charts with one line of code and no build step.", 6)));
            app.MapGet("/docs/getting-started", () => Html("Getting started", "Install Acme Widgets and render your first widget in five minutes.",
                Words("Start by adding the package, then call render with a target element.", 6)));
            app.MapGet("/docs/install", () => Html("Installation", "Install Acme Widgets with npm, a script tag or a container image.",
                Words("The installer checks your environment and explains each missing requirement.", 6)));
            app.MapGet("/docs/configuration", () => Html("Configuration", "Every setting of Acme Widgets with its default and allowed values.",
                Words("Settings come from environment variables or a file next to the application.", 6)));
            app.MapGet("/guides/deploy", () => Html("Deploying to production", "How to deploy Acme Widgets behind a reverse proxy with caching.",
                Words("Put a reverse proxy in front, enable compression and cache static assets for a year.", 6)));
            app.MapGet("/blog/hello-world", () => Html("Hello, world", "Why we started Acme Widgets and where it is going next.",
                Words("We started the project to make simple things simple and hard things possible.", 6)));
            app.MapGet("/about", () => Html("About us", "The small team behind Acme Widgets.",
                Words("We are a team of five people working remotely across three time zones.", 6)));
            app.MapGet("/privacy", () => Html("Privacy policy", "What Acme Widgets collects and why.",
                Words("We collect nothing beyond what the server needs to answer a request.", 6)));
            app.MapGet(DisallowedPath, () => Html("Secret", "Must never be listed.", Words("This page is disallowed by robots.txt.", 6)));
        }, cancellationToken);

    /// <summary>
    /// A site whose home page links to <paramref name="pages"/> pages (/p/1 …), each answering after
    /// <paramref name="delay"/>. Long enough to stop, disconnect from or queue behind.
    /// </summary>
    public static Task<TestWebServer> StartSlowSiteAsync(int pages, TimeSpan delay, CancellationToken cancellationToken = default) =>
        TestWebServer.StartAsync(app =>
        {
            app.MapGet("/robots.txt", () => Results.NotFound());
            app.MapGet("/", () =>
            {
                var links = string.Concat(Enumerable.Range(1, pages).Select(i => $"<li><a href=\"/p/{i}\">Page {i}</a></li>"));
                return Results.Content(Page("Slow Site", "A site that answers slowly.", $"<nav><ul>{links}</ul></nav>",
                    Words("The slow site answers every page after a pause so that crawls take a while.", 6)), "text/html; charset=utf-8");
            });
            app.MapGet("/p/{n:int}", async (int n, HttpContext ctx) =>
            {
                await Task.Delay(delay, ctx.RequestAborted);
                return Results.Content(Page($"Slow page {n}", $"Page number {n} of the slow site.", "",
                    Words($"Slow page {n} holds text about topic number {n} for the crawler to extract.", 6)), "text/html; charset=utf-8");
            });
        }, cancellationToken);

    private static IResult Html(string title, string description, string text) =>
        Results.Content(Page(title, description, Nav, text), "text/html; charset=utf-8");

    private const string Nav =
        "<nav><ul><li><a href=\"/docs/getting-started\">Getting started</a></li><li><a href=\"/docs/install\">Installation</a></li>" +
        "<li><a href=\"/docs/configuration\">Configuration</a></li><li><a href=\"/guides/deploy\">Deploy</a></li>" +
        "<li><a href=\"/blog/hello-world\">Blog</a></li></ul></nav>";

    private const string Footer = "<footer><a href=\"/about\">About</a> <a href=\"/privacy\">Privacy</a> <a href=\"/private/secret\">Secret</a></footer>";

    private static string Page(string title, string description, string nav, string text) =>
        $"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title} | Acme Widgets</title>" +
        $"<meta name=\"description\" content=\"{description}\"></head><body><header>{nav}</header>" +
        $"<main><h1>{title}</h1><p>{text}</p><p>{text}</p></main>{Footer}</body></html>";

    private static string Words(string sentence, int times)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < times; i++) builder.Append(sentence).Append(' ');
        return builder.ToString().TrimEnd();
    }

    /// <summary>Invariant formatting for fixture numbers.</summary>
    public static string N(int value) => value.ToString(CultureInfo.InvariantCulture);
}
