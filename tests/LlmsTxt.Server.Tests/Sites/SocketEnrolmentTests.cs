using LlmsTxt.Server.Sites;
using LlmsTxt.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LlmsTxt.Server.Tests.Sites;

/// <summary>A crawl server whose scheduler loop is off: tests run passes themselves.</summary>
public sealed class AutoUpdateServer() : CrawlServer(new Dictionary<string, string?> { ["SCHEDULER_ENABLED"] = "false" })
{
    public SiteRegistry Registry => Started().Services.GetRequiredService<SiteRegistry>();

    public RecrawlScheduler Scheduler => Started().Services.GetRequiredService<RecrawlScheduler>();
}

/// <summary>Enrolment through the real socket, then the real scheduler of the same server.</summary>
public sealed class SocketEnrolmentTests(AutoUpdateServer server) : IClassFixture<AutoUpdateServer>
{
    private async Task EnrolOverSocketAsync(string url)
    {
        await using var socket = await LiveSocket.ConnectAsync(server.Started().SocketUri());
        await socket.SendJsonAsync(new { url, enableAutoUpdate = true, recrawlIntervalMinutes = 60, maxPages = 10 });
        await socket.ReadToCloseAsync();
        Assert.Contains(socket.OfType("log"), m => m.Text().StartsWith("Automatic updates are on", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EnrolmentStoresTheSentinelSitemap()
    {
        await using var site = await ChangingSite.StartAsync();

        await EnrolOverSocketAsync(site.BaseUrl);

        var row = await server.Registry.GetAsync(site.BaseUrl);
        Assert.NotNull(row);
        Assert.Equal(site.BaseUrl + "sitemap.xml", row.SitemapUrl);
        Assert.Equal(site.LastModified, row.SitemapLastModified);
    }

    [Fact]
    public async Task FirstScheduledPassOnAnUnchangedSiteFetchesOnlyTheSentinel()
    {
        await using var site = await ChangingSite.StartAsync();
        await EnrolOverSocketAsync(site.BaseUrl);
        await server.Registry.MarkDueNowAsync(site.BaseUrl);
        var before = site.RequestsSoFar;

        var pass = await server.Scheduler.RunPassAsync();

        Assert.Equal(1, pass.Skipped);
        var requests = site.Server.Requests.Skip(before).Select(r => r.PathAndQuery).ToList();
        Assert.Equal(["/sitemap.xml"], requests);
        Assert.Equal(0, (await server.Registry.GetAsync(site.BaseUrl))!.CrawlCount);
    }
}
