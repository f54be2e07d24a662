using System.Globalization;
using LlmsTxt.Core.Generation;
using LlmsTxt.Server.Publishing;

namespace LlmsTxt.Server.Sites;

/// <summary>
/// Enrols a site for automatic updates after a socket crawl with <c>enableAutoUpdate</c>: upsert
/// by base URL with the crawl's settings, hash, hosted URLs, newest sitemap <c>lastmod</c> and the sentinel sitemap holding it, so
/// the first scheduled pass can already skip an unchanged site; with LLM enhancement, its descriptions too, so the
/// first recrawl asks the model only about pages that changed.
/// </summary>
public sealed partial class SiteEnroller(SiteRegistry registry, TimeProvider timeProvider, ILogger<SiteEnroller> logger, SiteLlmMemory? llmMemory = null) : IAutoUpdates
{
    /// <inheritdoc/>
    public async Task<string> EnableAsync(GenerationResult result, AutoUpdateRequest request, HostedFiles hosted, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(hosted);
        var site = await EnrolAsync(result, request.Settings, request.RecrawlInterval, hosted.Url?.AbsoluteUri, hosted.FullUrl?.AbsoluteUri, request.WebhookSecret, cancellationToken);
        return Describe(site);
    }

    /// <param name="result">The generation just run (and hosted).</param>
    /// <param name="settings">The request's settings, reused by every recrawl.</param>
    /// <param name="recrawlInterval">The request's <c>recrawlIntervalMinutes</c> (60-43200 minutes).</param>
    /// <param name="hostedUrl">Public URL of the hosted llms.txt; null when hosting failed (then the site is due at once).</param>
    /// <param name="hostedFullUrl">Public URL of llms-full.txt, if hosted.</param>
    /// <param name="webhookSecret">Secret the site-changed webhook must present; null keeps an existing one.</param>
    public async Task<CrawlSite> EnrolAsync(
        GenerationResult result,
        SiteSettings settings,
        TimeSpan recrawlInterval,
        string? hostedUrl,
        string? hostedFullUrl,
        string? webhookSecret = null,
        CancellationToken cancellationToken = default)
    {
        var range = CrawlLimits.Contract.RecrawlIntervalMinutes;
        if (recrawlInterval < TimeSpan.FromMinutes(range.Min) || recrawlInterval > TimeSpan.FromMinutes(range.Max))
        {
            throw new ArgumentOutOfRangeException(nameof(recrawlInterval), recrawlInterval, $"recrawlIntervalMinutes must be {range.Describe()}.");
        }

        // A partial or unhosted result is no baseline: leave the hash empty so the first pass crawls and uploads.
        var complete = hostedUrl is not null && !result.Partial;
        var state = SiteCrawlState.Of(result);
        var site = await registry.EnrolAsync(new SiteEnrolment
        {
            BaseUrl = result.BaseUrl.AbsoluteUri,
            Settings = settings,
            RecrawlInterval = recrawlInterval,
            ContentHash = complete ? state.Hash : null,
            HostedUrl = hostedUrl,
            HostedFullUrl = hostedFullUrl,
            SitemapLastModified = complete ? state.Sitemaps.NewestLastModified : null,
            // Stored even for a partial result: it only says where to look, not what was seen.
            SitemapUrl = state.SitemapUrlOr(known: null),
            WebhookSecret = webhookSecret,
            CrawledAt = complete ? timeProvider.GetUtcNow() : null,
        }, cancellationToken);
        if (llmMemory is not null && settings.LlmEnhance && result.EnhancementMemory is { IsEmpty: false } learned)
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
}
