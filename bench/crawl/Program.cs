using System.Diagnostics;
using System.Globalization;
using System.Text;
using LlmsTxt.Core.Crawling;
using LlmsTxt.TestSites;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

// bench/crawl: `dotnet run -c Release --project bench/crawl`
// Starts a generated 2,000-page site (≈30 KB pages) in a separate process on 127.0.0.1, then crawls
// maxPages=1000 at per-host concurrency 8 and 32, each crawl in its own process so CPU and peak
// working set are the crawl's alone (after an untimed 50-page warm-up crawl, as in a running server).
// Prints pages/s, CPU seconds, peak working set and requests.
const int SitePages = 2000;
const int MaxPages = 1000;

switch (args.FirstOrDefault())
{
    case "serve":
        await ServeAsync();
        return 0;
    case "crawl":
        return await CrawlAsync(new Uri(args[1]), int.Parse(args[2], CultureInfo.InvariantCulture), args[3] == "full");
}

using var server = Start("serve");
var port = (await server.StandardOutput.ReadLineAsync())!.Split(' ')[1];
var baseUrl = $"http://127.0.0.1:{port}/";
Console.WriteLine($"Site: {SitePages} pages of ~30 KB at {baseUrl} (separate process {server.Id}); crawling maxPages={MaxPages}");
Console.WriteLine($"{"mode",5} {"concurrency",12} {"pages",6} {"seconds",8} {"pages/s",8} {"CPU s",7} {"peak MB",8} {"requests",9} {"server saw",10} {"server CPU s",12}");
using var http = new HttpClient();
// "txt": what llms.txt needs (no Markdown conversion); "full": also Markdown of every page for llms-full.txt.
foreach (var (concurrency, mode) in new[] { (8, "txt"), (32, "txt"), (32, "full") })
{
    var before = long.Parse(await http.GetStringAsync(baseUrl + "__requests"), CultureInfo.InvariantCulture);
    server.Refresh();
    var serverCpu = server.TotalProcessorTime;
    using var crawl = Start($"crawl {baseUrl} {concurrency} {mode}");
    var line = await crawl.StandardOutput.ReadToEndAsync();
    await crawl.WaitForExitAsync();
    var after = long.Parse(await http.GetStringAsync(baseUrl + "__requests"), CultureInfo.InvariantCulture);
    server.Refresh();
    // The server figures include the untimed 50-page warm-up crawl (and the count this probe).
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{line.TrimEnd()} {after - before - 1,10} {(server.TotalProcessorTime - serverCpu).TotalSeconds,12:0.00}"));
}
Console.WriteLine("The machine's other load counts against the wall-clock figures; CPU seconds are the crawl's own work.");
server.Kill();
return 0;

static Process Start(string arguments) => Process.Start(new ProcessStartInfo(Environment.ProcessPath!, arguments)
{
    RedirectStandardOutput = true,
    UseShellExecute = false,
})!;

static async Task ServeAsync()
{
    var site = new GeneratedSite(SitePages);
    var pages = Enumerable.Range(0, SitePages).ToDictionary(GeneratedSite.PathOf, i => Encoding.UTF8.GetBytes(site.Render(i)));
    long requests = 0;
    var builder = WebApplication.CreateSlimBuilder();
    builder.Logging.ClearProviders();
    builder.WebHost.UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http1AndHttp2));
    var app = builder.Build();
    app.Use((ctx, next) =>
    {
        Interlocked.Increment(ref requests);
        return next(ctx);
    });
    app.MapGet("/__requests", () => Interlocked.Read(ref requests).ToString(CultureInfo.InvariantCulture));
    app.MapGet("/robots.txt", () => "User-agent: *\nAllow: /\nSitemap: /sitemap.xml\n");
    app.MapGet("/sitemap.xml", (HttpContext ctx) => Results.Content(site.Sitemap($"http://{ctx.Request.Host}"), "application/xml"));
    app.MapGet("/{**path}", (string? path) => pages.TryGetValue("/" + path, out var html)
        ? Results.Bytes(html, "text/html; charset=utf-8")
        : Results.NotFound());
    await app.StartAsync();
    Console.WriteLine($"PORT {new Uri(app.Urls.First()).Port}");
    await Task.Delay(Timeout.Infinite, app.Lifetime.ApplicationStopping);
}

static async Task<int> CrawlAsync(Uri start, int concurrency, bool full)
{
    var options = new CrawlOptions { AllowPrivateNetworks = true, MaxConcurrencyPerHost = concurrency };
    var extraction = new LlmsTxt.Core.Extraction.ExtractionOptions { ConvertMarkdown = full };
    // Warm-up (JIT, connection pool) with its own crawler, as in a long-running server; not measured.
    using (var warmup = new Crawler(options))
    {
        await warmup.RunAsync(new CrawlRequest(start, 50, Extraction: extraction));
    }
    var process = Process.GetCurrentProcess();
    var cpu = process.TotalProcessorTime;
    var clock = Stopwatch.StartNew();
    using var crawler = new Crawler(options);
    var result = await crawler.RunAsync(new CrawlRequest(start, MaxPages, Extraction: extraction));
    clock.Stop();
    process.Refresh();
    var cpuSeconds = (process.TotalProcessorTime - cpu).TotalSeconds;
    var pagesPerSecond = result.Pages.Count / clock.Elapsed.TotalSeconds;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{(full ? "full" : "txt"),5} {concurrency,12} {result.Pages.Count,6} {clock.Elapsed.TotalSeconds,8:0.00} {pagesPerSecond,8:0.0} {cpuSeconds,7:0.00} {process.PeakWorkingSet64 / 1048576.0,8:0.0} {result.Stats.Requests,9}"));
    return result.Error is null ? 0 : 1;
}
