using LlmsTxt.Server.Web;
using System.Text.Json.Serialization;
using System.Text.Json;
using LlmsTxt.Core.Urls;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LlmsTxt.Server.Sites;

/// <summary>POST /internal/hooks/site-changed: a site tells us it changed; it becomes due now.</summary>
public static class WebhookApi
{
    public static IEndpointRouteBuilder MapSiteWebhook(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/internal/hooks/site-changed", SiteChangedAsync)
            .WithName("SiteChanged")
            .WithTags("Internal")
            .WithSummary("Make an enrolled site due for recrawl now.")
            .Accepts<SiteChangedRequest>("application/json")
            .Produces<SiteScheduled>()
            .Produces<ErrorDetail>(StatusCodes.Status400BadRequest)
            .Produces<ErrorDetail>(StatusCodes.Status401Unauthorized)
            .Produces<ErrorDetail>(StatusCodes.Status404NotFound);
        return routes;
    }

    internal static async Task<Results<Ok<SiteScheduled>, JsonHttpResult<ErrorDetail>>> SiteChangedAsync(
        HttpRequest request,
        SiteRegistry registry,
        RecrawlScheduler scheduler,
        CancellationToken cancellationToken)
    {
        SiteChangedRequest? body;
        try
        {
            body = await request.ReadFromJsonAsync<SiteChangedRequest>(cancellationToken);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or BadHttpRequestException)
        {
            return Error(StatusCodes.Status400BadRequest, "Send JSON {\"base_url\": \"https://...\", \"webhook_secret\": \"...\"} with Content-Type application/json.");
        }

        if (body?.BaseUrl is not { Length: > 0 } baseUrl || UrlIdentity.SiteKey(baseUrl) is null)
        {
            return Error(StatusCodes.Status400BadRequest, "base_url is required and must be an absolute http(s) URL.");
        }

        var site = await registry.GetAsync(baseUrl, cancellationToken);
        if (site is null)
        {
            return Error(StatusCodes.Status404NotFound, "Site not enrolled");
        }

        if (!SiteRegistry.WebhookSecretMatches(site, body.WebhookSecret))
        {
            return Error(StatusCodes.Status401Unauthorized, "Invalid webhook secret");
        }

        var due = await registry.MarkDueNowAsync(site.BaseUrl, force: true, cancellationToken);
        if (due is null)
        {
            return Error(StatusCodes.Status404NotFound, "Site not enrolled");
        }

        scheduler.Wake();
        return TypedResults.Ok(new SiteScheduled("scheduled", due.BaseUrl, due.NextCrawlAt));
    }

    private static JsonHttpResult<ErrorDetail> Error(int status, string detail) =>
        TypedResults.Json(new ErrorDetail(detail), ServerJson.Default.ErrorDetail, statusCode: status);

    public sealed record SiteChangedRequest(
        [property: JsonPropertyName("base_url")] string? BaseUrl,
        [property: JsonPropertyName("webhook_secret")] string? WebhookSecret);

    public sealed record SiteScheduled(
        [property: JsonPropertyName("status")] string Status,
        [property: JsonPropertyName("base_url")] string BaseUrl,
        [property: JsonPropertyName("next_crawl_at")] DateTimeOffset NextCrawlAt);
}
