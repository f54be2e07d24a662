using System.Collections.Concurrent;
using System.Diagnostics;
using LlmsTxt.Core.Crawling;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PuppeteerSharp;

namespace LlmsTxt.Core.Rendering;

/// <summary>
/// Renders pages in headless Chromium: a local binary started on first use with a fresh profile and reused
/// across crawls, or a remote CDP endpoint. Each crawl gets its own private browser context (see
/// <see cref="ChromiumRenderSession"/>). A local browser connects only through <see cref="GuardingProxy"/>:
/// its default proxy refuses everything (Chromium's own background traffic), and each crawl's context uses a
/// proxy that applies that crawl's address rule. A remote endpoint is outside our network and keeps its own
/// protections.
/// </summary>
public sealed class ChromiumRenderer(ChromiumRendererOptions options, ILogger<ChromiumRenderer>? logger = null)
    : IPageRenderer, IAsyncDisposable
{
    private readonly ILogger _logger = logger ?? NullLogger<ChromiumRenderer>.Instance;
    private readonly SemaphoreSlim _launchLock = new(1, 1);
    private readonly ConcurrentDictionary<string, int> _pageHosts = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, int> _browserHosts = new(StringComparer.OrdinalIgnoreCase);
    private IBrowser? _browser;
    private GuardingProxy? _backgroundProxy;
    private string? _profileDir;
    private bool _disposed;

    /// <summary>
    /// Flags for a quiet, predictable server-side browser that cannot get around the proxy: every connection
    /// (loopback too) goes to the proxy; the browser resolves no names itself; no QUIC, no non-proxied WebRTC
    /// UDP, no prediction or preconnect, and none of the services that phone home (updates, sync, sign-in,
    /// safe browsing, metrics, field trials, domain reliability, translation, media router).
    /// </summary>
    internal static IReadOnlyList<string> LaunchArguments(Uri proxy) =>
    [
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
        "--no-default-browser-check", "--hide-scrollbars", "--mute-audio",
        $"--proxy-server={proxy.GetLeftPart(UriPartial.Authority)}", "--proxy-bypass-list=<-loopback>",
        // Quoted: the launcher joins arguments into one command line, and this value has spaces.
        "\"--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1\"",
        "--disable-quic", "--force-webrtc-ip-handling-policy=disable_non_proxied_udp", "--webrtc-ip-handling-policy=disable_non_proxied_udp",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-domain-reliability",
        "--disable-client-side-phishing-detection", "--safebrowsing-disable-auto-update", "--disable-default-apps",
        "--disable-extensions", "--disable-component-extensions-with-background-pages", "--no-pings", "--disable-breakpad",
        "--metrics-recording-only", "--disable-field-trial-config", "--disable-background-timer-throttling",
        "--disable-renderer-backgrounding", "--disable-backgrounding-occluded-windows", "--disable-ipc-flooding-protection",
        "--disable-hang-monitor", "--disable-popup-blocking", "--disable-prompt-on-repost", "--password-store=basic", "--use-mock-keychain",
        "--disable-features=NetworkPrediction,NetworkPredictionOptions,Prerender2,OptimizationHints,Translate,MediaRouter," +
            "DialMediaRouteProvider,CertificateTransparencyComponentUpdater,AutofillServerCommunication,InterestFeedContentSuggestions," +
            "SafeBrowsingRealTimeUrlLookup,PrivacySandboxSettings4,AcceptCHFrame,ChromeWhatsNewUI,HttpsUpgrades,LensOverlay," +
            "PreconnectToSearch,NavigationPredictor,LoadingPredictorUseLocalPredictions,SpareRendererForSitePerProcess,SearchPrefetchServicePrefetching," +
            "OmniboxZeroSuggestPrefetching,DeferredPreconnect,ChromeLabs,OptimizationGuideModelDownloading,AutofillEnableAccountWalletStorage",
        "--disable-search-engine-choice-screen", "--no-service-autorun", "--disable-gaia-services", "--disable-signin-frame-client-certs",
    ];

    /// <summary>Every host the crawls' pages asked the guarding proxies to reach (allowed or refused), with counts.</summary>
    public IReadOnlyDictionary<string, int> HostsRequested => _pageHosts;

    /// <summary>
    /// Hosts Chromium tried to reach on its own (update, sign-in and search services Debian's build still calls
    /// despite the flags); the browser's default proxy refused every one of them.
    /// </summary>
    public IReadOnlyDictionary<string, int> BrowserOwnHostsRefused => _browserHosts;

    /// <summary>How long starting the local browser took (null until it started; the bench reports it).</summary>
    public TimeSpan? StartTime { get; private set; }

    internal ChromiumRendererOptions Options => options;

    public IRenderSession OpenSession(RenderSessionOptions sessionOptions)
    {
        ArgumentNullException.ThrowIfNull(sessionOptions);
        ObjectDisposedException.ThrowIf(_disposed, this);
        return new ChromiumRenderSession(this, sessionOptions, _logger);
    }

    /// <summary>Renders one page in a session of its own (tools and tests; crawls use <see cref="OpenSession"/>).</summary>
    public async Task<RenderedPage?> RenderAsync(Uri url, AddressGuard guard, CancellationToken cancellationToken = default)
    {
        await using var session = OpenSession(new RenderSessionOptions(guard, 1));
        return await session.RenderAsync(url, cancellationToken);
    }

    internal GuardingProxy StartProxy(AddressGuard guard) => GuardingProxy.Start(guard, _logger, _pageHosts);

    internal async Task<IBrowser> GetBrowserAsync(CancellationToken cancellationToken)
    {
        if (_browser is { IsConnected: true } ready) return ready;
        await _launchLock.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_browser is { IsConnected: true } current) return current;
            await CloseBrowserAsync();
            CdpCommands.Register();
            _browser = options.BrowserWebSocketEndpoint is { } endpoint
                ? await Puppeteer.ConnectAsync(new ConnectOptions { BrowserWSEndpoint = endpoint.AbsoluteUri })
                : await LaunchAsync();
            return _browser;
        }
        finally
        {
            _launchLock.Release();
        }
    }

    private async Task<IBrowser> LaunchAsync()
    {
        if (!File.Exists(options.ExecutablePath))
            throw new PuppeteerException($"Chromium not found at {options.ExecutablePath}: there is no browser to render pages with.");
        _profileDir = Path.Combine(Path.GetTempPath(), "llmstxt-chromium-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_profileDir);
        _backgroundProxy = GuardingProxy.Start(guard: null, _logger, _browserHosts);
        _logger.LogInformation("Starting Chromium {Path}", options.ExecutablePath);
        var clock = Stopwatch.StartNew();
        var browser = await Puppeteer.LaunchAsync(new LaunchOptions
        {
            ExecutablePath = options.ExecutablePath,
            Headless = true,
            IgnoreDefaultArgs = true,
            Args = [.. LaunchArguments(_backgroundProxy.Address)],
            UserDataDir = _profileDir,
            Timeout = 30_000,
        });
        StartTime = clock.Elapsed;
        _logger.LogInformation("Chromium started in {Milliseconds} ms", (int)clock.Elapsed.TotalMilliseconds);
        return browser;
    }

    private async Task CloseBrowserAsync()
    {
        if (_browser is not null)
        {
            try
            {
                if (options.UsesRemoteBrowser) _browser.Disconnect();
                else await _browser.CloseAsync();
            }
            catch (PuppeteerException)
            {
            }
            await _browser.DisposeAsync();
            _browser = null;
        }
        if (_backgroundProxy is not null)
        {
            await _backgroundProxy.DisposeAsync();
            _backgroundProxy = null;
        }
        if (_profileDir is not null)
        {
            try { Directory.Delete(_profileDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            _profileDir = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        await _launchLock.WaitAsync();
        try { await CloseBrowserAsync(); }
        finally { _launchLock.Release(); }
        _launchLock.Dispose();
    }
}
