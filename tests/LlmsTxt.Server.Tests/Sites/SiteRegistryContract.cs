using Dapper;
using LlmsTxt.Server.Publishing;
using LlmsTxt.Server.Sites;
using LlmsTxt.Server.Tests.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace LlmsTxt.Server.Tests.Sites;

/// <summary>Registry and migration behaviour, run against SQLite and the real PostgreSQL.</summary>
public abstract class SiteRegistryContract(TestDatabases databases)
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 5, 12, 0, 0, TimeSpan.Zero));

    private async Task<(SiteRegistry Registry, SiteDatabase Database)> NewRegistryAsync()
    {
        var database = await databases.NewAsync();
        await new SiteMigrator(database, NullLogger<SiteMigrator>.Instance).MigrateAsync();
        return (new SiteRegistry(database, _time), database);
    }

    private static SiteEnrolment Enrolment(string url, DateTimeOffset? crawledAt = null, string? hash = "h1") => new()
    {
        BaseUrl = url,
        Settings = new SiteSettings { MaxPages = 20, DescLength = 300, Full = true },
        RecrawlInterval = TimeSpan.FromHours(2),
        ContentHash = hash,
        HostedUrl = "http://localhost:8000/llms/x.txt",
        SitemapUrl = url + "sitemap.xml",
        SitemapLastModified = new DateTimeOffset(2025, 12, 1, 8, 30, 15, TimeSpan.Zero),
        CrawledAt = crawledAt,
    };

    [Fact]
    public async Task MigrationsRecordEachVersionAndRunOnce()
    {
        var database = await databases.NewAsync();
        var migrator = new SiteMigrator(database, NullLogger<SiteMigrator>.Instance);

        Assert.Equal([1, 2, 3], await migrator.MigrateAsync());
        Assert.Empty(await migrator.MigrateAsync());

        await using var connection = await database.OpenAsync();
        Assert.Equal([1, 2, 3], await connection.QueryAsync<int>("SELECT version FROM schema_migrations ORDER BY version"));
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM crawl_sites WHERE lease_owner IS NULL AND consecutive_failures = 0 AND last_error IS NULL"));
    }

    [Fact]
    public async Task ConcurrentStartUpsMigrateExactlyOnce()
    {
        var database = await databases.NewAsync();
        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            Task.Run(() => new SiteMigrator(database, NullLogger<SiteMigrator>.Instance).MigrateAsync())));

        Assert.Equal([1, 2, 3], runs.SelectMany(r => r).Order());
    }

    [Fact]
    public async Task EnrolmentInsertsThenUpdatesTheSameNormalisedBaseUrl()
    {
        var (registry, _) = await NewRegistryAsync();
        var crawled = _time.GetUtcNow();

        var first = await registry.EnrolAsync(Enrolment("HTTPS://Docs.Example.com:443/", crawled));
        var second = await registry.EnrolAsync(Enrolment("https://docs.example.com/", crawled, hash: "h2") with { RecrawlInterval = TimeSpan.FromHours(5) });

        Assert.Equal(first.Id, second.Id);
        Assert.Equal("https://docs.example.com/", second.BaseUrl);
        Assert.Equal(TimeSpan.FromHours(5), second.RecrawlInterval);
        Assert.Equal("h2", second.LatestHash);
        Assert.Equal(crawled + TimeSpan.FromHours(5), second.NextCrawlAt);
        Assert.Equal(new SiteSettings { MaxPages = 20, DescLength = 300, Full = true }, second.Settings);
        Assert.Equal(new DateTimeOffset(2025, 12, 1, 8, 30, 15, TimeSpan.Zero), second.SitemapLastModified);
        Assert.Equal(1, await registry.CountAsync());
    }

    [Fact]
    public async Task EnrolmentWithoutACrawlIsDueNow()
    {
        var (registry, _) = await NewRegistryAsync();
        var site = await registry.EnrolAsync(Enrolment("https://new.example.com/") with { ContentHash = null });
        Assert.Equal(_time.GetUtcNow(), site.NextCrawlAt);
        Assert.Null(site.LastCrawledAt);
    }

    [Fact]
    public async Task ReEnrolmentKeepsTheWebhookSecretWhenNoneIsGiven()
    {
        var (registry, _) = await NewRegistryAsync();
        await registry.EnrolAsync(Enrolment("https://hook.example.com/") with { WebhookSecret = "s3cret" });
        var site = await registry.EnrolAsync(Enrolment("https://hook.example.com/"));

        Assert.True(SiteRegistry.WebhookSecretMatches(site, "s3cret"));
        Assert.False(SiteRegistry.WebhookSecretMatches(site, "wrong"));
        Assert.False(SiteRegistry.WebhookSecretMatches(site, null));
    }

    [Fact]
    public async Task ClaimsOnlyDueSitesWithoutALiveLeaseUpToTheLimit()
    {
        var (registry, _) = await NewRegistryAsync();
        var now = _time.GetUtcNow();
        for (var i = 0; i < 5; i++)
        {
            await registry.EnrolAsync(Enrolment($"https://due{i}.example.com/", now - TimeSpan.FromHours(3)));
        }

        await registry.EnrolAsync(Enrolment("https://later.example.com/", now));

        var first = await registry.ClaimDueAsync("a", 3, TimeSpan.FromMinutes(5));
        var second = await registry.ClaimDueAsync("b", 10, TimeSpan.FromMinutes(5));
        var third = await registry.ClaimDueAsync("c", 10, TimeSpan.FromMinutes(5));

        Assert.Equal(3, first.Count);
        Assert.Equal(2, second.Count);
        Assert.Empty(third);
        Assert.All(first, s => Assert.Equal("a", s.LeaseOwner));
        Assert.Empty(first.Select(s => s.Id).Intersect(second.Select(s => s.Id)));
    }

    [Fact]
    public async Task AnExpiredLeaseIsClaimedByAnotherInstanceAndFencesTheOldOwner()
    {
        var (registry, _) = await NewRegistryAsync();
        var site = await registry.EnrolAsync(Enrolment("https://crash.example.com/"));
        var claimed = Assert.Single(await registry.ClaimDueAsync("crashed", 1, TimeSpan.FromMinutes(1)));

        _time.Advance(TimeSpan.FromSeconds(59));
        Assert.Empty(await registry.ClaimDueAsync("other", 1, TimeSpan.FromMinutes(1)));
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(site.Id, Assert.Single(await registry.ClaimDueAsync("other", 1, TimeSpan.FromMinutes(1))).Id);

        var update = SiteUpdate.From(claimed) with { NextCrawlAt = _time.GetUtcNow().AddHours(1), LatestHash = "stale", Crawled = true };
        Assert.False(await registry.CompleteAsync(site.Id, "crashed", update));
        Assert.False(await registry.ExtendLeaseAsync(site.Id, "crashed", TimeSpan.FromMinutes(1)));
        Assert.True(await registry.CompleteAsync(site.Id, "other", update with { LatestHash = "fresh" }));

        var stored = await registry.GetAsync("https://crash.example.com/");
        Assert.Equal("fresh", stored!.LatestHash);
        Assert.Null(stored.LeaseOwner);
        Assert.Equal(1, stored.CrawlCount);
    }

    [Fact]
    public async Task ExtendingALeaseKeepsOthersAway()
    {
        var (registry, _) = await NewRegistryAsync();
        var site = await registry.EnrolAsync(Enrolment("https://long.example.com/"));
        await registry.ClaimDueAsync("owner", 1, TimeSpan.FromMinutes(1));

        _time.Advance(TimeSpan.FromSeconds(50));
        Assert.True(await registry.ExtendLeaseAsync(site.Id, "owner", TimeSpan.FromMinutes(1)));
        _time.Advance(TimeSpan.FromSeconds(50));

        Assert.Empty(await registry.ClaimDueAsync("other", 1, TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public async Task ParallelClaimersNeverShareASite()
    {
        var (registry, _) = await NewRegistryAsync();
        for (var i = 0; i < 30; i++)
        {
            await registry.EnrolAsync(Enrolment($"https://p{i:00}.example.com/"));
        }

        var claims = await Task.WhenAll(Enumerable.Range(0, 6).Select(n => Task.Run(async () =>
        {
            var mine = new List<long>();
            for (var round = 0; round < 10; round++)
            {
                mine.AddRange((await registry.ClaimDueAsync($"w{n}", 2, TimeSpan.FromMinutes(5))).Select(s => s.Id));
            }

            return mine;
        })));

        var all = claims.SelectMany(c => c).ToList();
        Assert.Equal(30, all.Count);
        Assert.Equal(30, all.Distinct().Count());
    }

    [Fact]
    public async Task CompletionWritesEveryFieldAndReleasesTheLease()
    {
        var (registry, _) = await NewRegistryAsync();
        var site = await registry.EnrolAsync(Enrolment("https://done.example.com/"));
        await registry.ClaimDueAsync("me", 1, TimeSpan.FromMinutes(1));
        var at = _time.GetUtcNow();

        var update = new SiteUpdate
        {
            LastCrawledAt = at,
            LastChangedAt = at,
            NextCrawlAt = at.AddHours(6),
            LatestHash = "abc",
            LatestUrl = "https://files.example/llms/a.txt",
            LatestFullUrl = "https://files.example/llms/a-full.txt",
            SitemapUrl = "https://done.example.com/sitemap.xml",
            SitemapLastModified = at.AddDays(-1),
            AverageChangeInterval = TimeSpan.FromHours(3.5),
            LastError = "boom",
            ConsecutiveFailures = 2,
            Crawled = true,
        };
        Assert.True(await registry.CompleteAsync(site.Id, "me", update));

        var stored = (await registry.GetAsync("https://done.example.com/"))!;
        Assert.Equal(update with { Crawled = false }, SiteUpdate.From(stored));
        Assert.Null(stored.LeaseUntil);
        Assert.Empty(await registry.ClaimDueAsync("me", 1, TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public async Task MarkDueNowListAndRemove()
    {
        var (registry, _) = await NewRegistryAsync();
        await registry.EnrolAsync(Enrolment("https://b.example.com/", _time.GetUtcNow()));
        await registry.EnrolAsync(Enrolment("https://a.example.com/", _time.GetUtcNow()));
        _time.Advance(TimeSpan.FromMinutes(3));

        var due = await registry.MarkDueNowAsync("https://b.example.com");
        Assert.Equal(_time.GetUtcNow(), due!.NextCrawlAt);
        Assert.Null(await registry.MarkDueNowAsync("https://unknown.example.com/"));
        Assert.Equal(["https://a.example.com/", "https://b.example.com/"], (await registry.ListAsync()).Select(s => s.BaseUrl));
        Assert.Equal(["https://b.example.com/"], (await registry.ListAsync(limit: 1, offset: 1)).Select(s => s.BaseUrl));

        Assert.True(await registry.RemoveAsync("https://a.example.com/"));
        Assert.False(await registry.RemoveAsync("https://a.example.com/"));
        Assert.Equal(1, await registry.CountAsync());
    }

    [Fact]
    public async Task ReadinessAnswers()
    {
        var (registry, _) = await NewRegistryAsync();
        var (ready, error) = await registry.CheckReadyAsync();
        Assert.True(ready, error);
    }
}

public sealed class SqliteSiteRegistryTests(SqliteDatabases databases) : SiteRegistryContract(databases), IClassFixture<SqliteDatabases>;

public sealed class PostgresSiteRegistryTests(PostgresDatabases databases) : SiteRegistryContract(databases), IClassFixture<PostgresDatabases>;
