using LlmsTxt.Core;
using LlmsTxt.Core.Rendering;
using LlmsTxt.Settings;

namespace LlmsTxt.Server.Tests.Settings;

/// <summary>CHROMIUM_PATH, BROWSER_WS_ENDPOINT and BRIGHTDATA_* as the server and the CLI both read them.</summary>
public sealed class ChromiumRendererVariablesTests
{
    private static ChromiumRendererOptions Read(params (string Name, string Value)[] values)
    {
        var map = values.ToDictionary(v => v.Name, v => v.Value);
        return ChromiumRendererVariables.Read(n => map.GetValueOrDefault(n));
    }

    [Fact]
    public void NothingSetMeansTheLocalDefaultBinary()
    {
        var options = Read();
        Assert.False(options.UsesRemoteBrowser);
        Assert.Equal(ChromiumRendererOptions.DefaultExecutablePath, options.ExecutablePath);
    }

    [Fact]
    public void ReadsTheLocalBinary() =>
        Assert.Equal("/opt/chrome/chrome", Read(("CHROMIUM_PATH", " /opt/chrome/chrome ")).ExecutablePath);

    [Fact]
    public void ReadsRemoteEndpointFromBrightDataCredentials()
    {
        var options = Read(("BRIGHTDATA_USERNAME", "brd-customer-1-zone-x"), ("BRIGHTDATA_PASSWORD", "p@ss"));

        Assert.True(options.UsesRemoteBrowser);
        Assert.Equal("wss", options.BrowserWebSocketEndpoint!.Scheme);
        Assert.Equal("brd.superproxy.io", options.BrowserWebSocketEndpoint.Host);
        Assert.Equal(9222, options.BrowserWebSocketEndpoint.Port);
    }

    [Fact]
    public void AnExplicitEndpointWinsOverBrightData() =>
        Assert.Equal(new Uri("ws://127.0.0.1:9222/devtools/browser/x"), Read(
            ("BROWSER_WS_ENDPOINT", "ws://127.0.0.1:9222/devtools/browser/x"),
            ("BRIGHTDATA_USERNAME", "u"), ("BRIGHTDATA_PASSWORD", "p")).BrowserWebSocketEndpoint);

    [Theory]
    [InlineData("BROWSER_WS_ENDPOINT", "http://x")]
    [InlineData("BRIGHTDATA_WS_ENDPOINT", "not a url")]
    public void RejectsMalformedEndpointNamingTheVariable(string name, string value)
    {
        var ex = Assert.Throws<InvalidSettingException>(() => Read((name, value)));
        Assert.Equal(name, ex.Setting);
        Assert.StartsWith($"{name} must be a ws:// or wss:// URL", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BrightDataNeedsBothUserAndPassword()
    {
        var ex = Assert.Throws<InvalidSettingException>(() => Read(("BRIGHTDATA_USERNAME", "u")));
        Assert.Equal("BRIGHTDATA_USERNAME and BRIGHTDATA_PASSWORD must be set together.", ex.Message);
    }
}
