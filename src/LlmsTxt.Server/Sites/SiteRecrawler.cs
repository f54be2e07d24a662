using LlmsTxt.Core.Generation;
using LlmsTxt.Server.Pipeline;
using LlmsTxt.Server.Publishing;
using Microsoft.Extensions.Options;

namespace LlmsTxt.Server.Sites;

public enum RecrawlKind
{
    /// <summary>The sitemap's newest lastmod hadn't moved: nothing but sitemaps was fetched.</summary>
    Skipped,
    /// <summary>Crawled; same hash, nothing uploaded (unless a hosted file had gone missing from the store: then it is put back).</summary>
    Unchanged,
    /// <summary>Crawled; new hash, files uploaded.</summary>
    Updated,
    Failed,
}

public sealed record RecrawlOutcome(string BaseUrl, RecrawlKind Kind, DateTimeOffset NextCrawlAt, string? Error = null, bool Recorded = true);

/// <summary>
/// One scheduled crawl of one leased site: sitemap check, generation, upload when the hash
/// changed, next time from <see cref="RecrawlPolicy"/>; the result is written back fenced on the lease.
/// </summary>
public sealed partial class SiteRecrawler(
    SiteRegistry registry,
    ISiteGenerator generator,
    SitemapProbe probe,
    SitePublisher publisher,
    IOptions<SchedulerOptions> options,
    TimeProvider timeProvider,
    ILogger<SiteRecrawler> logger,
    IdleMemoryTrim? memoryTrim = null)
{
    private SchedulerOptions Options => options.Value;

    public async Task<RecrawlOutcome> ProcessAsync(CrawlSite site, string owner, CancellationToken cancellationToken = default)
    {
        var skip = await TrySkipAsync(site, cancellationToken);
        if (skip is not null)
        {
            return await FinishAsync(site, owner, RecrawlKind.Skipped, skip, null, cancellationToken);
        }

        // A skipped site crawled nothing: only a crawl counts as a generation for the idle trim.
        using var running = memoryTrim?.Begin();
        try
        {
            var result = await generator.GenerateAsync(site, cancellationToken);
            if (result.Stats.PagesListed == 0)
            {
                return await FailAsync(site, owner, "The crawl found no pages to list; the previous file was kept.", cancellationToken);
            }

            return await PublishAsync(site, owner, result, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // Stopping (shutdown or a lost lease) is not the site's failure; anything else is.
            var message = e is GenerationFailedException ? e.Message : $"{e.GetType().Name}: {e.Message}";
            LogFailed(logger, e, site.BaseUrl, message);
            return await FailAsync(site, owner, message, cancellationToken);
        }
    }

    /// <summary>Returns the update for a skip, or null when the site must be crawled.</summary>
    private async Task<SiteUpdate?> TrySkipAsync(CrawlSite site, CancellationToken cancellationToken)
    {
        // No file yet, or no lastmod to compare (never had one, or a webhook cleared it): crawl.
        if (site.LatestHash is null || site.SitemapLastModified is not { } known)
        {
            return null;
        }

        try
        {
            var sentinel = site.SitemapUrl is { } url && Uri.TryCreate(url, UriKind.Absolute, out var u) ? u : null;
            var seen = await probe.ProbeAsync(new Uri(site.BaseUrl), sentinel, cancellationToken);
            if (seen.NewestLastModified is not { } newest || newest > known)
            {
                return null;
            }

            if (!await publisher.HostedFilesPresentAsync(site.BaseUrl, site.LatestFullUrl is not null, cancellationToken))
            {
                // Someone deleted the file (or emptied the bucket): crawl so it can be put back.
                LogMissing(logger, site.BaseUrl);
                return null;
            }

            var now = timeProvider.GetUtcNow();
            return SiteUpdate.From(site) with
            {
                SitemapUrl = seen.SitemapUrl?.AbsoluteUri ?? site.SitemapUrl,
                NextCrawlAt = now + RecrawlPolicy.NextDelay(site, site.AverageChangeInterval, Options.Adaptive),
                LastError = null,
                ConsecutiveFailures = 0,
            };
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A broken sitemap is no reason to stop updating the site: crawl it instead.
            LogProbeFailed(logger, e, site.BaseUrl);
            return null;
        }
    }

    private async Task<RecrawlOutcome> PublishAsync(CrawlSite site, string owner, GenerationResult result, CancellationToken cancellationToken)
    {
        var pass = new ScheduledPass(this, site, owner);
        await publisher.PublishAsync(result, pass, cancellationToken);
        return pass.Outcome ?? throw new InvalidOperationException("The publication was not recorded.");
    }

    /// <summary>What a publication writes back for a scheduled pass (fenced on the lease).</summary>
    private SiteUpdate UpdateFor(CrawlSite site, Publication publication, DateTimeOffset now)
    {
        var state = publication.State;
        var update = SiteUpdate.From(site) with
        {
            LastCrawledAt = now,
            SitemapLastModified = state.Sitemaps.NewestLastModified,
            // The newest lastmod may now live in another sitemap of an index: follow it.
            SitemapUrl = state.SitemapUrlOr(site.SitemapUrl),
            LastError = null,
            ConsecutiveFailures = 0,
            Crawled = true,
            NextCrawlAt = now + RecrawlPolicy.NextDelay(site, site.AverageChangeInterval, Options.Adaptive),
        };
        switch (publication.Kind)
        {
            case PublicationKind.Unchanged:
                // Same key, so a URL already recorded stays right (it may be the server's own address).
                return update with
                {
                    LatestUrl = site.LatestUrl ?? publication.Hosted.Url?.AbsoluteUri,
                    LatestFullUrl = site.LatestFullUrl ?? publication.Hosted.FullUrl?.AbsoluteUri,
                };
            case PublicationKind.Kept:
                // The hosted file stays, so does the lastmod it was made from: the next pass must not skip the change.
                return update with { SitemapLastModified = site.SitemapLastModified, LastError = publication.KeptBecause };
            default:
                var average = RecrawlPolicy.AverageAfterChange(site, now);
                return update with
                {
                    LatestHash = state.Hash,
                    LatestUrl = publication.Hosted.Url!.AbsoluteUri,
                    LatestFullUrl = publication.Hosted.FullUrl?.AbsoluteUri ?? site.LatestFullUrl,
                    LastChangedAt = now,
                    AverageChangeInterval = average,
                    NextCrawlAt = now + RecrawlPolicy.NextDelay(site, average, Options.Adaptive),
                };
        }
    }

    /// <summary>
    /// A scheduled pass as a publishing target: republished on the origin it was enrolled from (so its hosted URL
    /// never moves, see <see cref="PublicUrlRule"/>), compared with the hash hosted now, and recorded on the lease.
    /// </summary>
    private sealed class ScheduledPass(SiteRecrawler recrawler, CrawlSite site, string owner) : IPublishTarget
    {
        public RecrawlOutcome? Outcome { get; private set; }

        public string? Origin { get; } = SitePublisher.OriginOf(site.BaseUrl, site.LatestUrl);

        public string? HostedHash => site.LatestHash;

        public ValueTask<string?> KeepHostedAsync(GenerationResult result, CancellationToken cancellationToken) =>
            recrawler.KeepHostedAsync(site, result, cancellationToken);

        public async Task<bool> RecordAsync(Publication publication, CancellationToken cancellationToken)
        {
            Outcome = await recrawler.RecordAsync(site, owner, publication, cancellationToken);
            return Outcome.Recorded;
        }
    }

    /// <summary>Why a scheduled pass keeps the hosted file although the crawl made a different one; null to replace it.</summary>
    private async ValueTask<string?> KeepHostedAsync(CrawlSite site, GenerationResult result, CancellationToken cancellationToken)
    {
        if (site.LatestHash is null)
            return null;
        // A crawl cut short by the deadline would replace a complete file with part of one.
        if (result.Partial)
            return "The crawl stopped early (deadline); the previous complete file was kept.";
        var suspect = SuspectShrink.Reason(generator.RendersJs(site), await publisher.HostedTextAsync(site.BaseUrl, cancellationToken), result);
        if (suspect is not null)
            LogSuspect(logger, site.BaseUrl, suspect);
        return suspect;
    }

    private Task<RecrawlOutcome> RecordAsync(CrawlSite site, string owner, Publication publication, CancellationToken cancellationToken) =>
        publication.Kind == PublicationKind.StoreFailed
            ? FailAsync(site, owner, "The new file could not be stored (the server log has details); the previous file was kept.", cancellationToken)
            : FinishAsync(site, owner, publication.Kind == PublicationKind.Hosted ? RecrawlKind.Updated : RecrawlKind.Unchanged,
                UpdateFor(site, publication, timeProvider.GetUtcNow()), null, cancellationToken);

    private Task<RecrawlOutcome> FailAsync(CrawlSite site, string owner, string error, CancellationToken cancellationToken)
    {
        var failures = site.ConsecutiveFailures + 1;
        var update = SiteUpdate.From(site) with
        {
            LastError = error,
            ConsecutiveFailures = failures,
            NextCrawlAt = timeProvider.GetUtcNow() + RecrawlPolicy.Backoff(failures, Options.Interval, site.RecrawlInterval),
            Crawled = true,
        };
        return FinishAsync(site, owner, RecrawlKind.Failed, update, error, cancellationToken);
    }

    private async Task<RecrawlOutcome> FinishAsync(CrawlSite site, string owner, RecrawlKind kind, SiteUpdate update, string? error, CancellationToken cancellationToken)
    {
        var recorded = await registry.CompleteAsync(site.Id, owner, update, cancellationToken);
        if (!recorded)
        {
            LogLeaseLost(logger, site.BaseUrl);
        }
        else
        {
            LogFinished(logger, site.BaseUrl, kind, update.NextCrawlAt);
        }

        return new RecrawlOutcome(site.BaseUrl, kind, update.NextCrawlAt, error, recorded);
    }

    [LoggerMessage(LogLevel.Information, "Recrawl of {BaseUrl}: {Kind}; next crawl at {NextCrawlAt:u}")]
    private static partial void LogFinished(ILogger logger, string baseUrl, RecrawlKind kind, DateTimeOffset nextCrawlAt);

    [LoggerMessage(LogLevel.Warning, "Recrawl of {BaseUrl} failed: {Error}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string baseUrl, string error);

    [LoggerMessage(LogLevel.Warning, "Hosted file of {BaseUrl} is missing from the store; crawling to put it back")]
    private static partial void LogMissing(ILogger logger, string baseUrl);

    [LoggerMessage(LogLevel.Warning, "Recrawl of {BaseUrl} kept the hosted file: {Reason}")]
    private static partial void LogSuspect(ILogger logger, string baseUrl, string reason);

    [LoggerMessage(LogLevel.Warning, "Sitemap check of {BaseUrl} failed; crawling instead")]
    private static partial void LogProbeFailed(ILogger logger, Exception exception, string baseUrl);

    [LoggerMessage(LogLevel.Warning, "Recrawl of {BaseUrl} finished after its lease was taken over; its result was not recorded")]
    private static partial void LogLeaseLost(ILogger logger, string baseUrl);
}
