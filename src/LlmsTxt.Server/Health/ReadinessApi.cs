using LlmsTxt.Server.Web;
using System.Text.Json.Serialization;
using LlmsTxt.Server.Sites;
using LlmsTxt.Server.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LlmsTxt.Server.Health;

/// <summary>GET /health/ready: 200 when the registry database and the file store answer, else 503 naming what failed.</summary>
public static class ReadinessApi
{
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(5);

    public static IEndpointRouteBuilder MapReadiness(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/health/ready", CheckAsync)
            .WithName("Ready")
            .WithTags("Health")
            .WithSummary("Readiness: database and storage answer (200), or which one failed (503).")
            .Produces<Readiness>(StatusCodes.Status200OK)
            .Produces<Readiness>(StatusCodes.Status503ServiceUnavailable);
        return routes;
    }

    internal static async Task<JsonHttpResult<Readiness>> CheckAsync(SiteRegistry registry, IFileStore store, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CheckTimeout);
        var database = CheckDatabaseAsync(registry, timeout.Token);
        var storage = CheckStoreAsync(store, timeout.Token);
        var checks = new Dictionary<string, DependencyStatus>
        {
            ["database"] = await database,
            ["storage"] = await storage,
        };
        var ready = checks.Values.All(c => c.Status == "ok");
        var failed = checks.Where(c => c.Value.Status != "ok").Select(c => c.Key).ToList();
        return TypedResults.Json(
            new Readiness(ready ? "ready" : "unavailable", ready ? null : $"Not ready: {string.Join(" and ", failed)} failed", checks), ServerJson.Default.Readiness,
            statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<DependencyStatus> CheckDatabaseAsync(SiteRegistry registry, CancellationToken cancellationToken)
    {
        var kind = registry.Provider.ToString().ToLowerInvariant();
        try
        {
            var (ready, error) = await registry.CheckReadyAsync(cancellationToken);
            return new DependencyStatus(ready ? "ok" : "failed", kind, error);
        }
        catch (OperationCanceledException)
        {
            return new DependencyStatus("failed", kind, $"no answer within {CheckTimeout.TotalSeconds:0} s");
        }
    }

    private static async Task<DependencyStatus> CheckStoreAsync(IFileStore store, CancellationToken cancellationToken)
    {
        try
        {
            var check = await store.CheckReadyAsync(cancellationToken);
            return new DependencyStatus(check.Ready ? "ok" : "failed", check.Backend, check.Error);
        }
        catch (OperationCanceledException)
        {
            return new DependencyStatus("failed", store.Backend, $"no answer within {CheckTimeout.TotalSeconds:0} s");
        }
    }

    public sealed record Readiness(
        [property: JsonPropertyName("status")] string Status,
        [property: JsonPropertyName("detail"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Detail,
        [property: JsonPropertyName("checks")] IReadOnlyDictionary<string, DependencyStatus> Checks);

    public sealed record DependencyStatus(
        [property: JsonPropertyName("status")] string Status,
        [property: JsonPropertyName("backend")] string Backend,
        [property: JsonPropertyName("error"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error);
}
