using LlmsTxt.Core.Extraction;
using LlmsTxt.Core.Rendering;
using LlmsTxt.Core.Urls;
using Microsoft.Extensions.Logging;

namespace LlmsTxt.Core.Crawling;

/// <summary>
/// One crawl, start to finish: robots.txt and the start page (alone: where it redirects decides the site's scope),
/// sitemap discovery, the dispatch loop over the <see cref="Frontier"/> (pages processed by <see cref="PageProcessor"/>),
/// Markdown twins, and the final selection. The cancellation token is passed to every step.
/// </summary>
internal sealed class CrawlRun(CrawlOptions options, HttpClient client, HostThrottle throttle, PageExtractor extractor, IPageRenderer? renderer,
    RobotsCache robotsCache, ILogger logger, TimeProvider time, CrawlRequest request, IProgress<CrawlEvent>? progress)
{
    private readonly CrawlOptions _options = options;
    private readonly ILogger _logger = logger;
    private readonly TimeProvider _time = time;
    private readonly CrawlRequest _request = request;
    private readonly UrlNormalizer _normalizer = new(options);
    private readonly PageFetcher _fetcher = new(client, options, throttle, time, logger);
    private readonly CrawlTally _tally = new(progress);
    private long _lastProgress;

    private int Target => _request.MaxPages + Math.Clamp(_request.ReservePages, 0, _request.MaxPages);
    private int MaxAttempts => _options.AttemptsPerPage * Target;

    public async Task<CrawlResult> RunAsync(CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_options.CrawlDeadline);
        var token = deadline.Token;
        var start = _normalizer.Normalize(_request.StartUrl)!;
        var site = new CrawlSite(start);
        var robots = new RobotsRules(_options, _fetcher, robotsCache, _tally, _logger);
        var renderSession = _request.RenderJs ? renderer?.OpenSession(new RenderSessionOptions(_options.Guard, _options.MaxConcurrencyPerHost)) : null;
        var content = new ContentProcessor(_options, extractor, renderSession, _normalizer, site, _tally, _logger);
        var pages = new PageProcessor(_options, _fetcher, robots, content, _normalizer, site, _tally, _logger);
        var frontier = new Frontier(Target, MaxAttempts, _options.MaxLinkDepth, maxPending: (MaxAttempts * 2) + 1000, _options.MaxPagesPerPattern);
        var sitemaps = SitemapSet.Empty;
        string? error = null;
        var cancelled = false;
        try
        {
            error = StartError(await robots.ForAsync(start, token).ConfigureAwait(false));
            if (error is null)
            {
                // The start page goes first and alone: where it redirects decides the site's scope.
                frontier.Offer(UrlIdentity.Key(start), start, CrawlPriority.Start);
                frontier.TryTake(out var home);
                var outcome = await pages.ProcessAsync(home, isStart: true, token).ConfigureAwait(false);
                frontier.Complete(home, outcome with { Links = [] });
                frontier.StartLanguage = outcome.Page?.Language?.Split('-')[0];
                frontier.AddLinks(home, outcome.Links);
                sitemaps = await DiscoverSitemapsAsync(site, robots, token).ConfigureAwait(false);
                for (var i = 0; i < sitemaps.Entries.Count; i++)
                {
                    var entry = sitemaps.Entries[i];
                    // After the start page's top-level links: a site's own table of contents decides which pages
                    // a limited budget reaches first; the sitemap adds the pages it does not link.
                    frontier.Offer(UrlIdentity.Key(entry.Url), entry.Url, CrawlPriority.Sitemap(i), entry.LastModified);
                }
                await RunLoopAsync(frontier, pages, _options.MaxConcurrencyPerHost, token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            cancelled = true;
            var why = cancellationToken.IsCancellationRequested ? "Crawl cancelled" : $"Crawl deadline of {_options.CrawlDeadline.TotalMinutes:0.#} min reached";
            Report(new LimitReachedEvent($"{why}; keeping the {frontier.Select().Count} pages fetched so far"));
        }
        finally
        {
            // The crawl's private browser context (cache, cookies, storage) ends with it.
            if (renderSession is not null)
            {
                await renderSession.DisposeAsync().ConfigureAwait(false);
            }
        }
        var ending = new Ending(site, robots, pages.StartFailure, sitemaps, error, cancelled, started);
        return await FinishAsync(frontier, ending, token).ConfigureAwait(false);
    }

    /// <summary>Fetches in key order with up to <paramref name="concurrency"/> requests in flight until the selection is settled.</summary>
    private async Task RunLoopAsync(Frontier frontier, PageProcessor pages, int concurrency, CancellationToken cancellationToken)
    {
        var inFlight = new Dictionary<Task<PageOutcome>, FrontierEntry>();
        using var work = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            while (true)
            {
                while (inFlight.Count < concurrency && frontier.TryTake(out var next))
                {
                    inFlight.Add(pages.ProcessAsync(next, isStart: false, work.Token), next);
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

    private async Task<SitemapSet> DiscoverSitemapsAsync(CrawlSite site, RobotsRules robots, CancellationToken cancellationToken)
    {
        var origin = new Uri(RobotsCache.Origin(site.Home) + "/");
        var verdict = await robots.ForAsync(origin, cancellationToken).ConfigureAwait(false);
        Uri? Keep(Uri url) => _normalizer.Normalize(url) is { } clean && site.Scope.Contains(clean) && _normalizer.Check(clean).Allowed ? clean : null;
        var set = await new SitemapDiscovery(_fetcher, _options, _logger)
            .DiscoverAsync(origin, verdict.Rules, Keep, MaxAttempts + 100, Report, cancellationToken).ConfigureAwait(false);
        if (set.Documents.Count == 0 && SitemapDiscovery.Declared(origin, verdict.Rules).Count == 0)
        {
            Report(new LimitReachedEvent("No sitemap found; following links breadth-first from the start page"));
        }
        return set;
    }

    /// <summary>What the crawl's steps left for its end.</summary>
    private sealed record Ending(CrawlSite Site, RobotsRules Robots, string? StartFailure, SitemapSet Sitemaps, string? Error, bool Cancelled, long Started);

    private async Task<CrawlResult> FinishAsync(Frontier frontier, Ending ending, CancellationToken cancellationToken)
    {
        var (site, robots, sitemaps, error, cancelled) = (ending.Site, ending.Robots, ending.Sitemaps, ending.Error, ending.Cancelled);
        var selected = frontier.Select(out var duplicates);
        ReportTraps(frontier, site);
        if (duplicates > 0)
        {
            _tally.Skip(SkipReason.Duplicate, duplicates);
        }
        var pages = selected
            .Select(e => new CrawledPage(e.Outcome!.Page!, e.Outcome.FinalUrl!, e.Outcome.Status, null, e.LastModified, e.Outcome.Rendered))
            .ToList();
        if (_options.CheckMarkdownTwins && !cancelled && pages.Count > 0)
        {
            // A twin's text stands in for the page's Markdown in llms-full.txt, so it is held to the same bound.
            int? keepTextUpTo = extractor.Options.ConvertMarkdown ? extractor.Options.MaxMarkdownChars : null;
            var checker = new MarkdownTwinChecker(_fetcher, _options, site.Scope, robots.IsAllowedAsync, keepTextUpTo);
            var twins = await checker.FindAsync(pages.Select(p => p.Url).ToList(), cancellationToken).ConfigureAwait(false);
            pages = pages.Select((p, i) => twins[i] is { } twin ? p with { MarkdownTwin = twin.Url, PackedTwinText = twin.Text } : p).ToList();
        }
        if (error is null && pages.Count == 0 && !cancelled)
        {
            error = ending.StartFailure is { } why
                ? (why.StartsWith("the start page", StringComparison.Ordinal) ? Sentence(why) + "." : $"The start page {_request.StartUrl} could not be fetched: {why}")
                : $"No listable page found at {_request.StartUrl} (see the log for each URL).";
        }
        if (error is not null)
        {
            _logger.LogWarning("Crawl of {Url} could not run: {Error}", _request.StartUrl, error);
        }
        var stats = new CrawlStats(_tally.Fetched, _tally.Failed, _tally.Skips, _tally.Rendered, _fetcher.Bytes, (int)_fetcher.Requests,
            _time.GetElapsedTime(ending.Started).TotalSeconds);
        Report(new CrawlSummaryEvent(stats, pages.Count));
        return new CrawlResult(_request.StartUrl, pages, sitemaps.Entries.Select(e => e.Url).ToList(), sitemaps.Documents,
            stats, error, cancelled);
    }

    /// <summary>Each stopped URL trap once, with its template, from the frontier's final state (the same on every run).</summary>
    private void ReportTraps(Frontier frontier, CrawlSite site)
    {
        foreach (var (family, held) in frontier.TrappedFamilies())
        {
            _tally.Skip(SkipReason.UrlTrap, held);
            Report(new LimitReachedEvent($"URL trap: stopped following links of the pattern {family} after {_options.MaxPagesPerPattern} pages that only lead to more pages like them (a calendar or endless pager)"));
            _logger.LogInformation("URL trap on {Site}: stopped following {Pattern} after {Max} pages", site.Home.Authority, family, _options.MaxPagesPerPattern);
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
        Report(new CrawlProgressEvent(_tally.Fetched, _tally.Failed, frontier.Queued + frontier.InFlight, _request.MaxPages));
    }

    private void Report(CrawlEvent crawlEvent) => _tally.Report(crawlEvent);
}
