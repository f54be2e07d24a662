using LlmsTxt.Server.Configuration;
using LlmsTxt.Server.Crawls;
using LlmsTxt.Server.Pipeline;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LlmsTxt.Server.Tests.Crawls;

public sealed class CrawlSettingsTests
{
    private static T Read<T>(Dictionary<string, string?> settings, Action<IServiceCollection> register)
        where T : class
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        register(services);
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<T>>().Value;
    }

    private static CrawlLimitOptions Limits(Dictionary<string, string?> settings) =>
        Read<CrawlLimitOptions>(settings, s => s.AddEnvOptions<CrawlLimitOptions>(CrawlLimitOptions.Read));

    private static CrawlSocketOptions Socket(Dictionary<string, string?> settings) =>
        Read<CrawlSocketOptions>(settings, s => s.AddEnvOptions<CrawlSocketOptions>(CrawlSocketOptions.Read));

    [Fact]
    public void DefaultsAreTheContractsNumbers()
    {
        var limits = Limits([]);
        var socket = Socket([]);

        Assert.Equal(TimeSpan.FromSeconds(10), limits.Crawl.ConnectTimeout);
        Assert.Equal(TimeSpan.FromSeconds(30), limits.Crawl.PageTimeout);
        Assert.Equal(8, limits.Crawl.MaxConcurrencyPerHost);
        Assert.False(limits.Crawl.AllowPrivateNetworks);
        Assert.Equal(4, socket.MaxConcurrentCrawls);
        Assert.Equal(TimeSpan.FromSeconds(30), socket.QueueTimeout);
        Assert.Equal(20, socket.MaxSocketsPerClient);
        Assert.Equal(2, socket.MaxCrawlsPerClient);
        Assert.Equal(TimeSpan.FromSeconds(10), socket.RequestTimeout);
        Assert.Equal(20, limits.Crawl.MaxLinkDepth);
        Assert.Equal(5 * 1024 * 1024, limits.Crawl.MaxPageBytes);
    }

    [Fact]
    public void ReadsLinkDepthTrapAndPerClientLimitsFromTheEnvironment()
    {
        var limits = Limits(new() { ["CRAWL_MAX_LINK_DEPTH"] = "3", ["CRAWL_MAX_PAGES_PER_PATTERN"] = "4", ["CRAWL_MAX_RETRY_AFTER"] = "5" });
        var socket = Socket(new() { ["MAX_SOCKETS_PER_CLIENT"] = "7", ["MAX_CRAWLS_PER_CLIENT"] = "1", ["WS_REQUEST_TIMEOUT"] = "3" });

        Assert.Equal(3, limits.Crawl.MaxLinkDepth);
        Assert.Equal(4, limits.Crawl.MaxPagesPerPattern);
        Assert.Equal(TimeSpan.FromSeconds(5), limits.Crawl.MaxRetryAfter);
        Assert.Equal(7, socket.MaxSocketsPerClient);
        Assert.Equal(1, socket.MaxCrawlsPerClient);
        Assert.Equal(TimeSpan.FromSeconds(3), socket.RequestTimeout);
    }

    [Fact]
    public void ReadsCrawlLimitsFromTheEnvironment()
    {
        var limits = Limits(new() { ["CRAWL_PAGE_TIMEOUT"] = "12", ["CRAWL_MAX_CONCURRENCY_PER_HOST"] = "3", ["ALLOW_PRIVATE_NETWORKS"] = "true" });

        Assert.Equal(TimeSpan.FromSeconds(12), limits.Crawl.PageTimeout);
        Assert.Equal(3, limits.Crawl.MaxConcurrencyPerHost);
        Assert.True(limits.Crawl.AllowPrivateNetworks);
    }

    [Theory]
    [InlineData("CRAWL_PAGE_TIMEOUT", "soon")]
    [InlineData("CRAWL_MAX_CONCURRENCY_PER_HOST", "0")]
    [InlineData("LLMS_FULL_MAX_CHARS", "10")]
    [InlineData("CRAWL_MAX_LINK_DEPTH", "101")]
    [InlineData("CRAWL_MAX_PAGES_PER_PATTERN", "0")]
    [InlineData("CRAWL_MAX_PAGE_BYTES", "2000000000")]
    public void BadCrawlLimitStopsStartUpNamingTheVariable(string name, string value)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Limits(new() { [name] = value }));
        Assert.Contains(name, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("MAX_CONCURRENT_CRAWLS", "0")]
    [InlineData("CRAWL_QUEUE_TIMEOUT", "-1")]
    [InlineData("MAX_CONCURRENT_SOCKETS", "many")]
    [InlineData("MAX_SOCKETS_PER_CLIENT", "0")]
    [InlineData("MAX_CRAWLS_PER_CLIENT", "-2")]
    [InlineData("WS_REQUEST_TIMEOUT", "0")]
    public void BadSocketLimitStopsStartUpNamingTheVariable(string name, string value)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Socket(new() { [name] = value }));
        Assert.Contains(name, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MalformedBrowserEndpointStopsStartUpNamingTheVariable()
    {
        var error = Assert.Throws<OptionsValidationException>(() =>
            Read<CrawlRenderingOptions>(new() { ["BROWSER_WS_ENDPOINT"] = "http://not-cdp" }, s => s.AddEnvOptions<CrawlRenderingOptions>(CrawlRenderingOptions.Read)));
        Assert.Contains("BROWSER_WS_ENDPOINT", error.Message, StringComparison.Ordinal);
    }
}
