using System.Collections.Concurrent;
using LlmsTxt.Core.Extraction;
using LlmsTxt.Core.Rendering;
using Microsoft.Extensions.Logging;

namespace LlmsTxt.Core.Crawling;

/// <summary>The state of one crawl: discovery, the dispatch loop and the final selection.</summary>
internal sealed partial class CrawlRun
{
    private readonly CrawlOptions _options;
    private readonly PageExtractor _extractor;
    private readonly IPageRenderer? _renderer;
    private IRenderSession? _renderSession;
    private readonly RobotsCache _robotsCache;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly CrawlRequest _request;
    private readonly IProgress<CrawlEvent>? _progress;
    private readonly UrlNormalizer _normalizer;
    private readonly HostThrottle _throttle;
    private readonly PageFetcher _fetcher;
    private readonly ConcurrentDictionary<string, Lazy<Task<RobotsVerdict>>> _robots = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<SkipReason, int> _skips = new();
    private readonly ConcurrentDictionary<string, byte> _skipped = new(StringComparer.Ordinal);
    private CrawlScope _scope = null!;
    private Uri _home = null!;
    private string? _startFailure;
    private CancellationToken _token;
    private int _fetched;
    private int _failed;
    private int _rendered;
    private long _lastProgress;

    public CrawlRun(CrawlOptions options, HttpClient client, HostThrottle throttle, PageExtractor extractor, IPageRenderer? renderer, RobotsCache robotsCache,
        ILogger logger, TimeProvider time, CrawlRequest request, IProgress<CrawlEvent>? progress)
    {
        (_options, _extractor, _renderer, _robotsCache, _logger, _time, _request, _progress) =
            (options, extractor, renderer, robotsCache, logger, time, request, progress);
        _normalizer = new UrlNormalizer(options);
        _throttle = throttle;
        _fetcher = new PageFetcher(client, options, _throttle, time, logger);
    }

    private int Target => _request.MaxPages + Math.Clamp(_request.ReservePages, 0, _request.MaxPages);
    private int MaxAttempts => _options.AttemptsPerPage * Target;

