using System.IO.Compression;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace LlmsTxt.TestSites;

/// <summary>Small helpers to build fixture websites: realistic pages, gzip bodies, route tables.</summary>
public static class SiteKit
{
    private static readonly string Filler = string.Join(' ', Enumerable.Repeat(
        "This page explains one part of the product in enough words that it counts as real content for the crawler.", 8));

    /// <summary>An HTML page with a nav of <paramref name="links"/> and a main section with real text.</summary>
    public static string Page(string title, IEnumerable<string>? links = null, string? head = null, string? body = null)
    {
        var nav = string.Concat((links ?? []).Select(l => $"<li><a href=\"{WebUtility.HtmlEncode(l)}\">{WebUtility.HtmlEncode(l)}</a></li>"));
        return $"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{WebUtility.HtmlEncode(title)}</title>{head}</head>" +
               $"<body><nav><ul>{nav}</ul></nav><main><h1>{WebUtility.HtmlEncode(title)}</h1><p>{body ?? Filler}</p></main></body></html>";
    }

    public static byte[] Gzip(string text) => Gzip(Encoding.UTF8.GetBytes(text));

    public static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(bytes);
        }
        return output.ToArray();
    }

    public static IResult Html(string html) => Results.Content(html, "text/html; charset=utf-8");

    /// <summary>A page that answers its first request with <paramref name="status"/> and a <c>Retry-After</c>, then serves normally.</summary>
    public static RequestDelegate BusyOnceThenPage(int status, string retryAfter, string title)
    {
        var calls = 0;
        return ctx =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                ctx.Response.StatusCode = status;
                ctx.Response.Headers.RetryAfter = retryAfter;
                return Task.CompletedTask;
            }
            return Html(Page(title)).ExecuteAsync(ctx);
        };
    }

    public static string UrlSet(IEnumerable<string> locs, string? lastmod = null) =>
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">" +
        string.Concat(locs.Select(l => $"<url><loc>{l}</loc>{(lastmod is null ? "" : $"<lastmod>{lastmod}</lastmod>")}</url>")) + "</urlset>";

    public static string SitemapIndex(IEnumerable<string> locs) =>
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">" +
        string.Concat(locs.Select(l => $"<sitemap><loc>{l}</loc></sitemap>")) + "</sitemapindex>";

    /// <summary>Maps every path of <paramref name="pages"/> to its HTML.</summary>
    public static void MapPages(this WebApplication app, IReadOnlyDictionary<string, string> pages)
    {
        foreach (var (path, html) in pages)
        {
            app.MapGet(path, () => Html(html));
        }
    }
}
