// bench/hostile: `dotnet run -c Release --project bench/hostile [-- case...] [--server PATH/LlmsTxt.Server.dll] [--env NAME=VALUE]`
// For each hostile site (fixture servers on 127.0.0.1) a fresh server process is started, warmed with two
// small crawls, its resident memory taken as the baseline; then the hostile crawl runs over /ws/crawl and
// the peak resident memory (VmHWM, reset after the warm-up) over that baseline is printed, with the time
// the crawl took and what the user was told. --server measures another build (e.g. main) the same way; --full
// asks for llms-full.txt too (each page's Markdown is then built and held).
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using LlmsTxt.Bench.Hostile;
using LlmsTxt.TestSites;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

var serverDll = Path.Combine(AppContext.BaseDirectory, "LlmsTxt.Server.dll");
var chosen = new List<string>();
var environment = new Dictionary<string, string>();
var full = false;
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--server") serverDll = Path.GetFullPath(args[++i]);
    else if (args[i] == "--full") full = true;
    else if (args[i] == "--env") environment[args[++i].Split('=')[0]] = args[i].Split('=', 2)[1];
    else chosen.Add(args[i]);
}

const long GiB = 1024L * 1024 * 1024;
var cases = new List<HostileCase>
{
    new("links-100k", "a page with 100,000 links", 50, app =>
    {
        var flood = HostileSites.LinkFlood(100_000);
        app.MapGet("/", () => SiteKit.Html(flood));
        app.MapGet("/item/{n:int}", (int n) => SiteKit.Html(SiteKit.Page($"Item {n}")));
    }),
    Bomb("gzip"), Bomb("deflate"), Bomb("br"),
    new("plain-12m", "a plain 12 MiB page (cut at the page cap)", 5, app =>
    {
        var page = HostileSites.Bomb("identity", 12L * 1024 * 1024);
        app.MapGet("/", () => SiteKit.Html(SiteKit.Page("Home", ["/big"])));
        app.MapGet("/big", HostileSites.Encoded(page, "identity"));
    }),
    new("sitemap-gzip-1g", "a 1 GiB gzip bomb as /sitemap.xml", 5, app =>
    {
        var bomb = HostileSites.SitemapBomb("gzip", GiB);
        app.MapGet("/", () => SiteKit.Html(SiteKit.Page("Home", ["/a"])));
        app.MapGet("/a", () => SiteKit.Html(SiteKit.Page("A")));
        app.MapGet("/sitemap.xml", HostileSites.Encoded(bomb, "gzip", "application/xml"));
    }),
    new("calendar-trap", "a calendar trap next to 20 real pages (maxPages 200)", 200, app => app.MapCalendarTrap(20)),
    new("drip-body", "a page dripping 1 byte/s (CRAWL_PAGE_TIMEOUT 30 s)", 5, app =>
    {
        app.MapGet("/", () => SiteKit.Html(SiteKit.Page("Home", ["/slow", "/a"])));
        app.MapGet("/a", () => SiteKit.Html(SiteKit.Page("A")));
        app.MapGet("/slow", HostileSites.DripBody(TimeSpan.FromSeconds(1)));
    }),
    new("retry-after-3600", "a 503 with Retry-After: 3600", 5, app =>
    {
        app.MapGet("/", () => SiteKit.Html(SiteKit.Page("Home", ["/later", "/a"])));
        app.MapGet("/a", () => SiteKit.Html(SiteKit.Page("A")));
        app.MapGet("/later", HostileSites.Unavailable("3600"));
    }),
};
if (chosen.Count > 0) cases = cases.Where(c => chosen.Contains(c.Name)).ToList();

Console.WriteLine($"bench/hostile: server {serverDll}{(full ? ", with llms-full.txt" : "")}");
Console.WriteLine($"{"case",-18} {"baseline MiB",12} {"peak MiB",9} {"over MB",8} {"seconds",8}  pages  what the user was told");
await using var warmSite = await TestWebServer.StartAsync(app =>
{
    app.MapGet("/", () => SiteKit.Html(SiteKit.Page("Warm", ["/a", "/b", "/c"])));
    app.MapGet("/{p}", (string p) => SiteKit.Html(SiteKit.Page("Warm " + p, ["/", "/a"])));
});
foreach (var hostile in cases)
{
    await using var site = await TestWebServer.StartAsync(hostile.Map);
    using var server = await ServerProcess.StartAsync(serverDll, environment);
    for (var i = 0; i < 2; i++) await CrawlAsync(server, warmSite.BaseUri, 5);
    await Task.Delay(2000);
    var baseline = server.ResidentMiB();
    server.ResetPeak();
    var clock = Stopwatch.StartNew();
    var messages = await CrawlAsync(server, site.BaseUri, hostile.MaxPages);
    var seconds = clock.Elapsed.TotalSeconds;
    var peak = server.PeakMiB();
    var done = messages.LastOrDefault(m => m.Type == "done");
    var pages = done.Content.ValueKind == JsonValueKind.Object ? done.Content.GetProperty("pages").GetInt32() : 0;
    var told = Told(messages);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{hostile.Name,-18} {baseline,12:0.0} {peak,9:0.0} {(peak - baseline) * 1.048576,8:0.0} {seconds,8:0.0} {pages,6}  {told}"));
}
return 0;

static HostileCase Bomb(string encoding) => new($"{encoding}-bomb-1g", $"a 1 GiB {encoding} bomb of HTML", 5, app =>
{
    var bomb = HostileSites.Bomb(encoding, GiB);
    app.MapGet("/", () => SiteKit.Html(SiteKit.Page("Home", ["/bomb"])));
    app.MapGet("/bomb", HostileSites.Encoded(bomb, encoding));
});

// The lines that say what happened to the hostile part: cut, trap, failures, errors.
static string Told(List<(string Type, JsonElement Content)> messages)
{
    var lines = messages
        .Where(m => m.Type == "error" || (m.Type == "log" && m.Content.GetString() is { } t
            && (t.Contains("cut", StringComparison.Ordinal) || t.Contains("trap", StringComparison.Ordinal) || t.StartsWith("Failed", StringComparison.Ordinal)
                || t.Contains("links;", StringComparison.Ordinal) || t.Contains("Sitemap", StringComparison.Ordinal) && t.Contains("ignored", StringComparison.Ordinal))))
        .Select(m => m.Content.GetString() ?? "")
        .Select(t => t.Length > 150 ? t[..150] + "…" : t);
    return string.Join(" | ", lines);
}

Task<List<(string Type, JsonElement Content)>> CrawlAsync(ServerProcess server, Uri site, int maxPages) =>
    SocketCrawl.RunAsync(server.SocketUri, site, maxPages, full);

internal sealed record HostileCase(string Name, string Description, int MaxPages, Action<WebApplication> Map);