    public async Task<CrawlResult> RunAsync(CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_options.CrawlDeadline);
        _token = deadline.Token;
        var start = _normalizer.Normalize(_request.StartUrl)!;
        _scope = CrawlScope.From(start);
        _home = start;
        _renderSession = _request.RenderJs ? _renderer?.OpenSession(new RenderSessionOptions(_options.Guard, _options.MaxConcurrencyPerHost)) : null;
        var frontier = new Frontier(Target, MaxAttempts, _options.MaxLinkDepth, maxPending: (MaxAttempts * 2) + 1000, _options.MaxPagesPerPattern);
        var sitemaps = SitemapSet.Empty;
        string? error = null;
        var cancelled = false;
        try
        {
            var robots = await RobotsForAsync(start).ConfigureAwait(false);
            error = StartError(robots);
            if (error is null)
            {
                // The start page goes first and alone: where it redirects decides the site's scope.
                frontier.Offer(UrlNormalizer.IdentityKey(start), start, CrawlPriority.Start);
                frontier.TryTake(out var home);
                var outcome = await ProcessAsync(home, isStart: true, _token).ConfigureAwait(false);
                frontier.Complete(home, outcome with { Links = [] });
                frontier.StartLanguage = outcome.Page?.Language?.Split('-')[0];
                frontier.AddLinks(home, outcome.Links);
                sitemaps = await DiscoverSitemapsAsync().ConfigureAwait(false);
                for (var i = 0; i < sitemaps.Entries.Count; i++)
                {
                    var entry = sitemaps.Entries[i];
                    // After the start page's top-level links: a site's own table of contents decides which pages
                    // a limited budget reaches first; the sitemap adds the pages it does not link.
                    frontier.Offer(UrlNormalizer.IdentityKey(entry.Url), entry.Url, CrawlPriority.Sitemap(i), entry.LastModified);
                }
                await RunLoopAsync(frontier, _options.MaxConcurrencyPerHost).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (_token.IsCancellationRequested)
        {
            cancelled = true;
            var why = cancellationToken.IsCancellationRequested ? "Crawl cancelled" : $"Crawl deadline of {_options.CrawlDeadline.TotalMinutes:0.#} min reached";
            Report(new LimitReachedEvent($"{why}; keeping the {frontier.Select().Count} pages fetched so far"));
        }
        finally
        {
            // The crawl's private browser context (cache, cookies, storage) ends with it.
            if (_renderSession is not null)
            {
                await _renderSession.DisposeAsync().ConfigureAwait(false);
            }
        }
        return await FinishAsync(frontier, sitemaps, error, cancelled, started).ConfigureAwait(false);
    }

    /// <summary>Fetches in key order with up to <paramref name="concurrency"/> requests in flight until the selection is settled.</summary>
    private async Task RunLoopAsync(Frontier frontier, int concurrency)
    {
        var inFlight = new Dictionary<Task<PageOutcome>, FrontierEntry>();
        using var work = CancellationTokenSource.CreateLinkedTokenSource(_token);
        try
        {
            while (true)
            {
                while (inFlight.Count < concurrency && frontier.TryTake(out var next))
                {
                    inFlight.Add(ProcessAsync(next, isStart: false, work.Token), next);
                }
                if (inFlight.Count == 0)
                {
                    return;
                }
                var done = await Task.WhenAny(inFlight.Keys).ConfigureAwait(false);
                var entry = inFlight[done];
                inFlight.Remove(done);
                var outcome = await done.ConfigureAwait(false);
                frontier.Complete(entry, outcome with { Links = [] });
                frontier.AddLinks(entry, outcome.Links);
                ReportProgress(frontier);
                if (frontier.IsSettled())
                {
                    return;
                }
            }
        }
        finally
        {
            // Settled (or cancelled): what is still in flight can no longer change the result.
            await work.CancelAsync().ConfigureAwait(false);
            foreach (var (task, entry) in inFlight)
            {
                try
                {
                    await task.ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                }
                frontier.Abandon(entry);
            }
        }
    }

    /// <summary>Why the crawl cannot start, in plain words first: an unreachable site is not a robots.txt matter.</summary>
    private static string? StartError(RobotsVerdict robots)
    {
        if (robots.RefusedError is { } refused)
        {
            return refused;
        }
        if (robots.Failure is { Unreachable: true } down)
        {
            return $"{Sentence(down.Message)}; nothing was crawled. Check that the site is up and the address is right.";
        }
        return robots.Status == RobotsStatus.DisallowAll
            ? $"robots.txt at {robots.RobotsUrl} {robots.Detail}, so nothing was crawled: RFC 9309 treats a robots.txt that can't be read as 'disallow all'."
            : null;
    }

    /// <summary>"could not reach …" → "Could not reach …".</summary>
    internal static string Sentence(string fragment) =>
        fragment.Length == 0 ? fragment : char.ToUpperInvariant(fragment[0]) + fragment[1..];

    private async Task<SitemapSet> DiscoverSitemapsAsync()
    {
        var origin = new Uri(RobotsCache.Origin(_home) + "/");
        var robots = await RobotsForAsync(origin).ConfigureAwait(false);
        var set = await new SitemapDiscovery(_fetcher, _options, _logger)
            .DiscoverAsync(origin, robots.Rules, SitemapKeep, MaxAttempts + 100, Report, _token).ConfigureAwait(false);
        if (set.Documents.Count == 0 && SitemapDiscovery.Declared(origin, robots.Rules).Count == 0)
        {
            Report(new LimitReachedEvent("No sitemap found; following links breadth-first from the start page"));
        }
        return set;
    }

    private Uri? SitemapKeep(Uri url) =>
        _normalizer.Normalize(url) is { } clean && _scope.Contains(clean) && _normalizer.Check(clean).Allowed ? clean : null;

    private async Task<CrawlResult> FinishAsync(Frontier frontier, SitemapSet sitemaps, string? error, bool cancelled, long started)
    {
        var selected = frontier.Select(out var duplicates);
        ReportTraps(frontier);
        if (duplicates > 0)
        {
            _skips.AddOrUpdate(SkipReason.Duplicate, duplicates, (_, n) => n + duplicates);
        }
        var pages = selected
            .Select(e => new CrawledPage(e.Outcome!.Page!, e.Outcome.FinalUrl!, e.Outcome.Status, null, e.LastModified, e.Outcome.Rendered))
            .ToList();
        if (_options.CheckMarkdownTwins && !cancelled && pages.Count > 0)
        {
            var keepText = _extractor.Options.ConvertMarkdown;
            var checker = new MarkdownTwinChecker(_fetcher, _options, _scope, (u, c) => IsRobotsAllowedAsync(u), keepText);
            var twins = await checker.FindAsync(pages.Select(p => p.Url).ToList(), _token).ConfigureAwait(false);
            pages = pages.Select((p, i) => twins[i] is { } twin ? p with { MarkdownTwin = twin.Url, MarkdownTwinText = twin.Text } : p).ToList();
        }
        if (error is null && pages.Count == 0 && !cancelled)
        {
            error = _startFailure is { } why
                ? (why.StartsWith("the start page", StringComparison.Ordinal) ? Sentence(why) + "." : $"The start page {_request.StartUrl} could not be fetched: {why}")
                : $"No listable page found at {_request.StartUrl} (see the log for each URL).";
        }
        if (error is not null)
        {
            _logger.LogWarning("Crawl of {Url} could not run: {Error}", _request.StartUrl, error);
        }
        var stats = new CrawlStats(_fetched, _failed, new Dictionary<SkipReason, int>(_skips), _rendered, _fetcher.Bytes, (int)_fetcher.Requests,
            _time.GetElapsedTime(started).TotalSeconds);
        Report(new CrawlSummaryEvent(stats, pages.Count));
        return new CrawlResult(_request.StartUrl, pages, sitemaps.Entries.Select(e => e.Url).ToList(), sitemaps.NewestLastModified,
            sitemaps.Sentinel, stats, error, cancelled);
    }

    /// <summary>Each stopped URL trap once, with its template, from the frontier's final state (the same on every run).</summary>
    private void ReportTraps(Frontier frontier)
    {
        foreach (var (family, held) in frontier.TrappedFamilies())
        {
            _skips.AddOrUpdate(SkipReason.UrlTrap, held, (_, n) => n + held);
            Report(new LimitReachedEvent($"URL trap: stopped following links of the pattern {family} after {_options.MaxPagesPerPattern} pages that only lead to more pages like them (a calendar or endless pager)"));
            _logger.LogInformation("URL trap on {Site}: stopped following {Pattern} after {Max} pages", _home.Authority, family, _options.MaxPagesPerPattern);
        }
    }

    private void ReportProgress(Frontier frontier)
    {
        // At most ten progress events a second: the socket and the CLI redraw on each.
        var now = _time.GetTimestamp();
        var last = Interlocked.Read(ref _lastProgress);
        if (last != 0 && _time.GetElapsedTime(last, now) < TimeSpan.FromMilliseconds(100))
        {
            return;
        }
        Interlocked.Exchange(ref _lastProgress, now);
        Report(new CrawlProgressEvent(_fetched, _failed, frontier.Queued + frontier.InFlight, _request.MaxPages));
    }

    private void Report(CrawlEvent crawlEvent) => _progress?.Report(crawlEvent);
}
