using LlmsTxt.Core.Extraction;
using Microsoft.Extensions.Logging;

namespace LlmsTxt.Core.Crawling;

/// <summary>Processing one URL: robots.txt, fetch with checked redirects, one parse, optional rendering, links.</summary>
internal sealed partial class CrawlSession
{
    private async Task<PageOutcome> ProcessAsync(FrontierEntry entry, bool isStart, CancellationToken cancellationToken)
    {
        var url = entry.Url;
        try
        {
            if (!await IsRobotsAllowedAsync(url).ConfigureAwait(false))
            {
                SkipOnce(url, entry.Identity, SkipReason.RobotsDisallowed, "disallowed by robots.txt");
                return new PageOutcome(OutcomeKind.NotAttempted) { SkipReason = SkipReason.RobotsDisallowed };
            }
            var result = await _fetcher.FetchAsync(url, (u, c) => CheckHopAsync(u, isStart), IsHtml, _options.MaxPageBytes, Report, cancellationToken)
                .ConfigureAwait(false);
            if (Unusable(result, entry, isStart) is { } unusable)
            {
                return unusable;
            }
            Report(new PageFetchedEvent(result.FinalUrl, result.Status, result.Elapsed, result.Body.Length));
            var final = HashRoute.Carry(url, _normalizer.Normalize(result.FinalUrl) ?? result.FinalUrl);
            if (isStart)
            {
                Rebase(final);
            }
            var page = _extractor.Extract(result.Body.Span, final, result.Charset);
            var rendered = false;
            if (_renderSession is not null && page.WordCount < _options.RenderWordThreshold)
            {
                (page, rendered) = await RenderAsync(page, final, cancellationToken).ConfigureAwait(false);
            }
            var links = page.NoFollow || HasToken(result.RobotsTag, "nofollow") ? [] : FollowableLinks(page, rendered);
            if (page.NoIndex || HasToken(result.RobotsTag, "noindex"))
            {
                SkipOnce(final, entry.Identity, SkipReason.NoIndex, "marked noindex");
                return new PageOutcome(OutcomeKind.NotListed) { FinalUrl = final, Status = result.Status, SkipReason = SkipReason.NoIndex, Links = links };
            }
            Interlocked.Increment(ref _fetched);
            return new PageOutcome(OutcomeKind.Listed)
            {
                Page = page,
                FinalUrl = final,
                Status = result.Status,
                Identity = IdentityOf(page, final),
                Rendered = rendered,
                Links = links,
            };
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // HTML of any shape must never crash a crawl: the page fails, the crawl goes on.
            _logger.LogWarning(ex, "Processing {Url} failed", url);
            return Fail(url, isStart, $"could not be processed ({ex.Message})");
        }
    }

    private PageOutcome? Unusable(FetchResult result, FrontierEntry entry, bool isStart)
    {
        switch (result.Outcome)
        {
            case FetchOutcome.Refused or FetchOutcome.Failed:
                return Fail(entry.Url, isStart, result.Error ?? "failed");
            case FetchOutcome.RedirectRefused:
                var reason = result.RedirectReason ?? SkipReason.TooManyRedirects;
                SkipOnce(entry.Url, entry.Identity, reason, result.Error ?? "redirect refused");
                if (isStart)
                {
                    _startFailure = result.Error;
                }
                return new PageOutcome(OutcomeKind.NotListed) { SkipReason = reason, Status = result.Status };
            case FetchOutcome.WrongContentType:
                SkipOnce(entry.Url, entry.Identity, SkipReason.NotHtml, $"Content-Type {result.ContentType} is not HTML");
                return new PageOutcome(OutcomeKind.NotListed) { SkipReason = SkipReason.NotHtml, Status = result.Status };
        }
        return result.Status is >= 200 and < 300 ? null : Fail(entry.Url, isStart, $"HTTP {result.Status}", result.Status);
    }

    private PageOutcome Fail(Uri url, bool isStart, string why, int status = 0)
    {
        Interlocked.Increment(ref _failed);
        Report(new PageFailedEvent(url, why));
        _logger.LogInformation("Failed {Url}: {Why}", url, why);
        if (isStart)
        {
            _startFailure = why;
        }
        return new PageOutcome(OutcomeKind.NotListed) { Failed = true, Status = status };
    }

    /// <summary>
    /// After the start page: a redirect out of scope moves the crawl with it (http://a → https://www.b,
    /// /docs → /documentation/).
    /// </summary>
    private void Rebase(Uri final)
    {
        _home = final;
        if (!_scope.Contains(final))
        {
            var moved = CrawlScope.From(final);
            // A whole-site request stays whole-site on the new host; a path request follows the new path.
            _scope = moved with { PathPrefix = _scope.PathPrefix == "/" ? "/" : moved.PathPrefix };
            _logger.LogInformation("Start page moved to {Url}; crawling there", final);
        }
    }

