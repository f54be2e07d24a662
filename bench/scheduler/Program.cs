// bench/scheduler: N enrolled fixture sites (small, on 127.0.0.1), two server instances sharing one
// PostgreSQL; prints sites processed per minute, database round trips per site and peak memory
// per instance. Usage: dotnet run -c Release --project bench/scheduler [-- sites [concurrency]]
using System.Diagnostics;
using System.Globalization;
using Dapper;
using LlmsTxt.Bench.Scheduler;
using LlmsTxt.Server.Publishing;
using LlmsTxt.Server.Sites;
using LlmsTxt.TestSites;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

var siteCount = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 500;
var concurrency = args.Length > 1 ? args[1] : "2";
var deadline = TimeSpan.FromMinutes(8);

await using var postgres = await PostgresCluster.StartAsync();
var connection = await postgres.CreateDatabaseAsync("llmstxt_bench_scheduler");
Console.WriteLine($"bench/scheduler: {siteCount} sites, 2 instances, SCHEDULER_CONCURRENCY={concurrency}, PostgreSQL");

// One Kestrel serves every site under its own path prefix (/s17/ ...): three small pages each.
await using var sites = await TestWebServer.StartAsync(app =>
{
    app.MapGet("/robots.txt", () => Results.NotFound());
    app.MapGet("/s{n:int}/", (int n) => Page($"Site {n}", $"/s{n}/a", $"/s{n}/b"));
    app.MapGet("/s{n:int}/{page}", (int n, string page) => Page($"Site {n} page {page}", $"/s{n}/", $"/s{n}/a"));
});

using var database = new SiteDatabase(new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = connection });
await new SiteMigrator(database, NullLogger<SiteMigrator>.Instance).MigrateAsync();
var registry = new SiteRegistry(database, TimeProvider.System);
for (var i = 0; i < siteCount; i++)
{
    await registry.EnrolAsync(new SiteEnrolment
    {
        BaseUrl = sites.Url($"/s{i}/").AbsoluteUri,
        Settings = new SiteSettings { MaxPages = 5 },
        RecrawlInterval = TimeSpan.FromHours(1),
        CrawledAt = DateTimeOffset.UtcNow, // enrolled, not yet due
    });
}

var environment = new Dictionary<string, string>
{
    ["DATABASE_URL"] = connection,
    ["HOST"] = "127.0.0.1",
    ["PORT"] = "0",
    ["ALLOW_PRIVATE_NETWORKS"] = "true",
    ["SCHEDULER_INTERVAL"] = "1",
    ["SCHEDULER_CONCURRENCY"] = concurrency,
};
using var first = Instance.Start(WithData());
using var second = Instance.Start(WithData());
await Task.Delay(TimeSpan.FromSeconds(8)); // both started, migrated and idle

var before = await TransactionsAsync(connection);
await using (var admin = new NpgsqlConnection(connection))
{
    await admin.ExecuteAsync("UPDATE crawl_sites SET next_crawl_at = now() - interval '1 second'");
}

var clock = Stopwatch.StartNew();
long done;
do
{
    await Task.Delay(200);
    await using var check = new NpgsqlConnection(connection);
    done = await check.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM crawl_sites WHERE crawl_count > 0 AND lease_owner IS NULL");
}
while (done < siteCount && clock.Elapsed < deadline);
var elapsed = clock.Elapsed;
await Task.Delay(1500); // let PostgreSQL flush its statistics
var transactions = await TransactionsAsync(connection) - before;

var homeHits = Enumerable.Range(0, siteCount).Select(i => sites.RequestCount($"/s{i}/")).ToList();
await using var final = new NpgsqlConnection(connection);
var crawls = (await final.QueryAsync<long>("SELECT crawl_count FROM crawl_sites")).ToList();
var polls = elapsed.TotalSeconds / 0.2 * 2; // the bench's own two queries per poll, not the scheduler's
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
    sites processed:            {done} of {siteCount} in {elapsed.TotalSeconds:0.0} s
    sites per minute:           {done / elapsed.TotalMinutes:0}
    per instance (updated):     {first.Updated} + {second.Updated}
    crawled exactly once:       {crawls.Count(c => c == 1)} of {siteCount} (home page fetched once: {homeHits.Count(h => h == 1)})
    database round trips/site:  {(transactions - polls) / Math.Max(done, 1):0.00} (PostgreSQL transactions {transactions}, minus ~{polls:0} from the bench's polling)
    peak memory per instance:   {first.PeakMemoryMiB():0} MiB, {second.PeakMemoryMiB():0} MiB (VmHWM)
    """));
return done == siteCount ? 0 : 1;

Dictionary<string, string> WithData() => new(environment) { ["DATA_DIR"] = Directory.CreateTempSubdirectory("llmstxt-bench-data").FullName };

static async Task<long> TransactionsAsync(string connection)
{
    await using var c = new NpgsqlConnection(connection);
    return await c.ExecuteScalarAsync<long>("SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = current_database()");
}

static IResult Page(string title, string link1, string link2) => Results.Content(
    $"<!doctype html><html lang=\"en\"><head><title>{title}</title><meta name=\"description\" content=\"{title}: a small fixture page.\"></head>" +
    $"<body><nav><a href=\"{link1}\">One</a> <a href=\"{link2}\">Two</a></nav><main><h1>{title}</h1>" +
    $"<p>{string.Concat(Enumerable.Repeat("Small fixture text with enough words to count. ", 8))}</p></main></body></html>",
    "text/html; charset=utf-8");
