using LlmsTxt.Core.Extraction;
using LlmsTxt.Core.Rendering;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LlmsTxt.Core.Crawling;

/// <summary>
/// Turns a start URL and limits into the ordered list of pages the writer needs.
/// <para>Order and selection (see <see cref="Frontier"/> for the precise rule): the start page first, then
/// sitemap order, then breadth-first by link depth and document order of links; the first
/// <c>maxPages</c> successful, indexable, distinct pages in that order are listed, trying at most
/// 3 × <c>maxPages</c> URLs. The order depends only on the site, never on which response arrived first.</para>
/// <para>One instance may run many crawls concurrently and holds one connection pool (the SSRF-safe
/// handler unless another handler is given). Dispose it to release the pool.</para>
/// </summary>
public sealed class Crawler : IDisposable
{
    private readonly CrawlOptions _options;
    private readonly HttpClient _client;
    private readonly IPageRenderer? _renderer;
    private readonly RobotsCache _robotsCache;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly HostThrottle _throttle;

    /// <param name="handler">Null: a <see cref="SafeHttpHandler"/> built from <paramref name="options"/> (owned and disposed by the crawler).</param>
    /// <param name="throttle">Null: the process's throttle for this bound (<see cref="HostThrottle.ForProcess"/>), or a private one under a test clock.</param>
    /// <param name="renderer">Used for pages whose static HTML has too few words when <see cref="CrawlRequest.RenderJs"/> is set.</param>
    public Crawler(
        CrawlOptions? options = null,
        HttpMessageHandler? handler = null,
        IPageRenderer? renderer = null,
        RobotsCache? robotsCache = null,
        ILogger<Crawler>? logger = null,
        TimeProvider? timeProvider = null,
        HostThrottle? throttle = null)
    {
        _options = options ?? new CrawlOptions();
        _options.Validate();
        _timeProvider = timeProvider ?? TimeProvider.System;
        _client = handler is null
            ? SafeHttpHandler.CreateClient(SafeHttpHandler.Create(_options), _options, disposeHandler: true)
            : SafeHttpHandler.CreateClient(handler, _options, disposeHandler: false);
        _renderer = renderer;
        _robotsCache = robotsCache ?? new RobotsCache(_timeProvider, _options.RobotsCacheDuration);
        _logger = logger ?? (ILogger)NullLogger.Instance;
        // Shared by every crawl of the process: two crawls of one site still respect one per-host budget and delay.
        _throttle = throttle ?? (_timeProvider == TimeProvider.System
            ? HostThrottle.ForProcess(_options.MaxConcurrencyPerHost)
            : new HostThrottle(_options.MaxConcurrencyPerHost, _timeProvider));
    }

    public CrawlOptions Options => _options;

    /// <summary>
    /// Crawls <see cref="CrawlRequest.StartUrl"/>. Never throws for site problems: a crawl that cannot run
    /// returns a result with <see cref="CrawlResult.Error"/>; cancellation returns the pages fetched so far
    /// with <see cref="CrawlResult.Cancelled"/> set. Throws <see cref="ArgumentException"/> for a bad request.
    /// </summary>
    public Task<CrawlResult> RunAsync(CrawlRequest request, IProgress<CrawlEvent>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.StartUrl.IsAbsoluteUri || (request.StartUrl.Scheme != Uri.UriSchemeHttp && request.StartUrl.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"url must be an absolute http or https URL, got '{request.StartUrl}'.", nameof(request));
        }
        if (request.MaxPages is < 1 or > 1000)
        {
            throw new ArgumentException($"maxPages must be between 1 and 1000, got {request.MaxPages}.", nameof(request));
        }
        var extractor = new PageExtractor(request.Extraction ?? new ExtractionOptions());
        var run = new CrawlRun(_options, _client, _throttle, extractor, _renderer, _robotsCache, _logger, _timeProvider, request, progress);
        return run.RunAsync(cancellationToken);
    }

    public void Dispose() => _client.Dispose();
}
