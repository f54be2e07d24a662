using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PuppeteerSharp;

namespace LlmsTxt.Core.Rendering;

/// <summary>
/// Renders pages in headless Chromium: a local binary started on first use with a fresh profile,
/// or a remote CDP endpoint. One browser serves every page; a few tabs at a time.
/// </summary>
public sealed class ChromiumRenderer(ChromiumRendererOptions options, ILogger<ChromiumRenderer>? logger = null)
    : IPageRenderer, IAsyncDisposable
{
    // Flags that keep a server-side browser quiet and predictable: no GPU, no background traffic,
    // no QUIC (its connections would bypass connect-time address checks), a throwaway profile.
    internal static readonly string[] LaunchArguments =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage",
    ];

    private static readonly HashSet<ResourceType> SkippedResources =
        [ResourceType.Image, ResourceType.Media, ResourceType.Font, ResourceType.StyleSheet];

    private readonly ILogger _logger = logger ?? NullLogger<ChromiumRenderer>.Instance;
    private readonly SemaphoreSlim _launchLock = new(1, 1);
    private readonly SemaphoreSlim _tabs = new(Math.Max(1, options.MaxConcurrentPages));
    private IBrowser? _browser;
    private string? _profileDir;
    private bool _disposed;

    public async Task<RenderedPage?> RenderAsync(Uri url, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _tabs.WaitAsync(cancellationToken);
        try
        {
            var browser = await GetBrowserAsync(cancellationToken);
            var page = await browser.NewPageAsync();
            // Closing the tab is the only reliable way to interrupt a navigation in progress.
            await using var onCancel = cancellationToken.Register(() => _ = page.CloseAsync());
            try
            {
                return await NavigateAsync(page, url, cancellationToken);
            }
            finally
            {
                if (!page.IsClosed) await page.CloseAsync();
            }
        }
        catch (Exception ex) when (ex is PuppeteerException or TimeoutException && !cancellationToken.IsCancellationRequested)
        {
            _logger.LogWarning("Rendering {Url} failed: {Reason}", url, ex.Message);
            return null;
        }
        catch (Exception ex) when (ex is PuppeteerException or ObjectDisposedException && cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("Rendering cancelled.", ex, cancellationToken);
        }
        finally
        {
            _tabs.Release();
        }
    }

    private async Task<RenderedPage?> NavigateAsync(IPage page, Uri url, CancellationToken cancellationToken)
    {
        await page.SetRequestInterceptionAsync(true);
        page.Request += (_, e) => _ = FilterAsync(e.Request, cancellationToken);
        IResponse? response;
        try
        {
            response = await page.GoToAsync(url.AbsoluteUri, new NavigationOptions
            {
                Timeout = (int)options.PageTimeout.TotalMilliseconds,
                WaitUntil = [WaitUntilNavigation.Load, WaitUntilNavigation.Networkidle2],
            });
        }
        catch (NavigationException ex) when (ex.InnerException is TimeoutException || ex.Message.Contains("Timeout", StringComparison.OrdinalIgnoreCase))
        {
            // A page that keeps polling never goes idle; what it has drawn by now is still worth having.
            _logger.LogInformation("Rendering {Url} hit the {Seconds}s budget; keeping what was drawn", url, options.PageTimeout.TotalSeconds);
            response = null;
        }
        cancellationToken.ThrowIfCancellationRequested();
        if (response is not null && !response.Ok)
        {
            _logger.LogInformation("Rendering {Url} answered {Status}", url, (int)response.Status);
            return null;
        }
        var html = await page.GetContentAsync();
        return new RenderedPage(Uri.TryCreate(page.Url, UriKind.Absolute, out var final) ? final : url, html);
    }

    private async Task FilterAsync(IRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var allowed = !SkippedResources.Contains(request.ResourceType)
                && Uri.TryCreate(request.Url, UriKind.Absolute, out var target)
                && target.Scheme is "http" or "https" or "data" or "blob"
                && (options.AllowRequest is null || target.Scheme is not ("http" or "https")
                    || await options.AllowRequest(target, cancellationToken));
            if (allowed) await request.ContinueAsync();
            else await request.AbortAsync(RequestAbortErrorCode.BlockedByClient);
        }
        catch (PuppeteerException)
        {
            // The tab closed while we decided; nothing left to answer.
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task<IBrowser> GetBrowserAsync(CancellationToken cancellationToken)
    {
        if (_browser is { IsConnected: true } ready) return ready;
        await _launchLock.WaitAsync(cancellationToken);
        try
        {
            if (_browser is { IsConnected: true } current) return current;
            await CloseBrowserAsync();
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
            throw new PuppeteerException($"Chromium not found at {options.ExecutablePath}; set CHROMIUM_PATH or BROWSER_WS_ENDPOINT.");
        _profileDir = Path.Combine(Path.GetTempPath(), "llmstxt-chromium-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_profileDir);
        _logger.LogInformation("Starting Chromium {Path}", options.ExecutablePath);
        return await Puppeteer.LaunchAsync(new LaunchOptions
        {
            ExecutablePath = options.ExecutablePath,
            Headless = true,
            Args = LaunchArguments,
            UserDataDir = _profileDir,
            Timeout = 30_000,
        });
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
        _tabs.Dispose();
    }
}
