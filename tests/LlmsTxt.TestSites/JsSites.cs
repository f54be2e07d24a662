using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace LlmsTxt.TestSites;

/// <summary>
/// JavaScript-only fixture sites: every page is an empty shell that a script fills in, and every answer carries
/// <c>Cache-Control: no-cache</c> and an <c>ETag</c> (a browser that keeps a cache revalidates and gets 304).
/// </summary>
public static class JsSites
{
    private const string Words = " This page explains one part of the product in enough words that it counts as real content for the crawler.";

    /// <summary>
    /// Pages <c>/</c> and <c>/p1</c>..<c>/pN</c>; their links exist only after the script ran (a sidebar of every page).
    /// <paramref name="broken"/> makes the script fail (a deploy that broke rendering) while it returns true.
    /// </summary>
    public static Task<TestWebServer> StartLinkedAppAsync(int pages, Func<bool>? broken = null) => TestWebServer.StartAsync(app =>
    {
        app.MapGet("/robots.txt", () => Results.NotFound());
        var names = Enumerable.Range(1, pages).Select(i => $"p{i}").ToList();
        var sidebar = string.Concat(names.Select(n => $"<li><a href=\"/{n}\">Page {n}</a></li>"));
        app.MapGet("/", (HttpContext ctx) => Cached(ctx, Shell("home"), "text/html; charset=utf-8"));
        app.MapGet("/p{n:int}", (HttpContext ctx, int n) => n <= pages ? Cached(ctx, Shell($"p{n}"), "text/html; charset=utf-8") : Results.NotFound());
        app.MapGet("/app.js", (HttpContext ctx) => broken?.Invoke() == true
            ? Cached(ctx, "throw new Error('deploy broke the bundle');", "text/javascript")
            : Cached(ctx,
                "const name = document.body.dataset.page;" +
                $"document.title = 'Page ' + name;" +
                $"document.getElementById('app').innerHTML = '<nav><ul>{sidebar}</ul></nav><main><h1>Page ' + name + '</h1><p>' + '{Words}'.repeat(6) + '</p></main>';",
                "text/javascript"));
    });

    /// <summary>
    /// A docsify-style site: one shell at <c>/</c>; the script builds a sidebar of <c>#/route</c> links (or
    /// <c>#!/route</c> with <paramref name="hashBang"/>) and draws the route named in the fragment.
    /// </summary>
    public static Task<TestWebServer> StartHashRoutedAsync(IReadOnlyList<string> routes, bool hashBang = false) => TestWebServer.StartAsync(app =>
    {
        var prefix = hashBang ? "#!/" : "#/";
        app.MapGet("/robots.txt", () => Results.NotFound());
        app.MapGet("/", (HttpContext ctx) => Cached(ctx, Shell("docs"), "text/html; charset=utf-8"));
        var list = string.Join(",", routes.Select(r => $"'{r}'"));
        app.MapGet("/app.js", (HttpContext ctx) => Cached(ctx,
            $"const routes = [{list}]; const prefix = '{prefix}';" +
            "const draw = () => { const route = location.hash.startsWith(prefix) ? location.hash.slice(prefix.length) : '';" +
            "  const title = route ? 'Guide to ' + route : 'Docs home'; document.title = title;" +
            "  const side = routes.map(r => '<li><a href=\"' + prefix + r + '\">' + r + '</a></li>').join('');" +
            $"  document.getElementById('app').innerHTML = '<aside class=\"sidebar\"><ul>' + side + '</ul></aside><main><h1>' + title + '</h1><p>' + ('Only the ' + (route || 'home') + ' route says this.{Words}').repeat(5) + '</p></main>'; }};" +
            "window.addEventListener('hashchange', draw); draw();",
            "text/javascript"));
    });

    private static string Shell(string page) =>
        $"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Loading</title></head><body data-page=\"{page}\"><div id=\"app\"></div><script src=\"/app.js\"></script></body></html>";

    /// <summary>Answers with <c>no-cache</c> and a content ETag; a matching <c>If-None-Match</c> gets 304.</summary>
    private static IResult Cached(HttpContext context, string body, string contentType)
    {
        var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body)))[..16] + "\"";
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers.ETag = etag;
        return context.Request.Headers.IfNoneMatch.ToString() == etag ? Results.StatusCode(StatusCodes.Status304NotModified) : Results.Content(body, contentType);
    }
}
