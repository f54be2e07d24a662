using LlmsTxt.Server.Tests.Support;
using LlmsTxt.Server.Sites;
using LlmsTxt.Server.Tests.Hosting;
using LlmsTxt.TestSites;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace LlmsTxt.Server.Tests.Sites;

/// <summary>The scheduler's skip check, built by the real app from its settings: as polite as a crawl.</summary>
public sealed class SitemapProbeTests
{
    [Fact]
    public async Task SkipCheckSendsTheConfiguredUserAgentAndKeepsTheMinimumDelay()
    {
        await using var site = await TestWebServer.StartAsync(app =>
        {
            // No Sitemap line: discovery tries /sitemap.xml (missing), then /sitemap_index.xml.
            app.MapGet("/robots.txt", () => Results.Text("User-agent: *\nAllow: /\n", "text/plain"));
            app.MapGet("/sitemap_index.xml", (HttpContext ctx) => Results.Content(
                $"<?xml version=\"1.0\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><url><loc>http://{ctx.Request.Host}/a</loc><lastmod>2026-02-01T09:00:00Z</lastmod></url></urlset>",
                "application/xml"));
        });
        using var factory = new ServerHost(new Dictionary<string, string?>
        {
            ["DATA_DIR"] = TestServices.NewTempFolder(),
            ["ALLOW_PRIVATE_NETWORKS"] = "true",
            ["SCHEDULER_ENABLED"] = "false",
            ["CRAWL_USER_AGENT"] = "PoliteProbeBot/2.0 (+https://example.test/bot)",
            ["CRAWL_MIN_DELAY"] = "1",
        });
        var probe = factory.Services.GetRequiredService<SitemapProbe>();

        var seen = await probe.ProbeAsync(site.BaseUri, sentinel: null);

        Assert.Equal(new DateTimeOffset(2026, 2, 1, 9, 0, 0, TimeSpan.Zero), seen.NewestLastModified);
        var requests = site.Requests.ToList();
        Assert.Equal(["/robots.txt", "/sitemap.xml", "/sitemap_index.xml"], requests.Select(r => r.PathAndQuery));
        Assert.All(requests, r => Assert.Equal("PoliteProbeBot/2.0 (+https://example.test/bot)", r.Headers["User-Agent"]));
        // The throttle spaces request starts; the server sees arrivals, and the first one also carries connection
        // set-up (and the HTTP stack's first use), so the first gap reads short by that much. Unpaced, they are ~1 ms apart.
        var gaps = requests.Zip(requests.Skip(1), (a, b) => b.At - a.At).ToList();
        Assert.True(gaps[0] >= TimeSpan.FromMilliseconds(600), $"robots.txt and the first sitemap only {gaps[0].TotalMilliseconds:0} ms apart with CRAWL_MIN_DELAY=1");
        Assert.True(gaps[1] >= TimeSpan.FromMilliseconds(950), $"the two sitemaps only {gaps[1].TotalMilliseconds:0} ms apart with CRAWL_MIN_DELAY=1");
    }
}
