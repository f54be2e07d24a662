namespace LlmsTxt.Server.Health;

public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/health", () => TypedResults.Ok(new HealthStatus("ok")))
            .WithName("Health")
            .WithSummary("Liveness: 200 whenever the process serves requests.");
        return routes;
    }

    public sealed record HealthStatus(string Status);
}
