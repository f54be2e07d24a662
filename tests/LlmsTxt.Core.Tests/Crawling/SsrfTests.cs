using LlmsTxt.Core.Crawling;
using LlmsTxt.TestSites;
using Microsoft.AspNetCore.Builder;

namespace LlmsTxt.Core.Tests.Crawling;

public sealed class SsrfTests
{
    [Theory]
    [InlineData("http://127.0.0.1:{port}/")]
    [InlineData("http://localhost:{port}/")]
    [InlineData("http://[::1]:{port}/")]
    [InlineData("http://2130706433:{port}/")]
    [InlineData("http://0x7f.1:{port}/")]
    [InlineData("http://[::ffff:127.0.0.1]:{port}/")]
    public async Task RefusesLoopbackTargetsWithoutConnecting(string template)
    {
        await using var server = await TestWebServer.StartAsync(app => app.MapGet("/", () => SiteKit.Html(SiteKit.Page("Home"))));
        var start = new Uri(template.Replace("{port}", server.BaseUri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        var options = CrawlKit.Options with { AllowPrivateNetworks = false };

        var (result, _) = await CrawlKit.CrawlAsync(start, options: options);

        Assert.Empty(result.Pages);
        Assert.Contains("Refused to connect", result.Error, StringComparison.Ordinal);
        Assert.Contains("Only public internet addresses are crawled", result.Error, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task AllowPrivateNetworksLiftsTheGuard()
    {
        await using var server = await TestWebServer.StartAsync(app => app.MapGet("/", () => SiteKit.Html(SiteKit.Page("Home"))));

        var (result, _) = await CrawlKit.CrawlAsync(server.Url("/"), options: CrawlKit.Options with { AllowPrivateNetworks = true });

        Assert.Equal(["/"], CrawlKit.Paths(result));
    }

    [Fact]
    public async Task ConnectCallbackRefusesPrivateAddressesForAnyRequest()
    {
        await using var server = await TestWebServer.StartAsync(app => app.MapGet("/", () => "hi"));
        using var client = new HttpClient(SafeHttpHandler.Create(new CrawlOptions()));

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(server.Url("/")));

        Assert.IsType<RefusedAddressException>(error.InnerException);
        Assert.Empty(server.Requests);
    }
}
