using System.Diagnostics;
using System.Globalization;
using LlmsTxt.Core.Generation;
using LlmsTxt.Core.Rendering;
using LlmsTxt.TestSites;

// bench/rendering: `dotnet run -c Release --project bench/rendering`
// Real headless Chromium (CHROMIUM_PATH, default /usr/bin/chromium) on fixture sites on 127.0.0.1, every
// connection through the guarding proxy. Prints the browser's start time, pages listed for a hash-routed
// (docsify-style) site and for a 50-page JavaScript-only site, seconds per rendered page at 1 and 4 tabs, and
// pages listed when the 50-page site is crawled a second time through the same browser.
var chromium = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : ChromiumRendererOptions.DefaultExecutablePath;
var routes = Enumerable.Range(1, 20).Select(i => $"topic-{i}").ToList();
await using var hashSite = await JsSites.StartHashRoutedAsync(routes);
await using var appSite = await JsSites.StartLinkedAppAsync(pages: 49);
Console.WriteLine($"Chromium: {chromium}; hash-routed site: 1 shell + {routes.Count} routes; JS site: 50 pages (links drawn by script)");
Console.WriteLine($"{"tabs",4} {"start ms",9} {"hash listed",11} {"JS listed",9} {"rendered",8} {"seconds",8} {"s/page",7} {"2nd crawl listed",16}");

foreach (var tabs in new[] { 1, 4 })
{
    // A browser per row, so each row reports a cold start; the hash-routed crawl also warms it up.
    await using var renderer = new ChromiumRenderer(new ChromiumRendererOptions { ExecutablePath = chromium, MaxConcurrentPages = tabs });
    using var generator = new LlmsTxtGenerator(renderer: renderer);
    var hash = await generator.GenerateAsync(Request(hashSite.BaseUri));
    var clock = Stopwatch.StartNew();
    var app = await generator.GenerateAsync(Request(appSite.BaseUri));
    var seconds = clock.Elapsed.TotalSeconds;
    // The same site again through the same browser: a crawl must not inherit the previous one's cache.
    var again = await generator.GenerateAsync(Request(appSite.BaseUri));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{tabs,4} {renderer.StartTime?.TotalMilliseconds ?? 0,9:0} {hash.Stats.PagesListed,11} {app.Stats.PagesListed,9} {app.Stats.Rendered,8} {seconds,8:0.00} {seconds / Math.Max(1, app.Stats.Rendered),7:0.000} {again.Stats.PagesListed,16}"));
}
Console.WriteLine("Wall-clock figures include the machine's other load; the browser is reused across crawls, each crawl in its own context.");
return 0;

static GenerationRequest Request(Uri url) => new() { Url = url, MaxPages = 60, AllowPrivateNetworks = true, RenderJs = true };
