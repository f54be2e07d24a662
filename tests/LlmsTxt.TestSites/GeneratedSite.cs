using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace LlmsTxt.TestSites;

/// <summary>
/// A deterministic documentation-like site of <c>pageCount</c> pages (≈ <c>pageBytes</c> each): a header nav,
/// a sidebar of section links, an article of paragraphs, a list and a table, and "related" links that tie
/// the pages together so breadth-first crawling reaches all of them. Used by tests and bench/crawl.
/// </summary>
public sealed class GeneratedSite(int pageCount, int pageBytes = 30_000)
{
    private static readonly string[] Words =
        "the crawler reads each page of documentation and extracts a title description and main content so that language models can find answers quickly without guessing install configure deploy monitor scale secure api client server request response token cache queue worker schedule".Split(' ');

    public int PageCount => pageCount;

    /// <summary>Serves the site on 127.0.0.1 with robots.txt pointing at its sitemap (pages rendered once, up front).</summary>
    public Task<TestWebServer> ServeAsync()
    {
        var pages = Enumerable.Range(0, pageCount).ToDictionary(PathOf, i => Encoding.UTF8.GetBytes(Render(i)), StringComparer.Ordinal);
        return TestWebServer.StartAsync(app =>
        {
            app.MapGet("/robots.txt", () => Results.Text("User-agent: *\nAllow: /\nSitemap: /sitemap.xml\n", "text/plain"));
            app.MapGet("/sitemap.xml", (HttpContext ctx) => Results.Content(Sitemap($"{ctx.Request.Scheme}://{ctx.Request.Host}"), "application/xml"));
            app.MapGet("/{**path}", (string? path) => pages.TryGetValue("/" + path, out var html)
                ? Results.Bytes(html, "text/html; charset=utf-8")
                : Results.NotFound());
        });
    }

    public static string PathOf(int index) => index == 0 ? "/" : $"/docs/section-{index % 20}/page-{index}";

    public string Sitemap(string baseUrl) =>
        SiteKit.UrlSet(Enumerable.Range(0, pageCount).Select(i => baseUrl.TrimEnd('/') + PathOf(i)), "2026-01-01");

    public string Render(int index)
    {
        var random = new Random(index);
        var html = new StringBuilder(pageBytes + 4096);
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Page ").Append(index).Append(" | Example Docs</title>")
            .Append("<meta name=\"description\" content=\"Documentation page ").Append(index).Append(" of the example product.\">")
            .Append("<link rel=\"stylesheet\" href=\"/assets/site.css\"></head><body><header><nav class=\"top\"><a href=\"/\">Home</a>");
        for (var s = 0; s < 10; s++)
        {
            html.Append("<a href=\"").Append(PathOf(s + 1)).Append("\">Section ").Append(s).Append("</a>");
        }
        html.Append("</nav></header><aside class=\"sidebar\"><ul>");
        for (var k = 1; k <= 30; k++)
        {
            var target = (index + (k * 37)) % pageCount;
            html.Append("<li><a href=\"").Append(PathOf(target)).Append("\">Topic ").Append(target).Append("</a></li>");
        }
        html.Append("</ul></aside><main><article><h1>Page ").Append(index).Append("</h1>");
        var paragraph = 0;
        while (html.Length < pageBytes - 1500)
        {
            html.Append(paragraph % 5 == 4 ? "<h2>Details " : "<p>");
            if (paragraph % 5 == 4)
            {
                html.Append(paragraph).Append("</h2>");
            }
            else
            {
                for (var w = 0; w < 60; w++)
                {
                    html.Append(Words[random.Next(Words.Length)]).Append(' ');
                }
                html.Append("<a href=\"").Append(PathOf((index * 7 + paragraph + 1) % pageCount)).Append("\">related</a>.</p>");
            }
            paragraph++;
        }
        html.Append("<table><tr><th>Option</th><th>Default</th></tr><tr><td>timeout</td><td>30 s</td></tr></table>")
            .Append("</article></main><footer><a href=\"/about\">About</a> <a href=\"/legal\">Legal</a></footer></body></html>");
        return html.ToString();
    }
}
