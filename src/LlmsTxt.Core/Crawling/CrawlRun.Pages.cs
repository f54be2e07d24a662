using System.Runtime.CompilerServices;
using LlmsTxt.Core.Extraction;
using Microsoft.Extensions.Logging;

namespace LlmsTxt.Core.Crawling;

/// <summary>Processing one URL: robots.txt, fetch with checked redirects, one parse, optional rendering, links.</summary>
internal sealed partial class CrawlRun
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
            var fetch = new FetchRequest(url, _options.MaxPageBytes) { HopCheck = (u, c) => CheckHopAsync(u, isStart), AcceptContentType = IsHtml, Report = Report };
            var result = await _fetcher.FetchAsync(fetch, cancellationToken).ConfigureAwait(false);
            if (Unusable(result, entry, isStart) is { } unusable)
            {
                return unusable;
            }
            Report(new PageFetchedEvent(result.FinalUrl, result.Status, result.Elapsed, result.Body.Length) { CutAt = result.Truncated ? _options.MaxPageBytes : null });
            var final = HashRoute.Carry(url, _normalizer.Normalize(result.FinalUrl) ?? result.FinalUrl);
            if (isStart)
            {
                Rebase(final);
            }
            var holder = new StrongBox<FetchResult>(result);
            result = null!;
            var page = ExtractReleasing(holder, final);
            result = holder.Value!;
            var rendered = false;
            if (_renderSession is not null && page.WordCount < _options.RenderWordThreshold)
            {
                (page, rendered) = await RenderAsync(page, final, cancellationToken).ConfigureAwait(false);
            }
            if (page.ElementsCut)
            {
                Report(new LimitReachedEvent($"{final}: page cut at {PageCut.MaxElements:N0} HTML elements or {LinkCollector.MaxLinks:N0} links (only the part before was read)"));
                _logger.LogInformation("{Url} has more than {Elements} elements or {Links} links; page cut there", final, PageCut.MaxElements, LinkCollector.MaxLinks);
            }
            if (page.LinksDropped > 0)
            {
                Report(new LimitReachedEvent($"{final} has more than {page.Links.Count:N0} links ({page.Links.Count + page.LinksDropped:N0} counted); only the first {page.Links.Count:N0} were read"));
                _logger.LogInformation("{Url} has {Dropped} links beyond the first {Kept}; not read", final, page.LinksDropped, page.Links.Count);
            }
            var links = page.NoFollow || HasToken(result.RobotsTag, "nofollow") ? [] : FollowableLinks(page, final, rendered);
            links = WithOutlineLevels(page, links, isStart);
            if (page.NoIndex || HasToken(result.RobotsTag, "noindex"))
            {
                SkipOnce(final, entry.Identity, SkipReason.NoIndex, "marked noindex");
                return new PageOutcome(OutcomeKind.NotListed) { FinalUrl = final, Status = result.Status, SkipReason = SkipReason.NoIndex, Links = links };
            }
            Interlocked.Increment(ref _fetched);
            return new PageOutcome(OutcomeKind.Listed)
            {
                Language = isStart ? null : page.Language?.Split('-')[0],
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

    /// <summary>
    /// Decodes the body, drops the bytes, then parses: a page at the size cap is held as bytes, text and DOM
    /// one after another rather than all at once.
    /// </summary>
    private Page ExtractReleasing(StrongBox<FetchResult> holder, Uri final)
    {
        var html = PageExtractor.Decode(holder.Value!.Body.Span, holder.Value.Charset, out var cut);
        holder.Value = holder.Value with { Body = default };
        var page = _extractor.Extract(html, final);
        return cut ? page with { ElementsCut = true } : page;
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
                    _startFailure = reason == SkipReason.RefusedAddress ? "the start page " + result.Error : result.Error;
                }
                return new PageOutcome(OutcomeKind.NotListed) { SkipReason = reason, Status = result.Status };
            case FetchOutcome.WrongContentType:
                SkipOnce(entry.Url, entry.Identity, SkipReason.NotHtml, $"Content-Type {result.ContentType} is not HTML");
                return new PageOutcome(OutcomeKind.NotListed) { SkipReason = SkipReason.NotHtml, Status = result.Status };
        }
        return result.Status is >= 200 and < 300 ? null : Fail(entry.Url, isStart, result.Error ?? $"HTTP {result.Status}", result.Status);
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

    /// <summary>
    /// Page-budget rule: on a page with navigation trees (a TOC, a sidebar), a link is keyed as deep as it sits in
    /// those trees (a chapter's sections one level below its chapters), and prose links one level below the trees'
    /// top entries, so a limited budget reaches the site's outline breadth first rather than what prose mentions.
    /// Returns the links with their extra levels; unchanged when the page has no trees (every link counts the same).
    /// </summary>
    private List<FoundLink> WithOutlineLevels(Page page, List<FoundLink> links, bool isStart)
    {
        var depth = new Dictionary<string, int>(StringComparer.Ordinal);
        void Visit(IEnumerable<Understanding.NavNode> nodes, int level)
        {
            foreach (var node in nodes)
            {
                if (node.Url is not null && _normalizer.Normalize(node.Url) is { } url)
                {
                    var key = UrlNormalizer.IdentityKey(url);
                    depth[key] = Math.Min(depth.GetValueOrDefault(key, int.MaxValue), level);
                }
                Visit(node.Children, node.Url is null ? level : level + 1);
            }
        }
        foreach (var tree in page.Structure.Trees)
        {
            Visit(tree.Roots, 0);
        }
        if (depth.Count == 0)
        {
            return links;
        }
        if (isStart)
        {
            Visit(page.Structure.BodyLinks, 0);
        }
        return links.Select(l => l with { Level = depth.TryGetValue(l.Identity, out var d) ? d : 1 }).ToList();
    }

    /// <param name="rendered">Links of a rendered page keep their hash routes (each route is a page of a single-page site).</param>
    private List<FoundLink> FollowableLinks(Page page, Uri pageUrl, bool rendered)
    {
        var links = new List<FoundLink>();
        var template = UrlTemplates.Of(pageUrl);
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
            // Step links of a trap's shape are offered with their family; the frontier decides, in priority order.
            links.Add(new FoundLink(identity, url, Family: UrlTemplates.StepFamily(pageUrl, template, url)));
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
        if (isStart && !_options.AllowPrivateNetworks && await PrivateTargetAsync(clean).ConfigureAwait(false) is { } refusal)
        {
            // Only the start page may leave the site. Checked before robots.txt: the private host's robots.txt
            // must not be fetched, nor blamed. (Every connection is vetted again when it is made.)
            return refusal;
        }
        return await IsRobotsAllowedAsync(clean).ConfigureAwait(false)
            ? CrawlDecision.Allow
            : CrawlDecision.Skip(SkipReason.RobotsDisallowed, "disallowed by robots.txt");
    }

    /// <summary>A redirect target that is, or resolves to, a non-public address (the connection guard would refuse it too).</summary>
    private async ValueTask<CrawlDecision?> PrivateTargetAsync(Uri url)
    {
        try
        {
            await _options.Guard.ResolveAsync(url.IdnHost, _token).ConfigureAwait(false);
            return null;
        }
        catch (RefusedAddressException refused)
        {
            return CrawlDecision.Skip(SkipReason.RefusedAddress,
                $"redirects to {refused.Address}, a {AddressClassifier.Classify(refused.Address)} address, which this server does not fetch");
        }
        catch (Exception ex) when (ex is System.Net.Sockets.SocketException or IOException)
        {
            // An unknown host is reported by the fetch itself, in its own words.
            return null;
        }
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
