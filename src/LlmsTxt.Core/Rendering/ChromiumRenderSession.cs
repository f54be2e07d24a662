using Microsoft.Extensions.Logging;
using PuppeteerSharp;

namespace LlmsTxt.Core.Rendering;

/// <summary>
/// One crawl's rendering: a private browser context (own cache, cookies, storage; closed at the end) whose
/// connections all go through a <see cref="GuardingProxy"/> applying the crawl's address rule, and up to
/// <see cref="RenderSessionOptions.MaxTabs"/> tabs at once. Nothing is started until the first page.
/// </summary>
internal sealed class ChromiumRenderSession(ChromiumRenderer owner, RenderSessionOptions options, ILogger logger) : IRenderSession
{
    private readonly SemaphoreSlim _tabs = new(Math.Clamp(options.MaxTabs, 1, Math.Max(1, owner.Options.MaxConcurrentPages)));
    private readonly SemaphoreSlim _setup = new(1, 1);
    private IBrowserContext? _context;
    private GuardingProxy? _proxy;
    private bool _disposed;

    public async Task<RenderedPage?> RenderAsync(Uri url, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _tabs.WaitAsync(cancellationToken);
        try
        {
            var context = await ContextAsync(cancellationToken);
            var page = await context.NewPageAsync();
            // Closing the tab is the only reliable way to interrupt a navigation in progress.
            await using var onCancel = cancellationToken.Register(() => _ = page.CloseAsync());
            try
            {
                return await PageLoader.LoadAsync(page, url, owner.Options, logger, cancellationToken);
            }
            finally
            {
                if (!page.IsClosed) await page.CloseAsync();
            }
        }
        catch (Exception ex) when (ex is PuppeteerException or TimeoutException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Rendering {Url} failed: {Reason}", url, ex.Message);
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

    private async Task<IBrowserContext> ContextAsync(CancellationToken cancellationToken)
    {
        if (_context is { } ready && ready.Browser.IsConnected) return ready;
        await _setup.WaitAsync(cancellationToken);
        try
        {
            if (_context is { } current && current.Browser.IsConnected) return current;
            var browser = await owner.GetBrowserAsync(cancellationToken);
            _context = await CreateContextAsync(browser);
            return _context;
        }
        finally
        {
            _setup.Release();
        }
    }

    private async Task<IBrowserContext> CreateContextAsync(IBrowser browser)
    {
        if (!owner.Options.UsesRemoteBrowser)
        {
            _proxy ??= owner.StartProxy(options.Guard);
            return await browser.CreateBrowserContextAsync(new BrowserContextOptions
            {
                ProxyServer = _proxy.Address.GetLeftPart(UriPartial.Authority),
                // Chromium never proxies loopback unless told to; the guard must see those connections too.
                ProxyBypassList = ["<-loopback>"],
            });
        }
        try
        {
            return await browser.CreateBrowserContextAsync();
        }
        catch (PuppeteerException ex)
        {
            // Some hosted browsers give each connection its own session and refuse extra contexts.
            logger.LogInformation("The remote browser refused a private context ({Reason}); using its default one", ex.Message);
            return browser.DefaultContext;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        await _setup.WaitAsync();
        try
        {
            if (_context is { } context && context != context.Browser.DefaultContext)
            {
                try { await context.CloseAsync(); } catch (PuppeteerException) { }
            }
            if (_proxy is not null) await _proxy.DisposeAsync();
        }
        finally
        {
            _setup.Release();
        }
        // The tab semaphore is left to the collector: a render cancelled a moment ago may still release it.
    }
}
