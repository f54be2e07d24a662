using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
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
    private async Task<LiveSocket> EnrolOverSocketAsync(string url, string? webhookSecret = null)
    {
        var socket = await LiveSocket.ConnectAsync(server.Started().SocketUri());
        await socket.SendJsonAsync(new { url, enableAutoUpdate = true, recrawlIntervalMinutes = 60, maxPages = 10, webhookSecret });
        await socket.ReadToCloseAsync();
        Assert.Contains(socket.OfType("log"), m => m.Text().StartsWith("Automatic updates are on", StringComparison.Ordinal));
        return socket;
    }

    private async Task<HttpResponseMessage> SiteChangedAsync(string baseUrl, string? secret)
    {
        using var http = server.Http();
        return await http.PostAsJsonAsync(new Uri("/internal/hooks/site-changed", UriKind.Relative), new Dictionary<string, string?>
        {
            ["base_url"] = baseUrl,
            ["webhook_secret"] = secret,
        });
    }

    [Fact]
    public async Task WebhookSecretSentWithTheCrawlGuardsTheSiteChangedHook()
    {
        const string secret = "Hook-Secret_for-tests-0123456789";
        await using var site = await ChangingSite.StartAsync();
        var mark = server.Logs.Count;
        await using var socket = await EnrolOverSocketAsync(site.BaseUrl, secret);
        var before = (await server.Registry.GetAsync(site.BaseUrl))!;

        using (var wrong = await SiteChangedAsync(site.BaseUrl, secret + "x"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        using (var missing = await SiteChangedAsync(site.BaseUrl, null))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        }

        Assert.Equal(before.NextCrawlAt, (await server.Registry.GetAsync(site.BaseUrl))!.NextCrawlAt);

        using var right = await SiteChangedAsync(site.BaseUrl, secret);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        using var answer = JsonDocument.Parse(await right.Content.ReadAsStringAsync());
        Assert.Equal("scheduled", answer.RootElement.GetProperty("status").GetString());
        Assert.True((await server.Registry.GetAsync(site.BaseUrl))!.NextCrawlAt < before.NextCrawlAt);

        // Kept only as a salted hash; never sent back or logged.
        Assert.NotNull(before.WebhookSecret);
        Assert.DoesNotContain(secret, before.WebhookSecret, StringComparison.Ordinal);
        Assert.DoesNotContain(socket.Messages, m => m.GetRawText().Contains(secret, StringComparison.Ordinal));
        Assert.DoesNotContain(server.Logs.Since(mark), l => l.Everything.Contains(secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task EnrolmentStoresTheSentinelSitemap()
    {
        await using var site = await ChangingSite.StartAsync();

        await using var socket = await EnrolOverSocketAsync(site.BaseUrl);

        var row = await server.Registry.GetAsync(site.BaseUrl);
        Assert.NotNull(row);
        Assert.Equal(site.BaseUrl + "sitemap.xml", row.SitemapUrl);
        Assert.Equal(site.LastModified, row.SitemapLastModified);
    }

    [Fact]
    public async Task FirstScheduledPassOnAnUnchangedSiteFetchesOnlyTheSentinel()
    {
        await using var site = await ChangingSite.StartAsync();
        await using var socket = await EnrolOverSocketAsync(site.BaseUrl);
        await server.Registry.MarkDueNowAsync(site.BaseUrl);
        var before = site.RequestsSoFar;

        var pass = await server.Scheduler.RunPassAsync();

        Assert.Equal(1, pass.Skipped);
        var requests = site.Server.Requests.Skip(before).Select(r => r.PathAndQuery).ToList();
        Assert.Equal(["/sitemap.xml"], requests);
        Assert.Equal(0, (await server.Registry.GetAsync(site.BaseUrl))!.CrawlCount);
    }
}
