using System.Net;
using System.Text.Json;
using LlmsTxt.Server.Tests.Support;

namespace LlmsTxt.Server.Tests.Web;

public sealed class WebPageTests
{
    private static ServerHost Factory(params (string Key, string Value)[] settings) =>
        new(settings.ToDictionary(s => s.Key, s => (string?)s.Value));

    [Fact]
    public async Task ServesThePageAtRootWithItsScriptAndStyles()
    {
        await using var factory = Factory();
        using var client = factory.CreateClient();

        var html = await client.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, html.StatusCode);
        Assert.Equal("text/html", html.Content.Headers.ContentType?.MediaType);
        var body = await html.Content.ReadAsStringAsync();
        Assert.Contains("app.js", body, StringComparison.Ordinal);
        Assert.DoesNotContain("//cdn", body, StringComparison.OrdinalIgnoreCase);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/app.js", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/app.css", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task ConfigSaysKeyRequiredWithoutRevealingIt()
    {
        await using var factory = Factory(("API_KEY", "s3cret-key-value"), ("LLM_ENHANCEMENT_ENABLED", "true"), ("OPENROUTER_API_KEY", "or-key-value"));
        using var client = factory.CreateClient();

        var text = await client.GetStringAsync(new Uri("/api/config", UriKind.Relative));
        using var json = JsonDocument.Parse(text);

        Assert.True(json.RootElement.GetProperty("apiKeyRequired").GetBoolean());
        // Enabled and given a key: the page may offer enhancement (without ever seeing the key).
        Assert.True(json.RootElement.GetProperty("llmEnhancementAvailable").GetBoolean());
        Assert.Equal(1000, json.RootElement.GetProperty("limits").GetProperty("maxPages").GetProperty("max").GetInt32());
        Assert.DoesNotContain("s3cret-key-value", text, StringComparison.Ordinal);
        Assert.DoesNotContain("or-key-value", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfigSaysOpenAndEnhancementOffByDefault()
    {
        await using var factory = Factory(("API_KEY", ""));
        using var client = factory.CreateClient();

        using var json = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/config", UriKind.Relative)));

        Assert.False(json.RootElement.GetProperty("apiKeyRequired").GetBoolean());
        Assert.False(json.RootElement.GetProperty("llmEnhancementAvailable").GetBoolean());
    }

    [Fact]
    public async Task RenderingIsUnavailableWhenChromiumIsMissing()
    {
        await using var factory = Factory(("CHROMIUM_PATH", "/nonexistent/chromium"));
        using var client = factory.CreateClient();

        using var json = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/config", UriKind.Relative)));

        Assert.False(json.RootElement.GetProperty("renderingAvailable").GetBoolean());
    }
}
