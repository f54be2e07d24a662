using System.IO.Compression;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace LlmsTxt.TestSites;

/// <summary>
/// Routes of hostile sites, shared by the tests and <c>bench/hostile</c>: a page with a flood of links,
/// compression bombs (gzip, deflate, brotli) as pages and sitemaps, a body that drips, a 503 with a huge
/// <c>Retry-After</c>, a calendar that links to the next month forever, a soft-404 sitemap.
/// </summary>
public static class HostileSites
{
    /// <summary>A page with <paramref name="count"/> distinct same-site links.</summary>
    public static string LinkFlood(int count)
    {
        var sb = new StringBuilder(count * 40);
        sb.Append("<!DOCTYPE html><html><head><title>Link flood</title></head><body><main><h1>All the links</h1><p>")
            .Append("This page lists far more links than any real page would, to see whether the crawler holds them all.</p><ul>");
        for (var i = 0; i < count; i++)
        {
            sb.Append("<li><a href=\"/item/").Append(i).Append("\">Item ").Append(i).Append("</a></li>");
        }
        return sb.Append("</ul></main></body></html>").ToString();
    }

    /// <summary>
    /// An HTML page of <paramref name="decompressedBytes"/> bytes (one huge paragraph of repeated words),
    /// compressed with <paramref name="encoding"/> (<c>gzip</c>, <c>deflate</c>, <c>br</c>, or <c>identity</c>).
    /// </summary>
    public static byte[] Bomb(string encoding, long decompressedBytes, string? prefix = null, string? suffix = null)
    {
        using var output = new MemoryStream();
        using (var compressor = Compressor(encoding, output))
        {
            var head = Encoding.UTF8.GetBytes(prefix ?? "<!DOCTYPE html><html><head><title>Big page</title></head><body><main><h1>Big page</h1><p>");
            var tail = Encoding.UTF8.GetBytes(suffix ?? "</p></main></body></html>");
            compressor.Write(head);
            var chunk = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("lorem ipsum dolor sit amet ", 1 << 15)));
            var left = decompressedBytes - head.Length - tail.Length;
            while (left > 0)
            {
                var n = (int)Math.Min(chunk.Length, left);
                compressor.Write(chunk, 0, n);
                left -= n;
            }
            compressor.Write(tail);
        }
        return output.ToArray();
    }

    /// <summary>A sitemap (<c>urlset</c>) padded with whitespace to <paramref name="decompressedBytes"/>, compressed.</summary>
    public static byte[] SitemapBomb(string encoding, long decompressedBytes) =>
        Bomb(encoding, decompressedBytes, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><url><loc>/a</loc></url><!-- ",
            " --></urlset>");

    private static Stream Compressor(string encoding, Stream output) => encoding switch
    {
        "gzip" => new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true),
        "deflate" => new ZLibStream(output, CompressionLevel.Fastest, leaveOpen: true),
        "br" => new BrotliStream(output, CompressionLevel.Fastest, leaveOpen: true),
        "identity" => new PassThrough(output),
        _ => throw new ArgumentException($"unknown encoding {encoding}", nameof(encoding)),
    };

    /// <summary>Serves precompressed bytes with their Content-Encoding.</summary>
    public static RequestDelegate Encoded(byte[] body, string encoding, string contentType = "text/html; charset=utf-8") => async ctx =>
    {
        ctx.Response.ContentType = contentType;
        if (encoding != "identity")
        {
            ctx.Response.Headers.ContentEncoding = encoding;
        }
        ctx.Response.ContentLength = body.Length;
        await ctx.Response.Body.WriteAsync(body, ctx.RequestAborted);
    };

    /// <summary>A page whose body arrives one byte every <paramref name="interval"/>, forever.</summary>
    public static RequestDelegate DripBody(TimeSpan interval) => async ctx =>
    {
        ctx.Response.ContentType = "text/html";
        await ctx.Response.WriteAsync("<html><body>", ctx.RequestAborted);
        while (!ctx.RequestAborted.IsCancellationRequested)
        {
            await ctx.Response.WriteAsync("x", ctx.RequestAborted);
            await ctx.Response.Body.FlushAsync(ctx.RequestAborted);
            await Task.Delay(interval, ctx.RequestAborted);
        }
    };

    /// <summary>Always 503 with <c>Retry-After</c>.</summary>
    public static RequestDelegate Unavailable(string retryAfter) => ctx =>
    {
        ctx.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        ctx.Response.Headers.RetryAfter = retryAfter;
        return Task.CompletedTask;
    };

    /// <summary>
    /// <paramref name="realPages"/> real pages under <c>/guide/…</c> linked from the home page, which also links to
    /// <c>/calendar/2026/12</c>: every calendar page links to the previous and next month and year, forever.
    /// </summary>
    public static void MapCalendarTrap(this WebApplication app, int realPages)
    {
        var guides = Enumerable.Range(1, realPages).Select(i => $"/guide/{GuideName(i)}").ToList();
        app.MapGet("/", () => SiteKit.Html(SiteKit.Page("Home", [.. guides, "/calendar/2026/12"])));
        app.MapGet("/guide/{name}", (string name) => SiteKit.Html(SiteKit.Page("Guide " + name, ["/", "/calendar/2026/12"])));
        app.MapGet("/calendar/{year:int}/{month:int}", (int year, int month) =>
        {
            var at = new DateOnly(Math.Clamp(year, 1, 9998), Math.Clamp(month, 1, 12), 1);
            string Link(DateOnly d) => $"/calendar/{d.Year}/{d.Month:00}";
            return SiteKit.Html(SiteKit.Page($"Events in {at:yyyy-MM}", [Link(at.AddMonths(-1)), Link(at.AddMonths(1)), Link(at.AddYears(-1)), Link(at.AddYears(1))],
                body: "No events this month. Use the links to move to another month or year of the calendar."));
        });
    }

    /// <summary>Readable distinct names without digits: a, b, … z, ba, bb, …</summary>
    public static string GuideName(int i)
    {
        var sb = new StringBuilder();
        do
        {
            sb.Insert(0, (char)('a' + (i % 26)));
            i /= 26;
        }
        while (i > 0);
        return "topic-" + sb;
    }

    private sealed class PassThrough(Stream inner) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    }
}
