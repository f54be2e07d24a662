using System.Diagnostics;
using Microsoft.Extensions.Logging;
using PuppeteerSharp;

namespace LlmsTxt.Core.Rendering;

/// <summary>
/// Loads one page in a tab and waits for it to settle on a bounded signal: the document is parsed, then
/// either the network is idle and the DOM has stopped changing for <see cref="ChromiumRendererOptions.QuietTime"/>,
/// or the DOM alone has been still for four times that (pages that poll forever), and never longer than
/// <see cref="ChromiumRendererOptions.SettleTimeout"/>.
/// </summary>
internal static class PageLoader
{
    // Text is what we read; pictures, media, fonts and style sheets only cost time.
    private static readonly HashSet<ResourceType> SkippedResources =
        [ResourceType.Image, ResourceType.Media, ResourceType.Font, ResourceType.StyleSheet];

    // Records when the DOM last changed, from the first moment of every document the tab loads.
    private const string MutationWatch =
        "(() => { window.__llmstxtChanged = 0; new MutationObserver(() => { window.__llmstxtChanged = performance.now(); })" +
        ".observe(document, { subtree: true, childList: true, characterData: true }); })()";

    private const string SinceChange = "performance.now() - (window.__llmstxtChanged || 0)";

    public static async Task<RenderedPage?> LoadAsync(IPage page, Uri url, ChromiumRendererOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        var network = new NetworkActivity();
        page.Request += (_, e) => { network.Started(e.Request); _ = FilterAsync(e.Request); };
        page.RequestFinished += (_, e) => network.Ended(e.Request);
        page.RequestFailed += (_, e) => network.Ended(e.Request);
        await CdpCommands.BypassServiceWorkerAsync(page);
        await page.EvaluateExpressionOnNewDocumentAsync(MutationWatch);
        await page.SetRequestInterceptionAsync(true);
        IResponse? response;
        try
        {
            response = await page.GoToAsync(url.AbsoluteUri, new NavigationOptions
            {
                Timeout = (int)options.PageTimeout.TotalMilliseconds,
                WaitUntil = [WaitUntilNavigation.DOMContentLoaded],
            });
        }
        catch (NavigationException ex) when (ex.InnerException is TimeoutException || ex.Message.Contains("Timeout", StringComparison.OrdinalIgnoreCase))
        {
            logger.LogInformation("Rendering {Url} hit the {Seconds}s budget; keeping what was drawn", url, options.PageTimeout.TotalSeconds);
            response = null;
        }
        cancellationToken.ThrowIfCancellationRequested();
        // 304 is a revalidated copy of a good page, not a failure; only an error status is.
        if (response is not null && (int)response.Status >= 400)
        {
            logger.LogInformation("Rendering {Url} answered {Status}", url, (int)response.Status);
            return null;
        }
        await SettleAsync(page, network, options, cancellationToken);
        var html = await page.GetContentAsync();
        return new RenderedPage(Uri.TryCreate(page.Url, UriKind.Absolute, out var final) ? final : url, html);
    }

    private static async Task SettleAsync(IPage page, NetworkActivity network, ChromiumRendererOptions options, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var quiet = options.QuietTime.TotalMilliseconds;
        while (clock.Elapsed < options.SettleTimeout)
        {
            var sinceChange = await page.EvaluateExpressionAsync<double>(SinceChange);
            if (sinceChange >= quiet && network.IdleFor >= options.QuietTime) return;
            if (sinceChange >= 4 * quiet && clock.Elapsed.TotalMilliseconds >= 4 * quiet) return;
            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
        }
    }

    private static async Task FilterAsync(IRequest request)
    {
        try
        {
            var allowed = !SkippedResources.Contains(request.ResourceType)
                && Uri.TryCreate(request.Url, UriKind.Absolute, out var target)
                && target.Scheme is "http" or "https" or "data" or "blob";
            if (allowed) await request.ContinueAsync();
            else await request.AbortAsync(RequestAbortErrorCode.BlockedByClient);
        }
        catch (PuppeteerException)
        {
            // The tab closed while we decided; nothing left to answer.
        }
    }

    /// <summary>Requests of one tab still waiting for an answer, and how long none has been.</summary>
    private sealed class NetworkActivity
    {
        private readonly HashSet<IRequest> _open = [];
        private readonly Stopwatch _sinceLast = Stopwatch.StartNew();

        public TimeSpan IdleFor
        {
            get { lock (_open) return _open.Count == 0 ? _sinceLast.Elapsed : TimeSpan.Zero; }
        }

        public void Started(IRequest request)
        {
            lock (_open) { _open.Add(request); _sinceLast.Restart(); }
        }

        public void Ended(IRequest request)
        {
            lock (_open) { _open.Remove(request); _sinceLast.Restart(); }
        }
    }
}