    private async Task<(Page Page, bool Rendered)> RenderAsync(Page page, Uri url, CancellationToken cancellationToken)
    {
        try
        {
            var rendered = await _renderSession!.RenderAsync(url, cancellationToken).ConfigureAwait(false);
            if (rendered is null)
            {
                return (page, false);
            }
            var renderedUrl = _normalizer.Normalize(rendered.FinalUrl) is { } r && _scope.Contains(r) ? HashRoute.Carry(rendered.FinalUrl, r) : url;
            var better = _extractor.Extract(rendered.Html, renderedUrl);
            Interlocked.Increment(ref _rendered);
            Report(new PageRenderedEvent(url, page.WordCount, better.WordCount));
            _logger.LogInformation("Rendered {Url}: {Before} words static, {After} rendered", url, page.WordCount, better.WordCount);
            return better.WordCount >= page.WordCount ? (better, true) : (page, false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.LogWarning(ex, "Rendering {Url} failed; keeping the static HTML", url);
            return (page, false);
        }
    }

    /// <param name="rendered">Links of a rendered page keep their hash routes (each route is a page of a single-page site).</param>
    private List<(string Identity, Uri Url)> FollowableLinks(Page page, bool rendered)
    {
        var links = new List<(string, Uri)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var link in page.Links)
        {
            if (_normalizer.Normalize(link.Url) is not { } clean)
            {
                continue;
            }
            var url = rendered ? HashRoute.Carry(link.Url, clean) : clean;
            var identity = UrlNormalizer.IdentityKey(url) + HashRoute.Of(url);
            if (!seen.Add(identity))
            {
                continue;
            }
            if (!_scope.Contains(url))
            {
                // Counted, not announced: every page links off-site and the log would drown.
                if (_skipped.TryAdd(identity, 0))
                {
                    _skips.AddOrUpdate(SkipReason.OutOfScope, 1, (_, n) => n + 1);
                }
                continue;
            }
            var decision = _normalizer.Check(url);
            if (!decision.Allowed)
            {
                SkipOnce(url, identity, decision.Reason, decision.Detail);
                continue;
            }
            links.Add((identity, url));
        }
        return links;
    }

    /// <summary>
    /// The de-duplication identity: the in-site canonical URL when there is one, else the final URL. A
    /// canonical pointing at the home page from a deeper page is a common template mistake and is ignored
    /// (trusting it would collapse the whole site into one page).
    /// </summary>
    private string IdentityOf(Page page, Uri final)
    {
        if (HashRoute.Of(final) is { Length: > 0 } route)
        {
            // Every route shares the shell's canonical link; the route is what tells the pages apart.
            return UrlNormalizer.IdentityKey(final) + route;
        }
        if (page.CanonicalUrl is { } canonical && _normalizer.Normalize(canonical) is { } clean && _scope.SameSite(clean)
            && !(clean.AbsolutePath == "/" && final.AbsolutePath != "/"))
        {
            return UrlNormalizer.IdentityKey(clean);
        }
        return UrlNormalizer.IdentityKey(final);
    }

    private async ValueTask<CrawlDecision> CheckHopAsync(Uri next, bool isStart)
    {
        if (_normalizer.Normalize(next) is not { } clean)
        {
            return CrawlDecision.Skip(SkipReason.BadUrl, "not an http(s) URL");
        }
        if (!isStart && !_scope.Contains(clean))
        {
            return CrawlDecision.Skip(SkipReason.OffSiteRedirect, "outside the site");
        }
        var check = _normalizer.Check(clean);
        if (!check.Allowed)
        {
            return check;
        }
        return await IsRobotsAllowedAsync(clean).ConfigureAwait(false)
            ? CrawlDecision.Allow
            : CrawlDecision.Skip(SkipReason.RobotsDisallowed, "disallowed by robots.txt");
    }

    private static bool IsHtml(string? mediaType) =>
        mediaType is null || mediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase) || mediaType.Equals("application/xhtml+xml", StringComparison.OrdinalIgnoreCase);

    /// <summary>X-Robots-Tag: "noindex", "none", or "ourbot: noindex"; directives for other bots are ignored.</summary>
    private bool HasToken(string? header, string directive)
    {
        if (string.IsNullOrEmpty(header))
        {
            return false;
        }
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var value = part;
            var colon = part.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                var agent = part[..colon].Trim();
                if (!agent.Equals(_options.RobotsProductToken, StringComparison.OrdinalIgnoreCase) && agent != "*")
                {
                    continue;
                }
                value = part[(colon + 1)..].Trim();
            }
            if (value.Equals(directive, StringComparison.OrdinalIgnoreCase) || value.Equals("none", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }

    private void SkipOnce(Uri url, string identity, SkipReason reason, string detail)
    {
        if (_skipped.TryAdd(identity, 0))
        {
            _skips.AddOrUpdate(reason, 1, (_, n) => n + 1);
            Report(new PageSkippedEvent(url, reason, detail));
        }
    }
}
