namespace LlmsTxt.Core.Rendering;

/// <summary>
/// Where the headless browser comes from: a remote CDP endpoint when one is configured
/// (<c>BROWSER_WS_ENDPOINT</c>, or Bright Data's Scraping Browser), else the local executable.
/// </summary>
public sealed record ChromiumRendererOptions
{
    public const string DefaultExecutablePath = "/usr/bin/chromium";

    /// <summary>Local Chromium binary (<c>CHROMIUM_PATH</c>).</summary>
    public string ExecutablePath { get; init; } = DefaultExecutablePath;

    /// <summary>Remote browser (<c>ws://</c> or <c>wss://</c>); may carry credentials, so it is never logged.</summary>
    public Uri? BrowserWebSocketEndpoint { get; init; }

    /// <summary>Budget for loading a page's document (until its HTML is parsed).</summary>
    public TimeSpan PageTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest wait after the document loaded for scripts to finish drawing.</summary>
    public TimeSpan SettleTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>A page is settled when its network and DOM have both been quiet this long.</summary>
    public TimeSpan QuietTime { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Tabs one crawl renders in at once (also bounded by the crawl's concurrency); a tab costs tens of MB.</summary>
    public int MaxConcurrentPages { get; init; } = 4;

    public bool UsesRemoteBrowser => BrowserWebSocketEndpoint is not null;

    /// <summary>True when rendering can work: a remote endpoint is set or the local binary exists.</summary>
    public bool IsAvailable => UsesRemoteBrowser || File.Exists(ExecutablePath);

    /// <summary>
    /// Reads <c>CHROMIUM_PATH</c>, <c>BROWSER_WS_ENDPOINT</c>, <c>BRIGHTDATA_WS_ENDPOINT</c>, or
    /// <c>BRIGHTDATA_USERNAME</c> + <c>BRIGHTDATA_PASSWORD</c> (+ <c>BRIGHTDATA_HOST</c>, default brd.superproxy.io:9222).
    /// </summary>
    /// <exception cref="InvalidSettingException">A value is malformed; <see cref="InvalidSettingException.Setting"/> is the variable.</exception>
    public static ChromiumRendererOptions FromEnvironment(Func<string, string?> get)
    {
        ArgumentNullException.ThrowIfNull(get);
        var options = new ChromiumRendererOptions();
        var path = get("CHROMIUM_PATH");
        if (!string.IsNullOrWhiteSpace(path)) options = options with { ExecutablePath = path.Trim() };
        var endpoint = Endpoint(get, "BROWSER_WS_ENDPOINT") ?? Endpoint(get, "BRIGHTDATA_WS_ENDPOINT") ?? BrightDataEndpoint(get);
        return endpoint is null ? options : options with { BrowserWebSocketEndpoint = endpoint };
    }

    private static Uri? Endpoint(Func<string, string?> get, string name)
    {
        var value = get(name);
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "ws" or "wss") return uri;
        throw new InvalidSettingException(name, "must be a ws:// or wss:// URL of a Chrome DevTools endpoint.");
    }

    private static Uri? BrightDataEndpoint(Func<string, string?> get)
    {
        var user = get("BRIGHTDATA_USERNAME");
        var password = get("BRIGHTDATA_PASSWORD");
        if (string.IsNullOrWhiteSpace(user) && string.IsNullOrWhiteSpace(password)) return null;
        if (string.IsNullOrWhiteSpace(user) || string.IsNullOrWhiteSpace(password))
            throw new InvalidSettingException("BRIGHTDATA_USERNAME", "and BRIGHTDATA_PASSWORD must be set together.");
        var host = get("BRIGHTDATA_HOST");
        host = string.IsNullOrWhiteSpace(host) ? "brd.superproxy.io:9222" : host.Trim();
        var text = $"wss://{Uri.EscapeDataString(user.Trim())}:{Uri.EscapeDataString(password.Trim())}@{host}";
        return Uri.TryCreate(text, UriKind.Absolute, out var uri)
            ? uri
            : throw new InvalidSettingException("BRIGHTDATA_HOST", "must be host[:port] of the Scraping Browser endpoint.");
    }
}
