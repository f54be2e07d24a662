using System.Runtime.CompilerServices;
using LlmsTxt.Core.Extraction;
using Microsoft.Extensions.Logging;

namespace LlmsTxt.Core.Crawling;

/// <summary>
/// Processing one URL of a crawl: robots.txt, the request (<see cref="PageFetcher"/>: redirects checked hop by hop,
/// limits, retries), then the content (<see cref="ContentProcessor"/>); every outcome counted in the tally.
/// </summary>
internal sealed class PageProcessor(CrawlOptions options, PageFetcher fetcher, RobotsRules robots, ContentProcessor content, UrlNormalizer normalizer,
    CrawlSite site, CrawlTally tally, ILogger logger)
{
    private readonly CrawlOptions _options = options;
    private readonly PageFetcher _fetcher = fetcher;
    private readonly RobotsRules _robots = robots;
    private readonly ContentProcessor _content = content;
    private readonly UrlNormalizer _normalizer = normalizer;
    private readonly CrawlSite _site = site;
    private readonly CrawlTally _tally = tally;
    private readonly ILogger _logger = logger;

    /// <summary>Why the start page could not be used, when it could not (in plain words).</summary>
    public string? StartFailure { get; private set; }

    public async Task<PageOutcome> ProcessAsync(FrontierEntry entry, bool isStart, CancellationToken cancellationToken)
    {
        var url = entry.Url;
        try
        {
            if (!await _robots.IsAllowedAsync(url, cancellationToken).ConfigureAwait(false))
            {
                _tally.SkipOnce(url, entry.Identity, SkipReason.RobotsDisallowed, "disallowed by robots.txt");
                return new PageOutcome(OutcomeKind.NotAttempted) { SkipReason = SkipReason.RobotsDisallowed };
            }
            var fetch = new FetchRequest(url, _options.MaxPageBytes) { HopCheck = (u, c) => CheckHopAsync(u, isStart, c), AcceptContentType = IsHtml, Report = _tally.Report };
            var result = await _fetcher.FetchAsync(fetch, cancellationToken).ConfigureAwait(false);
            if (Unusable(result, entry, isStart) is { } unusable)
            {
                return unusable;
            }
            _tally.Report(new PageFetchedEvent(result.FinalUrl, result.Status, result.Elapsed, result.Body.Length) { CutAt = result.Truncated ? _options.MaxPageBytes : null });
            var final = HashRoute.Carry(url, _normalizer.Normalize(result.FinalUrl) ?? result.FinalUrl);
            if (isStart)
            {
                _site.Rebase(final, _logger);
            }
            var (status, robotsTag) = (result.Status, result.RobotsTag);
            var holder = new StrongBox<FetchResult>(result);
            result = null!;
            var (page, rendered, links) = await _content.ReadAsync(holder, final, isStart, cancellationToken).ConfigureAwait(false);
            if (page.NoIndex || _content.HasToken(robotsTag, "noindex"))
            {
                _tally.SkipOnce(final, entry.Identity, SkipReason.NoIndex, "marked noindex");
                return new PageOutcome(OutcomeKind.NotListed) { FinalUrl = final, Status = status, SkipReason = SkipReason.NoIndex, Links = links };
            }
            _tally.CountFetched();
            return new PageOutcome(OutcomeKind.Listed)
            {
                Language = isStart ? null : page.Language?.Split('-')[0],
                // Only the start page's links order the file (SiteOrder); the others are followed and let go.
                Page = isStart ? page : page with { Links = [] },
                FinalUrl = final,
                Status = status,
                Identity = _content.IdentityOf(page, final),
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
                _tally.SkipOnce(entry.Url, entry.Identity, reason, result.Error ?? "redirect refused");
                if (isStart)
                {
                    StartFailure = reason == SkipReason.RefusedAddress ? "the start page " + result.Error : result.Error;
                }
                return new PageOutcome(OutcomeKind.NotListed) { SkipReason = reason, Status = result.Status };
            case FetchOutcome.WrongContentType:
                _tally.SkipOnce(entry.Url, entry.Identity, SkipReason.NotHtml, $"Content-Type {result.ContentType} is not HTML");
                return new PageOutcome(OutcomeKind.NotListed) { SkipReason = SkipReason.NotHtml, Status = result.Status };
        }
        return result.Status is >= 200 and < 300 ? null : Fail(entry.Url, isStart, result.Error ?? $"HTTP {result.Status}", result.Status);
    }

    private PageOutcome Fail(Uri url, bool isStart, string why, int status = 0)
    {
        _tally.CountFailed();
        _tally.Report(new PageFailedEvent(url, why));
        _logger.LogInformation("Failed {Url}: {Why}", url, why);
        if (isStart)
        {
            StartFailure = why;
        }
        return new PageOutcome(OutcomeKind.NotListed) { Failed = true, Status = status };
    }

    private async ValueTask<CrawlDecision> CheckHopAsync(Uri next, bool isStart, CancellationToken cancellationToken)
    {
        if (_normalizer.Normalize(next) is not { } clean)
        {
            return CrawlDecision.Skip(SkipReason.BadUrl, "not an http(s) URL");
        }
        if (!isStart && !_site.Scope.Contains(clean))
        {
            return CrawlDecision.Skip(SkipReason.OffSiteRedirect, "outside the site");
        }
        var check = _normalizer.Check(clean);
        if (!check.Allowed)
        {
            return check;
        }
        if (isStart && !_options.AllowPrivateNetworks && await PrivateTargetAsync(clean, cancellationToken).ConfigureAwait(false) is { } refusal)
        {
            // Only the start page may leave the site. Checked before robots.txt: the private host's robots.txt
            // must not be fetched, nor blamed. (Every connection is vetted again when it is made.)
            return refusal;
        }
        return await _robots.IsAllowedAsync(clean, cancellationToken).ConfigureAwait(false)
            ? CrawlDecision.Allow
            : CrawlDecision.Skip(SkipReason.RobotsDisallowed, "disallowed by robots.txt");
    }

    /// <summary>A redirect target that is, or resolves to, a non-public address (the connection guard would refuse it too).</summary>
    private async ValueTask<CrawlDecision?> PrivateTargetAsync(Uri url, CancellationToken cancellationToken)
    {
        try
        {
            await _options.Guard.ResolveAsync(url.IdnHost, cancellationToken).ConfigureAwait(false);
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
}
