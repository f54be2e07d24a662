using LlmsTxt.Core.Enhancement;
using LlmsTxt.Core.Generation;
using LlmsTxt.Server.Publishing;
using LlmsTxt.Server.Sites;
using LlmsTxt.Server.Storage;
using LlmsTxt.Server.Tests.Hosting;
using LlmsTxt.TestSites;

namespace LlmsTxt.Server.Tests.Sites;

/// <summary>Scheduled recrawls with LLM enhancement reuse descriptions of unchanged pages (SQLite and PostgreSQL).</summary>
public abstract class LlmReuseContract(TestDatabases databases)
{
    [Fact]
    public async Task RecrawlWithOneChangedPageAsksOnlyAboutThatPage()
    {
        await using var standIn = await ChatCompletionsStandIn.StartAsync(ChatReply.Improve(p => $"Stand-in note on {p.Title}: {p.Current}"));
        await using var site = await ChangingSite.StartAsync();
        using var enhancer = new LlmEnhancer(new LlmEnhancerOptions { Enabled = true, BaseUrl = standIn.BaseUrl, Model = "test/reuse" });
        using var harness = await SchedulerHarness.CreateAsync(databases, enhancer: enhancer);
        await harness.Registry.EnrolAsync(new SiteEnrolment
        {
            BaseUrl = site.BaseUrl,
            Settings = new SiteSettings { MaxPages = 10, LlmEnhance = true },
            RecrawlInterval = TimeSpan.FromHours(2),
        });

        Assert.Equal(new PassSummary(1, 1, 0, 0, 0), await harness.Scheduler.RunPassAsync());
        var firstCalls = standIn.Calls.Count;
        Assert.Equal(2, firstCalls);
        var first = (await harness.Store.GetTextAsync(StorageKeys.LlmsTxt(site.BaseUrl)))!.Content;
        Assert.Contains("Stand-in note on Beta guide", first, StringComparison.Ordinal);
        Assert.Equal(3, (await harness.LlmMemory.GetAsync(site.BaseUrl)).Descriptions.Count);

        site.AlphaVersion = "two";
        site.LastModified = site.LastModified.AddDays(1);
        harness.Time.Advance(TimeSpan.FromHours(2));
        Assert.Equal(new PassSummary(1, 1, 0, 0, 0), await harness.Scheduler.RunPassAsync());

        var call = Assert.Single(standIn.Calls.Skip(firstCalls));
        Assert.Equal([site.BaseUrl + "docs/alpha"], call.Pages.Select(p => p.Url));
        var second = (await harness.Store.GetTextAsync(StorageKeys.LlmsTxt(site.BaseUrl)))!.Content;
        Assert.Contains("Stand-in note on Alpha guide: How alpha works in version two.", second, StringComparison.Ordinal);
        Assert.Contains("Stand-in note on Beta guide", second, StringComparison.Ordinal);
        Assert.Contains("> " + StandInAnswers.Summary, second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SiteEnrolledFromAnEnhancedCrawlReusesItsDescriptionsOnTheFirstRecrawl()
    {
        await using var standIn = await ChatCompletionsStandIn.StartAsync(ChatReply.Improve());
        await using var site = await ChangingSite.StartAsync();
        using var enhancer = new LlmEnhancer(new LlmEnhancerOptions { Enabled = true, BaseUrl = standIn.BaseUrl, Model = "test/reuse" });
        using var harness = await SchedulerHarness.CreateAsync(databases, enhancer: enhancer);
        // What a socket crawl with llmEnhance and enableAutoUpdate does: generate, host, enrol.
        await harness.EnrolAfterCrawlAsync(site.BaseUrl, settings: new SiteSettings { MaxPages = 10, LlmEnhance = true });
        var firstCalls = standIn.Calls.Count;

        site.AlphaVersion = "two";
        site.LastModified = site.LastModified.AddDays(1);
        harness.Time.Advance(TimeSpan.FromHours(2));
        Assert.Equal(new PassSummary(1, 1, 0, 0, 0), await harness.Scheduler.RunPassAsync());

        var call = Assert.Single(standIn.Calls.Skip(firstCalls));
        Assert.Equal([site.BaseUrl + "docs/alpha"], call.Pages.Select(p => p.Url));
    }
}

public sealed class SqliteLlmReuseTests(SqliteDatabases databases) : LlmReuseContract(databases), IClassFixture<SqliteDatabases>;

public sealed class PostgresLlmReuseTests(PostgresDatabases databases) : LlmReuseContract(databases), IClassFixture<PostgresDatabases>;
