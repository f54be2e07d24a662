using System.Globalization;
using LlmsTxt.Core.Generation;
using LlmsTxt.Server.Publishing;

namespace LlmsTxt.Server.Sites;

/// <summary>
/// Enrols a site for automatic updates after a socket crawl with <c>enableAutoUpdate</c>: upsert by base URL with
/// the crawl's settings and what its publication recorded (hash, hosted URLs, newest sitemap <c>lastmod</c> and the
/// sentinel sitemap holding it), so the first scheduled pass can already skip an unchanged site; with LLM
/// enhancement, its descriptions too, so the first recrawl asks the model only about pages that changed.
/// </summary>
public sealed partial class SiteEnroller(SiteRegistry registry, TimeProvider timeProvider, ILogger<SiteEnroller> logger, SiteLlmMemory? llmMemory = null) : IAutoUpdates
{
    /// <inheritdoc/>
    async Task<EnrolmentAnswer> IAutoUpdates.EnrolAsync(Publication publication, AutoUpdateRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return new EnrolmentAnswer(true, Describe(await EnrolAsync(publication, request, cancellationToken)));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogEnrolFailed(logger, ex, publication.Result.BaseUrl.AbsoluteUri);
            return new EnrolmentAnswer(false, "Automatic updates could not be turned on (the server log has details); the file was hosted once.");
        }
    }

    /// <summary>Writes the site's row from <paramref name="publication"/> with the request's settings; returns the row.</summary>
    public async Task<CrawlSite> EnrolAsync(Publication publication, AutoUpdateRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(publication);
        ArgumentNullException.ThrowIfNull(request);
        var range = CrawlLimits.Contract.RecrawlIntervalMinutes;
        if (request.RecrawlInterval < TimeSpan.FromMinutes(range.Min) || request.RecrawlInterval > TimeSpan.FromMinutes(range.Max))
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.RecrawlInterval, $"recrawlIntervalMinutes must be {range.Describe()}.");
        }

        // Only a stored complete file is a baseline: otherwise leave the hash empty so the first pass crawls and uploads.
        var complete = publication.Kind == PublicationKind.Hosted && !publication.Result.Partial;
        var state = publication.State;
        var site = await registry.EnrolAsync(new SiteEnrolment
        {
            BaseUrl = publication.Result.BaseUrl.AbsoluteUri,
            Settings = request.Settings,
            RecrawlInterval = request.RecrawlInterval,
            ContentHash = complete ? state.Hash : null,
            HostedUrl = publication.Hosted.Url?.AbsoluteUri,
            HostedFullUrl = publication.Hosted.FullUrl?.AbsoluteUri,
            SitemapLastModified = complete ? state.Sitemaps.NewestLastModified : null,
            // Stored even for a partial result: it only says where to look, not what was seen.
            SitemapUrl = state.SitemapUrlOr(known: null),
            WebhookSecret = request.WebhookSecret,
            CrawledAt = complete ? timeProvider.GetUtcNow() : null,
        }, cancellationToken);
        if (llmMemory is not null && request.Settings.LlmEnhance && publication.Result.EnhancementMemory is { IsEmpty: false } learned)
            await llmMemory.PutAsync(site.BaseUrl, learned, cancellationToken);
        LogEnrolled(logger, site.BaseUrl, site.NextCrawlAt);
        return site;
    }

    /// <summary>The line shown to the person who enrolled the site.</summary>
    public static string Describe(CrawlSite site) =>
        string.Create(CultureInfo.InvariantCulture,
            $"Automatic updates are on for {site.BaseUrl}: next crawl at {site.NextCrawlAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC, then every {FormatInterval(site.RecrawlInterval)}.")
        + (string.IsNullOrEmpty(site.WebhookSecret) ? "" : " POST /internal/hooks/site-changed with your webhook secret to recrawl sooner.");

    internal static string FormatInterval(TimeSpan interval) => interval switch
    {
        { TotalDays: >= 1 } when interval.TotalDays % 1 == 0 => $"{interval.TotalDays:0} day{(interval.TotalDays == 1 ? "" : "s")}",
        { TotalHours: >= 1 } when interval.TotalHours % 1 == 0 => $"{interval.TotalHours:0} hour{(interval.TotalHours == 1 ? "" : "s")}",
        _ => $"{interval.TotalMinutes:0} minutes",
    };

    [LoggerMessage(LogLevel.Information, "Site {BaseUrl} enrolled for automatic updates; next crawl at {NextCrawlAt:u}")]
    private static partial void LogEnrolled(ILogger logger, string baseUrl, DateTimeOffset nextCrawlAt);

    [LoggerMessage(LogLevel.Error, "Enrolling {BaseUrl} for automatic updates failed")]
    private static partial void LogEnrolFailed(ILogger logger, Exception exception, string baseUrl);
}
