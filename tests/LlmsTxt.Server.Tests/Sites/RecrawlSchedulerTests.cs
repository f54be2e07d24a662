using LlmsTxt.Server.Publishing;
using LlmsTxt.Server.Sites;
using LlmsTxt.Server.Storage;
using LlmsTxt.Server.Tests.Hosting;

namespace LlmsTxt.Server.Tests.Sites;

/// <summary>The scheduler on real fixture sites, the real generator, SQLite and the local store.</summary>
public sealed class RecrawlSchedulerTests(SqliteDatabases databases) : IClassFixture<SqliteDatabases>
{
    [Fact]
    public async Task UnchangedSitemapFetchesOnlyTheSitemap()
    {
        await using var site = await ChangingSite.StartAsync();
        using var harness = await SchedulerHarness.CreateAsync(databases);
        var enrolled = await harness.EnrolAfterCrawlAsync(site.BaseUrl);
        Assert.Equal(site.LastModified, enrolled.SitemapLastModified);
        Assert.Equal(site.BaseUrl + "sitemap.xml", enrolled.SitemapUrl);
        harness.Time.Advance(TimeSpan.FromHours(2));
        var before = site.RequestsSoFar;

        var pass = await harness.Scheduler.RunPassAsync();

        Assert.Equal(new PassSummary(1, 0, 0, 1, 0), pass);
        Assert.Equal(0, site.PageRequestsSince(before));
        Assert.Equal(1, site.SitemapRequestsSince(before));
        // The sentinel from enrolment is read directly: no robots.txt, no discovery.
        Assert.Equal(1, site.RequestsSoFar - before);
        var after = await harness.SiteAsync(site.BaseUrl);
        Assert.Equal(harness.Time.GetUtcNow() + TimeSpan.FromHours(2), after.NextCrawlAt);
        Assert.Equal(0, after.CrawlCount);
        Assert.EndsWith("/sitemap.xml", after.SitemapUrl, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScheduledCrawlRecordsTheSentinelSoTheNextPassReadsOnlyIt()
    {
        await using var site = await ChangingSite.StartAsync();
        using var harness = await SchedulerHarness.CreateAsync(databases);
        // Enrolled without a crawl (no file, no sentinel): due at once.
        await harness.Registry.EnrolAsync(new SiteEnrolment { BaseUrl = site.BaseUrl, Settings = new SiteSettings { MaxPages = 10 }, RecrawlInterval = TimeSpan.FromHours(2) });

        Assert.Equal(new PassSummary(1, 1, 0, 0, 0), await harness.Scheduler.RunPassAsync());
        Assert.Equal(site.BaseUrl + "sitemap.xml", (await harness.SiteAsync(site.BaseUrl)).SitemapUrl);

        harness.Time.Advance(TimeSpan.FromHours(2));
        var before = site.RequestsSoFar;
        Assert.Equal(new PassSummary(1, 0, 0, 1, 0), await harness.Scheduler.RunPassAsync());
        Assert.Equal(["/sitemap.xml"], site.Server.Requests.Skip(before).Select(r => r.PathAndQuery));
    }

    [Fact]
    public async Task ChangedSiteIsRecrawledAndReuploaded()
    {
        await using var site = await ChangingSite.StartAsync();
        using var harness = await SchedulerHarness.CreateAsync(databases);
        var enrolled = await harness.EnrolAfterCrawlAsync(site.BaseUrl);
        site.Version = "two";
        site.LastModified = site.LastModified.AddDays(1);
        harness.Time.Advance(TimeSpan.FromHours(2));

        var pass = await harness.Scheduler.RunPassAsync();

        Assert.Equal(new PassSummary(1, 1, 0, 0, 0), pass);
        var after = await harness.SiteAsync(site.BaseUrl);
        Assert.NotEqual(enrolled.LatestHash, after.LatestHash);
        Assert.Equal(harness.Time.GetUtcNow(), after.LastChangedAt);
        Assert.Equal(site.LastModified, after.SitemapLastModified);
        Assert.Equal(1, after.CrawlCount);
        var hosted = await harness.Store.GetTextAsync(StorageKeys.LlmsTxt(after.BaseUrl));
        Assert.Contains("version two", hosted!.Content, StringComparison.Ordinal);
        Assert.Equal(hosted.Key, new Uri(after.LatestUrl!).AbsolutePath.TrimStart('/'));
    }

    [Fact]
    public async Task HostedUrlStaysOnTheEnrollingOriginAfterAnUpdatingRecrawl()
    {
        await using var site = await ChangingSite.StartAsync();
        using var harness = await SchedulerHarness.CreateAsync(databases);
        // The person reached the server through a proxy under a path base; the server itself listens elsewhere (the store's URL).
        var enrolled = await harness.EnrolAfterCrawlAsync(site.BaseUrl, clientOrigin: "https://llms.example.org:8443/tools");
        var before = new Uri(enrolled.LatestUrl!);
        site.Version = "two";
        site.LastModified = site.LastModified.AddDays(1);
        harness.Time.Advance(TimeSpan.FromHours(2));

        Assert.Equal(new PassSummary(1, 1, 0, 0, 0), await harness.Scheduler.RunPassAsync());

        var after = await harness.SiteAsync(site.BaseUrl);
        Assert.NotEqual(enrolled.LatestHash, after.LatestHash);
        var now = new Uri(after.LatestUrl!);
        Assert.Equal(("https", "llms.example.org", 8443), (now.Scheme, now.Host, now.Port));
        Assert.Equal((before.Scheme, before.Host, before.Port, before.AbsolutePath), (now.Scheme, now.Host, now.Port, now.AbsolutePath));
        Assert.Equal("/tools/" + StorageKeys.LlmsTxt(after.BaseUrl), now.AbsolutePath);
        Assert.Contains("version two", (await harness.Store.GetTextAsync(StorageKeys.LlmsTxt(after.BaseUrl)))!.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SameHashUploadsNothing()
    {
        await using var site = await ChangingSite.StartAsync();
        using var harness = await SchedulerHarness.CreateAsync(databases);
        var enrolled = await harness.EnrolAfterCrawlAsync(site.BaseUrl);
        var hostedBefore = await harness.Store.GetTextAsync(StorageKeys.LlmsTxt(enrolled.BaseUrl));
        site.LastModified = site.LastModified.AddDays(1); // the sitemap moved, the content did not
        harness.Time.Advance(TimeSpan.FromHours(2));
        var before = site.RequestsSoFar;

        var pass = await harness.Scheduler.RunPassAsync();

        Assert.Equal(new PassSummary(1, 0, 1, 0, 0), pass);
        Assert.True(site.PageRequestsSince(before) > 0);
        var hostedAfter = await harness.Store.GetTextAsync(StorageKeys.LlmsTxt(enrolled.BaseUrl));
        // The store stamps writes with the (advanced) fake clock: an unchanged time means no write.
        Assert.Equal(hostedBefore!.LastModified, hostedAfter!.LastModified);
        var after = await harness.SiteAsync(site.BaseUrl);
        Assert.Equal(enrolled.LatestHash, after.LatestHash);
        Assert.Equal(enrolled.LastChangedAt, after.LastChangedAt);
        Assert.Equal(site.LastModified, after.SitemapLastModified);
    }

    [Fact]
    public async Task FailingSiteRecordsTheErrorBacksOffAndOthersStillRun()
    {
        await using var good = await ChangingSite.StartAsync();
        await using var bad = await ChangingSite.StartAsync();
        using var harness = await SchedulerHarness.CreateAsync(databases, o => o.Interval = TimeSpan.FromMinutes(10));
        await harness.EnrolAfterCrawlAsync(bad.BaseUrl, interval: TimeSpan.FromMinutes(60));
        await harness.EnrolAfterCrawlAsync(good.BaseUrl, interval: TimeSpan.FromMinutes(60));
        bad.Broken = true;
        good.Version = "two";
        good.LastModified = good.LastModified.AddDays(1);
        harness.Time.Advance(TimeSpan.FromMinutes(60));

        Assert.Equal(new PassSummary(2, 1, 0, 0, 1), await harness.Scheduler.RunPassAsync());
        var failed = await harness.SiteAsync(bad.BaseUrl);
        Assert.Equal(1, failed.ConsecutiveFailures);
        Assert.False(string.IsNullOrWhiteSpace(failed.LastError));
        Assert.Equal(harness.Time.GetUtcNow() + TimeSpan.FromMinutes(10), failed.NextCrawlAt);
        Assert.NotNull(failed.LatestUrl);

        harness.Time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(new PassSummary(1, 0, 0, 0, 1), await harness.Scheduler.RunPassAsync());
        Assert.Equal(harness.Time.GetUtcNow() + TimeSpan.FromMinutes(20), (await harness.SiteAsync(bad.BaseUrl)).NextCrawlAt);

        harness.Time.Advance(TimeSpan.FromMinutes(20));
        await harness.Scheduler.RunPassAsync();
        harness.Time.Advance(TimeSpan.FromMinutes(40));
        await harness.Scheduler.RunPassAsync();
        var capped = await harness.SiteAsync(bad.BaseUrl);
        Assert.Equal(4, capped.ConsecutiveFailures);
        Assert.Equal(harness.Time.GetUtcNow() + TimeSpan.FromMinutes(60), capped.NextCrawlAt);

        bad.Broken = false;
        bad.LastModified = bad.LastModified.AddDays(1);
        harness.Time.Advance(TimeSpan.FromMinutes(60));
        await harness.Scheduler.RunPassAsync();
        var recovered = await harness.SiteAsync(bad.BaseUrl);
        Assert.Equal(0, recovered.ConsecutiveFailures);
        Assert.Null(recovered.LastError);
    }

    [Fact]
    public async Task WebhookForcesACrawlEvenWhenTheSitemapDidNotMove()
    {
        await using var site = await ChangingSite.StartAsync();
        using var harness = await SchedulerHarness.CreateAsync(databases);
        await harness.EnrolAfterCrawlAsync(site.BaseUrl, interval: TimeSpan.FromDays(7));
        site.Version = "hooked";

        await harness.Registry.MarkDueNowAsync(site.BaseUrl, force: true);
        var pass = await harness.Scheduler.RunPassAsync();

        Assert.Equal(new PassSummary(1, 1, 0, 0, 0), pass);
        var hosted = await harness.Store.GetTextAsync(StorageKeys.LlmsTxt((await harness.SiteAsync(site.BaseUrl)).BaseUrl));
        Assert.Contains("version hooked", hosted!.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SitesNotDueAreLeftAlone()
    {
        await using var site = await ChangingSite.StartAsync();
        using var harness = await SchedulerHarness.CreateAsync(databases);
        await harness.EnrolAfterCrawlAsync(site.BaseUrl);
        var before = site.RequestsSoFar;

        Assert.Equal(new PassSummary(0, 0, 0, 0, 0), await harness.Scheduler.RunPassAsync());
        Assert.Equal(before, site.RequestsSoFar);
    }

    [Fact]
    public async Task AdaptiveModeSchedulesFromTheObservedChangeInterval()
    {
        await using var site = await ChangingSite.StartAsync();
        using var harness = await SchedulerHarness.CreateAsync(databases, o => o.Adaptive = true);
        await harness.EnrolAfterCrawlAsync(site.BaseUrl, interval: TimeSpan.FromHours(2));

        site.Version = "two";
        site.LastModified = site.LastModified.AddDays(1);
        harness.Time.Advance(TimeSpan.FromHours(2));
        await harness.Scheduler.RunPassAsync();
        var first = await harness.SiteAsync(site.BaseUrl);
        Assert.Equal(TimeSpan.FromHours(2), first.AverageChangeInterval);
        Assert.Equal(harness.Time.GetUtcNow() + TimeSpan.FromHours(2), first.NextCrawlAt);

        site.Version = "three";
        site.LastModified = site.LastModified.AddDays(1);
        harness.Time.Advance(TimeSpan.FromHours(6));
        await harness.Scheduler.RunPassAsync();
        var second = await harness.SiteAsync(site.BaseUrl);
        Assert.Equal(TimeSpan.FromHours(4), second.AverageChangeInterval); // 0.5 × 6 h + 0.5 × 2 h
        Assert.Equal(harness.Time.GetUtcNow() + TimeSpan.FromHours(4), second.NextCrawlAt);
    }
}
