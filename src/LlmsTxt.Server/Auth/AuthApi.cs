using LlmsTxt.Server.Web;
using System.Text.Json.Serialization;
using LlmsTxt.Server.Configuration;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace LlmsTxt.Server.Auth;

public static class AuthApi
{
    /// <summary><see cref="ApiKeyOptions"/> (API_KEY and failure limits), the token service, the failure limiter and its middleware policy.</summary>
    public static WebApplicationBuilder AddApiKeyAuth(this WebApplicationBuilder builder)
    {
        builder.Services.AddEnvOptions<ApiKeyOptions>(ApiKeyOptions.Read);
        builder.Services.AddSingleton<ApiKeyVerifier>();
        builder.Services.AddSingleton<TokenService>();
        builder.Services.AddSingleton<AuthFailureLimiter>();
        builder.Services.AddRateLimiter(AuthFailureLimiter.AddPolicy);
        builder.Services.AddHostedService<OpenModeWarning>();
        return builder;
    }

    public static IEndpointRouteBuilder MapAuth(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/auth/token", IssueToken)
            .RequireRateLimiting(AuthFailureLimiter.PolicyName)
            .WithName("IssueToken")
            .WithTags("Auth")
            .WithSummary("Exchange the API key for a WebSocket token valid 300 s.")
            .WithDescription("Send the server's API_KEY in the X-API-Key header (no body). Use the token as ?token= on /ws/crawl. " +
                "Repeated failures from one address are answered 429 with Retry-After.")
            .Produces<ErrorDetail>(StatusCodes.Status401Unauthorized)
            .Produces<ErrorDetail>(StatusCodes.Status429TooManyRequests)
            .Produces<ErrorDetail>(StatusCodes.Status500InternalServerError);
        return routes;
    }

    internal static Results<Ok<TokenResponse>, JsonHttpResult<ErrorDetail>> IssueToken(
        [FromHeader(Name = "X-API-Key")] string? apiKey,
        HttpContext context,
        ApiKeyVerifier verifier,
        TokenService tokens,
        AuthFailureLimiter failures,
        ILogger<TokenService> logger)
    {
        if (!verifier.IsConfigured)
        {
            logger.LogInformation("Token refused: no API_KEY is configured");
            return Unauthorized();
        }

        if (!verifier.Matches(apiKey))
        {
            var client = AuthFailureLimiter.ClientOf(context);
            failures.RecordFailure(client);
            logger.LogWarning("Token refused: {Problem} X-API-Key from {Client}", apiKey is null ? "missing" : "wrong", client);
            return Unauthorized();
        }

        try
        {
            var issued = tokens.Issue();
            return TypedResults.Ok(new TokenResponse(issued.Token, (int)issued.ExpiresIn.TotalSeconds));
        }
        catch (Exception e)
        {
            // The message and type only: never the key.
            logger.LogError("Token generation failed: {ErrorType}", e.GetType().Name);
            return TypedResults.Json(new ErrorDetail("Token generation failed"), ServerJson.Default.ErrorDetail, statusCode: StatusCodes.Status500InternalServerError);
        }
    }

    private static JsonHttpResult<ErrorDetail> Unauthorized() =>
        TypedResults.Json(new ErrorDetail("Unauthorized"), ServerJson.Default.ErrorDetail, statusCode: StatusCodes.Status401Unauthorized);

    public sealed record TokenResponse(
        [property: JsonPropertyName("token")] string Token,
        [property: JsonPropertyName("expires_in")] int ExpiresIn);
}
