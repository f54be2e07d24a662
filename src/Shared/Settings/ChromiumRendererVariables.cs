using LlmsTxt.Core;
using LlmsTxt.Core.Rendering;

namespace LlmsTxt.Settings;

/// <summary>
/// The environment variables behind <see cref="ChromiumRendererOptions"/>, read the same way by the server and the CLI:
/// <c>CHROMIUM_PATH</c> (the local binary), <c>BROWSER_WS_ENDPOINT</c> or <c>BRIGHTDATA_WS_ENDPOINT</c> (a remote
/// Chrome DevTools endpoint), or <c>BRIGHTDATA_USERNAME</c> + <c>BRIGHTDATA_PASSWORD</c> (+ <c>BRIGHTDATA_HOST</c>,
/// default brd.superproxy.io:9222) for Bright Data's Scraping Browser.
/// </summary>
internal static class ChromiumRendererVariables
{
    private const string DefaultBrightDataHost = "brd.superproxy.io:9222";

    /// <exception cref="InvalidSettingException">A value is malformed; <see cref="InvalidSettingException.Setting"/> is the variable.</exception>
    public static ChromiumRendererOptions Read(Func<string, string?> get)
    {
        ArgumentNullException.ThrowIfNull(get);
        var settings = new SettingReader(get);
        var options = new ChromiumRendererOptions();
        if (settings.Raw("CHROMIUM_PATH") is { } path) options = options with { ExecutablePath = path };
        var endpoint = Endpoint(settings, "BROWSER_WS_ENDPOINT") ?? Endpoint(settings, "BRIGHTDATA_WS_ENDPOINT") ?? BrightDataEndpoint(settings);
        return endpoint is null ? options : options with { BrowserWebSocketEndpoint = endpoint };
    }

    // The endpoint may carry credentials, so the error never echoes it.
    private static Uri? Endpoint(SettingReader settings, string name)
    {
        if (settings.Raw(name) is not { } value) return null;
        if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "ws" or "wss") return uri;
        throw new InvalidSettingException(name, "must be a ws:// or wss:// URL of a Chrome DevTools endpoint.");
    }

    private static Uri? BrightDataEndpoint(SettingReader settings)
    {
        var user = settings.Raw("BRIGHTDATA_USERNAME");
        var password = settings.Raw("BRIGHTDATA_PASSWORD");
        if (user is null && password is null) return null;
        if (user is null || password is null)
            throw new InvalidSettingException("BRIGHTDATA_USERNAME", "and BRIGHTDATA_PASSWORD must be set together.");
        var host = settings.Raw("BRIGHTDATA_HOST") ?? DefaultBrightDataHost;
        var text = $"wss://{Uri.EscapeDataString(user)}:{Uri.EscapeDataString(password)}@{host}";
        return Uri.TryCreate(text, UriKind.Absolute, out var uri)
            ? uri
            : throw new InvalidSettingException("BRIGHTDATA_HOST", "must be host[:port] of the Scraping Browser endpoint.");
    }
}
