using System.Globalization;
using LlmsTxt.TestSites;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace LlmsTxt.Server.Tests.Sites;

/// <summary>
/// A small fixture site on 127.0.0.1 whose content, sitemap <c>lastmod</c> and health the test
/// changes between scheduler passes. Three pages, robots.txt pointing at sitemap.xml.
/// </summary>
public sealed class ChangingSite : IAsyncDisposable
{
    private static readonly string[] PagePaths = ["/", "/docs/alpha", "/docs/beta"];
    private TestWebServer _server = null!;

    // Read by the server's request threads, written by the test between passes.
    public string Version { get; set; } = "one";

    /// <summary>Changes only the alpha page (the home page and beta stay as they are); null follows <see cref="Version"/>.</summary>
    public string? AlphaVersion { get; set; }
    public DateTimeOffset LastModified { get; set; } = new(2026, 2, 1, 9, 0, 0, TimeSpan.Zero);
    public bool Broken { get; set; }

    public string BaseUrl => _server.BaseUri.AbsoluteUri;

    public TestWebServer Server => _server;

    public static async Task<ChangingSite> StartAsync()
    {
        var site = new ChangingSite();
        site._server = await TestWebServer.StartAsync(app =>
        {
            app.Use(async (context, next) =>
            {
                if (site.Broken)
                {
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                    return;
                }

                await next(context);
            });
            app.MapGet("/robots.txt", (HttpContext ctx) => Results.Text($"User-agent: *\nAllow: /\nSitemap: {Origin(ctx)}/sitemap.xml\n", "text/plain"));
            app.MapGet("/sitemap.xml", (HttpContext ctx) =>
            {
                var lastmod = site.LastModified.ToString("yyyy-MM-ddTHH:mm:ssK", CultureInfo.InvariantCulture);
                var urls = string.Concat(PagePaths.Select(p => $"<url><loc>{Origin(ctx)}{p}</loc><lastmod>{lastmod}</lastmod></url>"));
                return Results.Content($"<?xml version=\"1.0\" encoding=\"UTF-8\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">{urls}</urlset>", "application/xml");
            });
            app.MapGet("/", () => Page("Changing Site", $"Home of the changing site, version {site.Version}."));
            app.MapGet("/docs/alpha", () => Page("Alpha guide", $"How alpha works in version {site.AlphaVersion ?? site.Version}."));
            app.MapGet("/docs/beta", () => Page("Beta guide", "How beta works; this page never changes."));
        });
        return site;
    }

    /// <summary>Requests for anything but robots.txt and sitemaps since <paramref name="since"/>.</summary>
    public int PageRequestsSince(int since) =>
        _server.Requests.Skip(since).Count(r => r.PathAndQuery is not ("/robots.txt" or "/sitemap.xml"));

    public int SitemapRequestsSince(int since) => _server.Requests.Skip(since).Count(r => r.PathAndQuery == "/sitemap.xml");

    public int HomeRequests => _server.RequestCount("/");

    public int RequestsSoFar => _server.Requests.Count;

    private static string Origin(HttpContext ctx) => $"{ctx.Request.Scheme}://{ctx.Request.Host}";

    private static IResult Page(string title, string description) => Results.Content(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">" +
        $"<title>{title}</title><meta name=\"description\" content=\"{description}\"></head><body>" +
        "<nav><a href=\"/docs/alpha\">Alpha</a> <a href=\"/docs/beta\">Beta</a></nav>" +
        $"<main><h1>{title}</h1><p>{description} {string.Concat(Enumerable.Repeat("This paragraph has enough words to count as real content for the extractor. ", 5))}</p></main>" +
        "</body></html>", "text/html; charset=utf-8");

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
