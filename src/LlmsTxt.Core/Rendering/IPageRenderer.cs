namespace LlmsTxt.Core.Rendering;

/// <summary>The HTML of a page after its scripts ran, and where the browser ended up.</summary>
public sealed record RenderedPage(Uri FinalUrl, string Html);

/// <summary>
/// Renders a page in a headless browser for sites whose static HTML is an empty app shell.
/// Returns null when the page could not be rendered (the crawler then keeps the static HTML).
/// </summary>
public interface IPageRenderer
{
    Task<RenderedPage?> RenderAsync(Uri url, CancellationToken cancellationToken = default);
}
