using LlmsTxt.Server.Web;
using System.Text.Json.Serialization;
using LlmsTxt.Core.Urls;
using LlmsTxt.Server.Auth;
using LlmsTxt.Server.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace LlmsTxt.Server.Sites;

/// <summary>GET /api/sites and DELETE /api/sites?base_url=: the enrolled sites, for their owner (X-API-Key).</summary>
public static class SitesApi
{
    public static IEndpointRouteBuilder MapSites(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/sites")
            .WithTags("Sites")
            .RequireRateLimiting(AuthFailureLimiter.PolicyName);
        group.MapGet("", ListAsync)
            .Produces<ErrorDetail>(StatusCodes.Status401Unauthorized)
            .WithName("ListSites")
            .WithSummary("Enrolled sites with last crawl, next crawl, last change, hosted URL and last error (header X-API-Key).");
        group.MapDelete("", RemoveAsync)
            .Produces<ErrorDetail>(StatusCodes.Status401Unauthorized)
            .WithName("RemoveSite")
            .WithSummary("Stop automatic updates of a site; delete_files=true also deletes its hosted files.")
            .Produces<ErrorDetail>(StatusCodes.Status404NotFound);
        return routes;
    }

    internal static async Task<Results<Ok<SiteList>, JsonHttpResult<ErrorDetail>>> ListAsync(
        [FromHeader(Name = "X-API-Key")] string? apiKey,
        HttpContext context,
        ApiKeyVerifier verifier,
        AuthFailureLimiter failures,
        SiteRegistry registry,
        int? limit,
        int? offset,
        CancellationToken cancellationToken)
    {
        if (Refuse(apiKey, context, verifier, failures) is { } refused)
        {
            return refused;
        }

        if (limit is < 1 or > 1000 || offset is < 0)
        {
            return TypedResults.Json(new ErrorDetail("limit must be from 1 to 1000 and offset 0 or more."), ServerJson.Default.ErrorDetail, statusCode: StatusCodes.Status400BadRequest);
        }

        var sites = await registry.ListAsync(limit ?? 100, offset ?? 0, cancellationToken);
        var total = await registry.CountAsync(cancellationToken);
        return TypedResults.Ok(new SiteList(total, sites.Select(SiteView.From).ToList()));
    }

    internal static async Task<Results<Ok<SiteRemoved>, JsonHttpResult<ErrorDetail>>> RemoveAsync(
        [FromHeader(Name = "X-API-Key")] string? apiKey,
        [FromQuery(Name = "base_url")] string? baseUrl,
        [FromQuery(Name = "delete_files")] bool? deleteFiles,
        HttpContext context,
        ApiKeyVerifier verifier,
        AuthFailureLimiter failures,
        SiteRegistry registry,
        IFileStore store,
        CancellationToken cancellationToken)
    {
        if (Refuse(apiKey, context, verifier, failures) is { } refused)
        {
            return refused;
        }

        if (UrlIdentity.SiteKey(baseUrl) is not { } normalized)
        {
            return TypedResults.Json(new ErrorDetail("base_url is required and must be an absolute http(s) URL."), ServerJson.Default.ErrorDetail, statusCode: StatusCodes.Status400BadRequest);
        }

        if (!await registry.RemoveAsync(normalized, cancellationToken))
        {
            return TypedResults.Json(new ErrorDetail("Site not enrolled"), ServerJson.Default.ErrorDetail, statusCode: StatusCodes.Status404NotFound);
        }

        var filesDeleted = false;
        if (deleteFiles == true)
        {
            filesDeleted = await store.DeleteAsync(StorageKeys.LlmsTxt(normalized), cancellationToken);
            await store.DeleteAsync(StorageKeys.LlmsFullTxt(normalized), cancellationToken);
        }

        return TypedResults.Ok(new SiteRemoved("deleted", normalized, filesDeleted));
    }

    /// <summary>401 unless X-API-Key matches API_KEY (also when no key is configured); failures count toward the 429 limit.</summary>
    private static JsonHttpResult<ErrorDetail>? Refuse(string? apiKey, HttpContext context, ApiKeyVerifier verifier, AuthFailureLimiter failures)
    {
        if (verifier.Matches(apiKey))
        {
            return null;
        }

        if (verifier.IsConfigured)
        {
            failures.RecordFailure(AuthFailureLimiter.ClientOf(context));
        }

        return TypedResults.Json(new ErrorDetail("Unauthorized"), ServerJson.Default.ErrorDetail, statusCode: StatusCodes.Status401Unauthorized);
    }

    public sealed record SiteList(
        [property: JsonPropertyName("total")] long Total,
        [property: JsonPropertyName("sites")] IReadOnlyList<SiteView> Sites);

    public sealed record SiteRemoved(
        [property: JsonPropertyName("status")] string Status,
        [property: JsonPropertyName("base_url")] string BaseUrl,
        [property: JsonPropertyName("files_deleted")] bool FilesDeleted);

    /// <summary>One site as the API shows it (never the webhook secret itself).</summary>
    public sealed record SiteView(
        [property: JsonPropertyName("base_url")] string BaseUrl,
        [property: JsonPropertyName("max_pages")] int MaxPages,
        [property: JsonPropertyName("desc_length")] int DescLength,
        [property: JsonPropertyName("full")] bool Full,
        [property: JsonPropertyName("recrawl_interval_minutes")] int RecrawlIntervalMinutes,
        [property: JsonPropertyName("last_crawled_at")] DateTimeOffset? LastCrawledAt,
        [property: JsonPropertyName("next_crawl_at")] DateTimeOffset NextCrawlAt,
        [property: JsonPropertyName("last_changed_at")] DateTimeOffset? LastChangedAt,
        [property: JsonPropertyName("hosted_url")] string? HostedUrl,
        [property: JsonPropertyName("hosted_full_url")] string? HostedFullUrl,
        [property: JsonPropertyName("last_error")] string? LastError,
        [property: JsonPropertyName("consecutive_failures")] int ConsecutiveFailures,
        [property: JsonPropertyName("average_change_interval_seconds")] double? AverageChangeIntervalSeconds,
        [property: JsonPropertyName("sitemap_url")] string? SitemapUrl,
        [property: JsonPropertyName("sitemap_lastmod")] DateTimeOffset? SitemapLastModified,
        [property: JsonPropertyName("has_webhook_secret")] bool HasWebhookSecret,
        [property: JsonPropertyName("crawling")] bool Crawling)
    {
        public static SiteView From(CrawlSite site) => new(
            site.BaseUrl, site.Settings.MaxPages, site.Settings.DescLength, site.Settings.Full, (int)site.RecrawlInterval.TotalMinutes,
            site.LastCrawledAt, site.NextCrawlAt, site.LastChangedAt, site.LatestUrl, site.LatestFullUrl, site.LastError,
            site.ConsecutiveFailures, site.AverageChangeInterval?.TotalSeconds, site.SitemapUrl, site.SitemapLastModified,
            !string.IsNullOrEmpty(site.WebhookSecret), site.LeaseOwner is not null);
    }
}
