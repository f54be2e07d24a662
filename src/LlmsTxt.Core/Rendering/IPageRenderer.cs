using LlmsTxt.Core.Crawling;

namespace LlmsTxt.Core.Rendering;

/// <summary>The HTML of a page after its scripts ran, and where the browser ended up.</summary>
public sealed record RenderedPage(Uri FinalUrl, string Html);

/// <summary>How one crawl renders: the address rule every browser connection must pass, and how many tabs at once.</summary>
public sealed record RenderSessionOptions(AddressGuard Guard, int MaxTabs);

/// <summary>
/// Renders pages in a headless browser for sites whose static HTML is an empty app shell. Each crawl opens
/// its own session (own cache, cookies and storage), so one crawl never sees what another left behind.
/// </summary>
public interface IPageRenderer
{
    /// <summary>A session for one crawl; cheap until its first page is rendered. Dispose it when the crawl ends.</summary>
    IRenderSession OpenSession(RenderSessionOptions sessionOptions);
}

/// <summary>One crawl's rendering: pages render in tabs of one private browser context.</summary>
public interface IRenderSession : IAsyncDisposable
{
    /// <summary>Null when the page could not be rendered (the crawler then keeps the static HTML).</summary>
    Task<RenderedPage?> RenderAsync(Uri url, CancellationToken cancellationToken = default);
}
