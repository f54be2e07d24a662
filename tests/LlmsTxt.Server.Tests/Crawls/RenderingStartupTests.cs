using LlmsTxt.Server.Tests.Support;
using Microsoft.Extensions.Logging;

namespace LlmsTxt.Server.Tests.Crawls;

public sealed class RenderingStartupTests
{
    [Fact]
    public async Task RenderJsWithoutAUsableBrowserWarnsAtStartUpNamingChromiumPath()
    {
        await using var server = new CrawlServer(new Dictionary<string, string?> { ["RENDER_JS"] = "true", ["CHROMIUM_PATH"] = "/nonexistent/chromium" });
        _ = server.BaseUri;

        var warning = await server.Logs.WaitForAsync(l => l.Level == LogLevel.Warning && l.Message.Contains("RENDER_JS", StringComparison.Ordinal));

        Assert.Contains("CHROMIUM_PATH", warning.Message, StringComparison.Ordinal);
        Assert.Contains("/nonexistent/chromium", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RenderJsWithABrowserStartsWithoutThatWarning()
    {
        var chromium = Environment.GetEnvironmentVariable("LLMSTXT_TEST_CHROMIUM");
        Assert.False(string.IsNullOrEmpty(chromium), "LLMSTXT_TEST_CHROMIUM is not set: run the tests through ./test.sh.");
        await using var server = new CrawlServer(new Dictionary<string, string?> { ["RENDER_JS"] = "true", ["CHROMIUM_PATH"] = chromium });
        _ = server.BaseUri;
        await server.Logs.WaitForAsync(l => l.Message.Contains("llmstxt is ready", StringComparison.Ordinal));

        Assert.DoesNotContain(server.Logs.Lines, l => l.Message.Contains("RENDER_JS", StringComparison.Ordinal));
    }
}
