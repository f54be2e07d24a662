using LlmsTxt.Server.Publishing;
using LlmsTxt.Server.Sites;
using LlmsTxt.Server.Storage;
using LlmsTxt.Server.Tests.Hosting;
using LlmsTxt.Server.Tests.Storage;
using LlmsTxt.TestSites;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace LlmsTxt.Server.Tests.Sites;

/// <summary>
/// Several real server processes sharing the real PostgreSQL and one S3 bucket: leases keep them
/// from crawling a site twice, and a killed instance's site is finished by another.
/// </summary>
public sealed class MultiInstanceTests(PostgresDatabases databases, S3BucketFixture bucket)
    : IClassFixture<PostgresDatabases>, IClassFixture<S3BucketFixture>
{
    private async Task<(Dictionary<string, string> Environment, SiteRegistry Registry, S3FileStore Store)> SharedAsync()
    {
        var connection = await databases.CreateDatabaseAsync();
        var database = new SiteDatabase(new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = connection });
        await new SiteMigrator(database, Microsoft.Extensions.Logging.Abstractions.NullLogger<SiteMigrator>.Instance).MigrateAsync();
        var environment = new Dictionary<string, string>
        {
            ["DATABASE_URL"] = connection,
            ["S3_ENDPOINT"] = TestServices.S3Endpoint,
            ["S3_BUCKET"] = bucket.Bucket,
            ["S3_ACCESS_KEY"] = TestServices.S3AccessKey,
            ["S3_SECRET_KEY"] = TestServices.S3SecretKey,
            ["ALLOW_PRIVATE_NETWORKS"] = "true",
            ["SCHEDULER_INTERVAL"] = "1",
            ["SCHEDULER_CONCURRENCY"] = "3",
            ["DATA_DIR"] = TestServices.NewTempFolder(),
        };
        return (environment, new SiteRegistry(database, TimeProvider.System), new S3FileStore(bucket.Options()));
    }

    private static SiteEnrolment DueNow(string url) => new()
    {
        BaseUrl = url,
        Settings = new SiteSettings { MaxPages = 5 },
        RecrawlInterval = TimeSpan.FromHours(2),
    };

    [Fact]
    public async Task TwoInstancesCrawlEachOfTwentyDueSitesExactlyOnce()
    {
        var (environment, registry, store) = await SharedAsync();
        using var _ = store;
        var sites = new List<TestWebServer>();
        try
        {
            for (var i = 0; i < 20; i++)
            {
                sites.Add(await SmallSiteAsync($"Site {i}", TimeSpan.FromMilliseconds(30)));
            }

            foreach (var site in sites)
            {
                await registry.EnrolAsync(DueNow(site.BaseUri.AbsoluteUri));
            }

            using var first = ServerProcess.Start(environment);
            using var second = ServerProcess.Start(environment);

            await Eventually.HoldsAsync(async () =>
            {
                var rows = await registry.ListAsync(100);
                return rows.All(r => r.CrawlCount > 0 && r.LeaseOwner is null);
            }, TimeSpan.FromSeconds(90), () => $"sites left: first said\n{first.Output}\nsecond said\n{second.Output}");

            var all = await registry.ListAsync(100);
            Assert.Equal(20, all.Count);
            Assert.All(all, row =>
            {
                Assert.Equal(1, row.CrawlCount);
                Assert.NotNull(row.LatestHash);
                Assert.Null(row.LastError);
                Assert.StartsWith($"{TestServices.S3Endpoint}/{bucket.Bucket}/llms/", row.LatestUrl, StringComparison.Ordinal);
            });
            Assert.All(sites, site => Assert.Equal(1, site.RequestCount("/")));
            foreach (var row in all)
            {
                var hosted = await store.GetTextAsync(StorageKeys.LlmsTxt(row.BaseUrl));
                Assert.NotNull(hosted);
                Assert.Equal(row.LatestHash, LlmsTxt.Core.Generation.LlmsTxtGenerator.Hash(hosted.Content));
            }

            // The row is written before the log line, which reaches us through a pipe: wait for the lines.
            await Eventually.HoldsAsync(() => Task.FromResult(first.CountLines(": Updated;") + second.CountLines(": Updated;") >= 20),
                TimeSpan.FromSeconds(10), () => "log lines missing");
            Assert.Equal(20, first.CountLines(": Updated;") + second.CountLines(": Updated;"));
        }
        finally
        {
            foreach (var site in sites)
            {
                await site.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task AfterKillMinusNineAnotherInstanceFinishesTheSiteOnceTheLeaseExpires()
    {
        var (environment, registry, store) = await SharedAsync();
        using var _ = store;
        environment["SCHEDULER_LEASE"] = "3";
        var homeReached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var site = await TestWebServer.StartAsync(app =>
        {
            app.MapGet("/robots.txt", () => Results.NotFound());
            app.MapGet("/", async (HttpContext context) =>
            {
                homeReached.TrySetResult();
                // Holds the first instance mid-crawl until the test has killed it.
                await gate.Task.WaitAsync(context.RequestAborted);
                return Results.Content(SmallPage("Gated site", "/a"), "text/html; charset=utf-8");
            });
            app.MapGet("/a", () => Results.Content(SmallPage("Page a", "/"), "text/html; charset=utf-8"));
        });
        await registry.EnrolAsync(DueNow(site.BaseUri.AbsoluteUri));

        using (var doomed = ServerProcess.Start(environment))
        {
            await homeReached.Task.WaitAsync(TimeSpan.FromSeconds(60));
            var leased = await registry.GetAsync(site.BaseUri.AbsoluteUri);
            Assert.NotNull(leased!.LeaseOwner);
            doomed.KillHard();
            Assert.Equal(0, doomed.CountLines(": Updated;"));
        }

        gate.SetResult();
        using var survivor = ServerProcess.Start(environment);
        await Eventually.HoldsAsync(async () => (await registry.GetAsync(site.BaseUri.AbsoluteUri))!.CrawlCount == 1,
            TimeSpan.FromSeconds(60), () => survivor.Output);

        var done = (await registry.GetAsync(site.BaseUri.AbsoluteUri))!;
        Assert.True(done.LastError is null, $"{done.LastError}\n{survivor.Output}");
        Assert.Null(done.LeaseOwner);
        Assert.NotNull(done.LatestHash);
        await Eventually.HoldsAsync(() => Task.FromResult(survivor.CountLines(": Updated;") >= 1), TimeSpan.FromSeconds(10), () => survivor.Output);
        Assert.Equal(1, survivor.CountLines(": Updated;"));
        Assert.NotNull(await store.GetTextAsync(StorageKeys.LlmsTxt(done.BaseUrl)));
    }

    private static Task<TestWebServer> SmallSiteAsync(string name, TimeSpan delay) =>
        TestWebServer.StartAsync(app =>
        {
            app.MapGet("/robots.txt", () => Results.NotFound());
            app.MapGet("/", async () =>
            {
                await Task.Delay(delay);
                return Results.Content(SmallPage(name, "/a"), "text/html; charset=utf-8");
            });
            app.MapGet("/a", async () =>
            {
                await Task.Delay(delay);
                return Results.Content(SmallPage(name + " page a", "/"), "text/html; charset=utf-8");
            });
        });

    private static string SmallPage(string title, string link) =>
        $"<!doctype html><html lang=\"en\"><head><title>{title}</title><meta name=\"description\" content=\"{title} description.\"></head>" +
        $"<body><nav><a href=\"{link}\">Next</a></nav><main><h1>{title}</h1><p>{string.Concat(Enumerable.Repeat("Enough words to count as content here. ", 8))}</p></main></body></html>";
}
