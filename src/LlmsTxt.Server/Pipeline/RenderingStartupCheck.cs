using Microsoft.Extensions.Options;

namespace LlmsTxt.Server.Pipeline;

/// <summary>Says at start-up when <c>RENDER_JS=true</c> cannot be honoured because no browser is usable.</summary>
internal sealed class RenderingStartupCheck(IOptions<CrawlRenderingOptions> options, ILogger<RenderingStartupCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        var rendering = options.Value;
        if (rendering.DefaultOn && !rendering.Renderer.IsAvailable)
        {
            logger.LogWarning(
                "RENDER_JS is true but no browser is usable: CHROMIUM_PATH points to {Path}, which does not exist, and no BROWSER_WS_ENDPOINT is set. " +
                "Pages are read as static HTML only; set CHROMIUM_PATH to a Chromium binary (e.g. /usr/bin/chromium) or configure a remote browser.",
                rendering.Renderer.ExecutablePath);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
}
