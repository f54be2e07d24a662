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

    /// <summary>Navigation budget per page, including waiting for the network to go quiet.</summary>
    public TimeSpan PageTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Tabs rendering at once; a browser tab costs tens of MB.</summary>
    public int MaxConcurrentPages { get; init; } = 2;

    /// <summary>
    /// Checked for every request the browser makes (documents, scripts, XHR). Return false to block it,
    /// e.g. to keep the SSRF rules when rendering runs inside the server.
    /// </summary>
    public Func<Uri, CancellationToken, ValueTask<bool>>? AllowRequest { get; init; }

    public bool UsesRemoteBrowser => BrowserWebSocketEndpoint is not null;

    /// <summary>True when rendering can work: a remote endpoint is set or the local binary exists.</summary>
    public bool IsAvailable => UsesRemoteBrowser || File.Exists(ExecutablePath);

    /// <summary>
    /// Reads <c>CHROMIUM_PATH</c>, <c>BROWSER_WS_ENDPOINT</c>, <c>BRIGHTDATA_WS_ENDPOINT</c>, or
    /// <c>BRIGHTDATA_USERNAME</c> + <c>BRIGHTDATA_PASSWORD</c> (+ <c>BRIGHTDATA_HOST</c>, default brd.superproxy.io:9222).
    /// </summary>
    /// <exception cref="ArgumentException">A value is malformed; the message names the variable.</exception>
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
        throw new ArgumentException($"{name} must be a ws:// or wss:// URL of a Chrome DevTools endpoint.");
    }

    private static Uri? BrightDataEndpoint(Func<string, string?> get)
    {
        var user = get("BRIGHTDATA_USERNAME");
        var password = get("BRIGHTDATA_PASSWORD");
        if (string.IsNullOrWhiteSpace(user) && string.IsNullOrWhiteSpace(password)) return null;
        if (string.IsNullOrWhiteSpace(user) || string.IsNullOrWhiteSpace(password))
            throw new ArgumentException("BRIGHTDATA_USERNAME and BRIGHTDATA_PASSWORD must be set together.");
        var host = get("BRIGHTDATA_HOST");
        host = string.IsNullOrWhiteSpace(host) ? "brd.superproxy.io:9222" : host.Trim();
        var text = $"wss://{Uri.EscapeDataString(user.Trim())}:{Uri.EscapeDataString(password.Trim())}@{host}";
        return Uri.TryCreate(text, UriKind.Absolute, out var uri)
            ? uri
            : throw new ArgumentException("BRIGHTDATA_HOST must be host[:port] of the Scraping Browser endpoint.");
    }
}
