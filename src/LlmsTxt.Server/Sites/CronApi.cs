using LlmsTxt.Server.Web;
using LlmsTxt.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace LlmsTxt.Server.Sites;

/// <summary>POST /internal/cron/recrawl: an external cron starts a scheduler pass.</summary>
public static partial class CronApi
{
    public static IEndpointRouteBuilder MapCron(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/internal/cron/recrawl", Trigger)
            .WithName("TriggerRecrawl")
            .WithTags("Internal")
            .WithSummary("Start one recrawl pass in the background (header X-Cron-Secret = CRON_SECRET).")
            .Produces<ErrorDetail>(StatusCodes.Status401Unauthorized);
        return routes;
    }

    internal static Results<Accepted<CronTriggered>, JsonHttpResult<ErrorDetail>> Trigger(
        [FromHeader(Name = "X-Cron-Secret")] string? secret,
        IOptions<SchedulerOptions> options,
        RecrawlScheduler scheduler,
        ILogger<RecrawlScheduler> logger)
    {
        // No CRON_SECRET configured means nobody may trigger passes from outside.
        if (options.Value.CronSecret is not { } expected || secret is null || !ApiKeyVerifier.FixedTimeEquals(secret, expected))
        {
            LogRefused(logger, secret is null ? "missing" : "wrong");
            return TypedResults.Json(new ErrorDetail("Unauthorized"), ServerJson.Default.ErrorDetail, statusCode: StatusCodes.Status401Unauthorized);
        }

        scheduler.Trigger();
        return TypedResults.Accepted((string?)null, new CronTriggered("triggered", "Recrawl started in background"));
    }

    public sealed record CronTriggered(string Status, string Message);

    [LoggerMessage(LogLevel.Warning, "Cron trigger refused: {Problem} X-Cron-Secret")]
    private static partial void LogRefused(ILogger logger, string problem);
}
