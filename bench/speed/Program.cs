// bench/speed: `dotnet run -c Release --project bench/speed [-- --site URL] [--runs N] [--server DLL] [--cli DLL|EXE] [--env NAME=VALUE]`
// The goals of "twice as fast and half the memory", on the PostgreSQL docs nginx serves on :18081:
//  1. warm server: a real server process (ALLOW_PRIVATE_NETWORKS=true, free port), warmed with one crawl,
//     then 1,000 pages over /ws/crawl, N times: wall seconds, CPU ms per page of the whole process
//     (/proc/PID/stat utime+stime delta) and peak resident memory (VmHWM, reset after the warm-up);
//  2. CLI cold process, same crawl: wall, CPU and peak RSS (/usr/bin/time);
//  3. memory by maxPages: a fresh server process per figure, warmed with a 20-page crawl, peak resident
//     memory (VmHWM since start) at 100, 500 and 1,000 pages, without and with llms-full.
// CPU per page is the steadier figure on a shared machine; wall seconds move with other people's load.
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using LlmsTxt.Bench.Hostile;

var site = new Uri("http://127.0.0.1:18081/");
var runs = 3;
var serverDll = Path.Combine(AppContext.BaseDirectory, "LlmsTxt.Server.dll");
// The CLI runs from its own build output: beside the server its deps.json would miss the logging packages.
var cli = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../src/LlmsTxt.Cli/bin/Release/net10.0/llmstxt.dll"));
var environment = new Dictionary<string, string>();
var parts = new HashSet<string>();
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--site": site = new Uri(args[++i]); break;
        case "--runs": runs = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--server": serverDll = Path.GetFullPath(args[++i]); break;
        case "--cli": cli = Path.GetFullPath(args[++i]); break;
        case "--env": environment[args[++i].Split('=')[0]] = args[i].Split('=', 2)[1]; break;
        default: parts.Add(args[i]); break; // "server", "cli", "memory": only those parts
    }
}
bool Part(string name) => parts.Count == 0 || parts.Contains(name);
const int Pages = 1000;
Console.WriteLine($"bench/speed: site {site}, server {serverDll}, cli {cli}");

if (Part("server"))
{
    Console.WriteLine($"warm server, {Pages} pages over /ws/crawl");
    Console.WriteLine($"{"run",3} {"pages",6} {"wall s",7} {"CPU ms/page",12} {"peak MiB",9}");
    using var server = await ServerProcess.StartAsync(serverDll, environment);
    await Crawl(server, Pages, full: false); // warm-up: JIT, tiering, connection pool
    server.ResetPeak();
    for (var run = 1; run <= runs; run++)
    {
        var cpu = server.CpuMilliseconds();
        var clock = Stopwatch.StartNew();
        var pages = await Crawl(server, Pages, full: false);
        var wall = clock.Elapsed.TotalSeconds;
        var cpuPerPage = (server.CpuMilliseconds() - cpu) / pages;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{run,3} {pages,6} {wall,7:0.000} {cpuPerPage,12:0.00} {server.PeakMiB(),9:0.0}"));
    }
}

if (parts.Contains("parts"))
{
    // Not in the default run: where a warm server's resident memory sits, to see what a peak is made of.
    using var server = await ServerProcess.StartAsync(serverDll, environment);
    void Show(string when)
    {
        var (anon, file, shared, threads) = server.ResidentParts();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{when,-28} rss {server.ResidentMiB(),6:0.0}  anon {anon,6:0.0}  file {file,6:0.0}  shmem {shared,5:0.0}  peak {server.PeakMiB(),6:0.0} MiB  {threads} threads"));
    }
    Console.WriteLine($"server pid {server.ProcessId}");
    Show("started");
    await Crawl(server, 20, full: false);
    Show("after a 20-page crawl");
    await Crawl(server, Pages, full: false);
    Show("after a 1000-page crawl");
    for (var run = 2; run <= runs + 1; run++)
    {
        server.ResetPeak();
        await Crawl(server, Pages, full: false);
        Show($"after 1000-page crawl {run}");
    }
    // BENCH_HOLD_SECONDS keeps the server up for a look from outside (smaps, dotnet-counters, dotnet-gcdump).
    if (int.TryParse(Environment.GetEnvironmentVariable("BENCH_HOLD_SECONDS"), out var hold)) await Task.Delay(TimeSpan.FromSeconds(hold));
}

if (Part("cli"))
{
    Console.WriteLine($"CLI cold process, {Pages} pages (generate -o, /usr/bin/time)");
    Console.WriteLine($"{"run",3} {"wall s",7} {"CPU s",6} {"CPU ms/page",12} {"peak MiB",9}");
    var output = Path.Combine(Directory.CreateTempSubdirectory("llmstxt-bench-speed").FullName, "llms.txt");
    for (var run = 1; run <= runs; run++)
    {
        var info = new ProcessStartInfo("/usr/bin/time") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-f", "TIME %e %U %S %M" }) info.ArgumentList.Add(a);
        if (cli.EndsWith(".dll", StringComparison.Ordinal)) info.ArgumentList.Add("dotnet");
        foreach (var a in new[] { cli, "generate", site.AbsoluteUri, "--max-pages", Pages.ToString(CultureInfo.InvariantCulture), "-q", "-o", output }) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var line = stderr.Split('\n').LastOrDefault(l => l.StartsWith("TIME ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException("the CLI run printed no timing: " + stderr);
        var f = line[5..].Split(' ').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var cpu = f[1] + f[2];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{run,3} {f[0],7:0.000} {cpu,6:0.00} {cpu * 1000 / Pages,12:0.00} {f[3] / 1024,9:0.0}{(process.ExitCode == 0 ? "" : $"  exit {process.ExitCode}")}"));
    }
}

if (Part("memory"))
{
    Console.WriteLine("peak resident memory by maxPages (fresh server each, 20-page warm-up, VmHWM since start)");
    Console.WriteLine($"{"maxPages",8} {"llms.txt MiB",13} {"with full MiB",14}");
    foreach (var maxPages in new[] { 100, 500, 1000 })
    {
        var peaks = new List<double>();
        foreach (var full in new[] { false, true })
        {
            using var server = await ServerProcess.StartAsync(serverDll, environment);
            await Crawl(server, 20, full);
            await Crawl(server, maxPages, full);
            peaks.Add(server.PeakMiB());
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{maxPages,8} {peaks[0],13:0.0} {peaks[1],14:0.0}"));
    }
}
return 0;

async Task<int> Crawl(ServerProcess server, int maxPages, bool full)
{
    var messages = await SocketCrawl.RunAsync(server.SocketUri, site, maxPages, full);
    var done = messages.LastOrDefault(m => m.Type == "done");
    if (done.Content.ValueKind != JsonValueKind.Object)
    {
        var error = messages.FirstOrDefault(m => m.Type == "error");
        throw new InvalidOperationException("the crawl did not finish: " + (error.Type is null ? "no done message" : error.Content.ToString()));
    }
    return done.Content.GetProperty("pages").GetInt32();
}
