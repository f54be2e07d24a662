// End-to-end generation figures: a fixture site on 127.0.0.1 (nav, sitemap, N pages of ~600 words),
// LlmsTxtGenerator with llms-full.txt, the same pipeline the socket, CLI and scheduler run.
// Usage: dotnet run -c Release --project bench/generate [pages...]   (default: 50 200 1000)
using System.Diagnostics;
using System.Globalization;
using System.Text;
using LlmsTxt.Core.Generation;
using LlmsTxt.TestSites;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

var sizes = args.Length > 0 ? args.Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : [50, 200, 1000];
Console.WriteLine("pages  run   seconds  pages/s  llms.txt KiB  full KiB  alloc MiB  valid");
foreach (var pages in sizes)
{
    await using var site = await TestWebServer.StartAsync(app => MapSite(app, pages));
    using var generator = new LlmsTxtGenerator();
    var request = new GenerationRequest { Url = site.BaseUri, MaxPages = pages, Full = true, AllowPrivateNetworks = true };
    await generator.GenerateAsync(request); // warm-up: JIT, connection pool
    for (var run = 1; run <= 3; run++)
    {
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        var result = await generator.GenerateAsync(request);
        clock.Stop();
        var mib = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1048576.0;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{pages,5}  {run,3}  {clock.Elapsed.TotalSeconds,8:0.000}  {result.Stats.PagesListed / clock.Elapsed.TotalSeconds,7:0}  {Encoding.UTF8.GetByteCount(result.LlmsTxt) / 1024.0,12:0.0}  {Encoding.UTF8.GetByteCount(result.LlmsFullTxt ?? "") / 1024.0,8:0.0}  {mib,9:0.0}  {result.Validation.IsValid}"));
    }
}
Console.WriteLine($"peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:0} MiB");

static void MapSite(WebApplication app, int pages)
{
    var sections = new[] { "docs", "guides", "api", "blog" };
    string Path(int i) => $"/{sections[i % sections.Length]}/page-{i}";
    var nav = "<nav><ul>" + string.Concat(sections.Select(s => $"<li><a href=\"/{s}/page-{Array.IndexOf(sections, s)}\">{s}</a></li>")) + "</ul></nav>";
    var paragraph = string.Concat(Enumerable.Repeat("The widget renders tables, forms and charts from plain data with sensible defaults and no build step. ", 6));
    app.MapGet("/robots.txt", (HttpContext c) => Results.Text($"User-agent: *\nAllow: /\nSitemap: {c.Request.Scheme}://{c.Request.Host}/sitemap.xml\n"));
    app.MapGet("/sitemap.xml", (HttpContext c) => Results.Content(
        "<?xml version=\"1.0\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">" +
        string.Concat(Enumerable.Range(1, pages - 1).Select(i => $"<url><loc>{c.Request.Scheme}://{c.Request.Host}{Path(i)}</loc></url>")) + "</urlset>", "application/xml"));
    string Page(string title, string body) =>
        $"<!doctype html><html lang=\"en\"><head><title>{title} | Bench Site</title><meta name=\"description\" content=\"{title}: what it covers.\"></head>" +
        $"<body><header>{nav}</header><main><h1>{title}</h1><h2>Overview</h2><p>{body}</p><h2>Details</h2><p>{body}</p><pre><code>widget.render(data)</code></pre><p>{body}</p></main><footer><a href=\"/about\">About</a></footer></body></html>";
    app.MapGet("/", () => Results.Content(Page("Bench Site", paragraph), "text/html; charset=utf-8"));
    app.MapGet("/{section}/page-{n:int}", (string section, int n) => Results.Content(Page($"{section} page {n}", paragraph), "text/html; charset=utf-8"));
}
