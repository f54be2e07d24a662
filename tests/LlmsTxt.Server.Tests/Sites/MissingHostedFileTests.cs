using LlmsTxt.Server.Sites;
using LlmsTxt.Server.Storage;
using LlmsTxt.Server.Tests.Hosting;

namespace LlmsTxt.Server.Tests.Sites;

/// <summary>A hosted file deleted from the store (by hand, or an emptied bucket) is put back by the next pass.</summary>
public sealed class MissingHostedFileTests(SqliteDatabases databases) : IClassFixture<SqliteDatabases>
{
    [Fact]
    public async Task UnchangedSiteWhoseFileWasDeletedIsCrawledAndReuploaded()
    {
        await using var site = await ChangingSite.StartAsync();
        using var harness = await SchedulerHarness.CreateAsync(databases);
        var enrolled = await harness.EnrolAfterCrawlAsync(site.BaseUrl);
        var key = StorageKeys.LlmsTxt(enrolled.BaseUrl);
        var original = (await harness.Store.GetTextAsync(key))!.Content;
        Assert.True(await harness.Store.DeleteAsync(key));
        harness.Time.Advance(TimeSpan.FromHours(2));
        var before = site.RequestsSoFar;

        var pass = await harness.Scheduler.RunPassAsync();

        // The sitemap did not move, but skipping would leave the site without its file.
        Assert.Equal(new PassSummary(1, 0, 1, 0, 0), pass);
        Assert.True(site.PageRequestsSince(before) > 0);
        var restored = await harness.Store.GetTextAsync(key);
        Assert.NotNull(restored);
        Assert.Equal(original, restored.Content);
        var after = await harness.SiteAsync(site.BaseUrl);
        Assert.Equal(enrolled.LatestHash, after.LatestHash);
        Assert.Equal(enrolled.LastChangedAt, after.LastChangedAt);
        Assert.Equal(enrolled.LatestUrl, after.LatestUrl);
        Assert.Null(after.LastError);
    }

    [Fact]
    public async Task SameHashAfterASitemapMoveStillReuploadsADeletedFile()
    {
        await using var site = await ChangingSite.StartAsync();
        using var harness = await SchedulerHarness.CreateAsync(databases);
        var enrolled = await harness.EnrolAfterCrawlAsync(site.BaseUrl);
        var key = StorageKeys.LlmsTxt(enrolled.BaseUrl);
        Assert.True(await harness.Store.DeleteAsync(key));
        site.LastModified = site.LastModified.AddDays(1); // the sitemap moved, the content did not
        harness.Time.Advance(TimeSpan.FromHours(2));

        var pass = await harness.Scheduler.RunPassAsync();

        Assert.Equal(new PassSummary(1, 0, 1, 0, 0), pass);
        var restored = await harness.Store.GetTextAsync(key);
        Assert.NotNull(restored);
        Assert.Equal(enrolled.LatestHash, (await harness.SiteAsync(site.BaseUrl)).LatestHash);
        Assert.Contains("version one", restored.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PresentFileOnAnUnchangedSiteIsStillSkipped()
    {
        await using var site = await ChangingSite.StartAsync();
        using var harness = await SchedulerHarness.CreateAsync(databases);
        await harness.EnrolAfterCrawlAsync(site.BaseUrl);
        harness.Time.Advance(TimeSpan.FromHours(2));
        var before = site.RequestsSoFar;

        var pass = await harness.Scheduler.RunPassAsync();

        Assert.Equal(new PassSummary(1, 0, 0, 1, 0), pass);
        Assert.Equal(0, site.PageRequestsSince(before));
    }
}
