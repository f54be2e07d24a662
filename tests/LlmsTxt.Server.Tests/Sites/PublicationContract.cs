using LlmsTxt.Core.Generation;
using LlmsTxt.Server.Crawls;
using LlmsTxt.Server.Publishing;
using LlmsTxt.Server.Sites;
using LlmsTxt.Server.Storage;
using LlmsTxt.Server.Tests.Hosting;

namespace LlmsTxt.Server.Tests.Sites;

/// <summary>
/// The one publishing path (<see cref="SitePublisher.PublishAsync"/>) as the socket and the scheduler use it: what is
/// stored, what the person is told, and what the site's registry row records, on both databases.
/// </summary>
public abstract class PublicationContract(TestDatabases databases)
{
    private static async Task<GenerationResult> CrawlAsync(SchedulerHarness harness, ChangingSite site) =>
        await harness.Generator.GenerateAsync(new GenerationRequest { Url = new Uri(site.BaseUrl), MaxPages = 10, AllowPrivateNetworks = true });

    private static SocketPublishTarget Enrolling(SchedulerHarness harness) =>
        new(null, harness.Enroller, new AutoUpdateRequest(new SiteSettings { MaxPages = 10 }, TimeSpan.FromHours(2), null));

    /// <summary>The store's folder becomes a plain file: every write fails, as on a full or read-only disk.</summary>
    private static async Task BreakStoreAsync(SchedulerHarness harness)
    {
        Directory.Delete(harness.Store.Root, recursive: true);
        await File.WriteAllTextAsync(harness.Store.Root, "not a folder");
    }

    [Fact]
    public async Task StoppedSocketCrawlIsNotHostedButEnrolsTheSiteForItsFirstPassToHost()
    {
        await using var site = await ChangingSite.StartAsync();
        using var harness = await SchedulerHarness.CreateAsync(databases);
        var complete = await CrawlAsync(harness, site);
        var target = Enrolling(harness);

        // What a crawl stopped by the person gives: the pages fetched so far, marked partial.
        var publication = await harness.Publisher.PublishAsync(complete with { Partial = true }, target, CancellationToken.None);

        Assert.Equal(PublicationKind.Kept, publication.Kind);
        Assert.Contains("partial file was not hosted", publication.KeptBecause, StringComparison.Ordinal);
        Assert.True(publication.Recorded);
        Assert.StartsWith("Automatic updates are on", target.EnrolmentLine, StringComparison.Ordinal);
        Assert.Null(await harness.Store.GetTextAsync(StorageKeys.LlmsTxt(site.BaseUrl)));
        var enrolled = await harness.SiteAsync(site.BaseUrl);
        Assert.Null(enrolled.LatestHash);
        Assert.Null(enrolled.LatestUrl);
        Assert.Equal(harness.Time.GetUtcNow(), enrolled.NextCrawlAt);

        Assert.Equal(new PassSummary(1, 1, 0, 0, 0), await harness.Scheduler.RunPassAsync());

        var hosted = await harness.SiteAsync(site.BaseUrl);
        Assert.Equal(SiteCrawlState.Of(complete).Hash, hosted.LatestHash);
        Assert.Equal(complete.LlmsTxt, (await harness.Store.GetTextAsync(StorageKeys.LlmsTxt(site.BaseUrl)))!.Content);
    }

    [Fact]
    public async Task SocketCrawlWithoutAutoUpdatesIsHostedAndWritesNoRow()
    {
        await using var site = await ChangingSite.StartAsync();
        using var harness = await SchedulerHarness.CreateAsync(databases);
        var result = await CrawlAsync(harness, site);

        var publication = await harness.Publisher.PublishAsync(result, new SocketPublishTarget("https://llmstxt.example:8443/base", null, new AutoUpdateRequest(new SiteSettings(), TimeSpan.FromHours(2), null)), CancellationToken.None);

        Assert.Equal(PublicationKind.Hosted, publication.Kind);
        Assert.False(publication.Recorded);
        Assert.Equal("https://llmstxt.example:8443/base/" + StorageKeys.LlmsTxt(site.BaseUrl), publication.Hosted.Url!.AbsoluteUri);
        Assert.Equal(result.LlmsTxt, (await harness.Store.GetTextAsync(StorageKeys.LlmsTxt(site.BaseUrl)))!.Content);
        Assert.Null(await harness.Registry.GetAsync(site.BaseUrl));
    }

    [Fact]
    public async Task StoreRefusingTheNewFileKeepsTheRecordedFileAndCountsAFailure()
    {
        await using var site = await ChangingSite.StartAsync();
        using var harness = await SchedulerHarness.CreateAsync(databases);
        var enrolled = await harness.EnrolAfterCrawlAsync(site.BaseUrl);
        await BreakStoreAsync(harness);
        site.AlphaVersion = "two";
        site.LastModified = site.LastModified.AddDays(1);
        harness.Time.Advance(TimeSpan.FromHours(2));

        Assert.Equal(new PassSummary(1, 0, 0, 0, 1), await harness.Scheduler.RunPassAsync());

        var after = await harness.SiteAsync(site.BaseUrl);
        Assert.Equal(enrolled.LatestHash, after.LatestHash);
        Assert.Equal(enrolled.LatestUrl, after.LatestUrl);
        Assert.Equal(enrolled.LastChangedAt, after.LastChangedAt);
        Assert.Equal(1, after.ConsecutiveFailures);
        Assert.Contains("could not be stored", after.LastError, StringComparison.Ordinal);
        Assert.Null(after.LeaseOwner);
    }

    [Fact]
    public async Task StoreRefusingASocketCrawlEnrolsTheSiteWithoutABaseline()
    {
        await using var site = await ChangingSite.StartAsync();
        using var harness = await SchedulerHarness.CreateAsync(databases);
        var result = await CrawlAsync(harness, site);
        await BreakStoreAsync(harness);

        var publication = await harness.Publisher.PublishAsync(result, Enrolling(harness), CancellationToken.None);

        Assert.Equal(PublicationKind.StoreFailed, publication.Kind);
        Assert.Null(publication.Hosted.Url);
        var enrolled = await harness.SiteAsync(site.BaseUrl);
        // No file is hosted, so nothing may be skipped: the first pass crawls and stores it.
        Assert.Null(enrolled.LatestHash);
        Assert.Equal(harness.Time.GetUtcNow(), enrolled.NextCrawlAt);
    }
}

public sealed class SqlitePublicationTests(SqliteDatabases databases) : PublicationContract(databases), IClassFixture<SqliteDatabases>;

public sealed class PostgresPublicationTests(PostgresDatabases databases) : PublicationContract(databases), IClassFixture<PostgresDatabases>;
