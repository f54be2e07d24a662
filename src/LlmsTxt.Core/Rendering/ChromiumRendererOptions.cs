namespace LlmsTxt.Core.Rendering;

/// <summary>
/// Where the headless browser comes from: a remote CDP endpoint when one is configured (such as Bright Data's
/// Scraping Browser), else the local executable. Hosts map their own settings onto it (see src/Shared/Settings).
/// </summary>
public sealed record ChromiumRendererOptions
{
    public const string DefaultExecutablePath = "/usr/bin/chromium";

    /// <summary>Local Chromium binary.</summary>
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
}
