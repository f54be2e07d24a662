using LlmsTxt.Server.Web;
using Microsoft.AspNetCore.WebSockets;
using System.Net.WebSockets;
using LlmsTxt.Server.Auth;
using LlmsTxt.Server.Configuration;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace LlmsTxt.Server.Crawls;

public static class CrawlSocketApi
{
    /// <summary>WebSocket support, the authenticator, the session and the default (placeholder) crawl handler.</summary>
    public static WebApplicationBuilder AddCrawlSocket(this WebApplicationBuilder builder)
    {
        // SPEC: ping every 30 s, drop a client that doesn't answer within 30 s (WS_PING_INTERVAL / WS_PONG_TIMEOUT).
        builder.Services.AddEnvOptions<SocketKeepAliveOptions>(SocketKeepAliveOptions.Read);
        builder.Services.AddWebSockets(_ => { });
        builder.Services.AddOptions<WebSocketOptions>().Configure<IOptions<SocketKeepAliveOptions>>((o, keepAlive) =>
        {
            o.KeepAliveInterval = keepAlive.Value.PingInterval;
            o.KeepAliveTimeout = keepAlive.Value.PongTimeout;
        });
        builder.Services.AddSingleton<SocketAuthenticator>();
        builder.Services.AddSingleton<CrawlSocketSession>();
        builder.Services.AddSingleton<ICrawlHandler, CrawlerUnavailableHandler>();
        return builder;
    }

    public static IEndpointRouteBuilder MapCrawlSocket(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/ws/crawl", HandleAsync)
            .RequireRateLimiting(AuthFailureLimiter.PolicyName)
            .WithName("CrawlSocket")
            .WithTags("Crawl")
            .WithSummary("WebSocket: crawl a site and stream progress (protocol in the README).")
            .WithDescription("Upgrade to a WebSocket. Authenticate with ?token= (from POST /auth/token), Authorization: Bearer, or ?api_key=; " +
                "a rejected socket is closed with 1008. Then send one JSON request such as {\"url\":\"https://example.com\"}; " +
                "the server streams {\"type\",\"content\"} messages and closes with 1000.")
            .Produces<ErrorDetail>(StatusCodes.Status400BadRequest)
            .Produces<ErrorDetail>(StatusCodes.Status403Forbidden)
            .Produces<ErrorDetail>(StatusCodes.Status429TooManyRequests)
            .Produces<ErrorDetail>(StatusCodes.Status503ServiceUnavailable);
        return routes;
    }

    private static async Task SocketRefusedAsync(HttpContext context, SocketRefusal refusal, ILogger logger, string client)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<CrawlSocketOptions>>().Value;
        if (refusal == SocketRefusal.ClientFull)
        {
            logger.LogInformation("Crawl socket refused: {Client} already holds {Max} sockets", client, options.MaxSocketsPerClient);
            context.Response.Headers.RetryAfter = "10";
            await TypedResults.Json(new ErrorDetail(
                    $"Your address already has {options.MaxSocketsPerClient} crawl sockets open, the most one client may hold (MAX_SOCKETS_PER_CLIENT); close one and try again."), ServerJson.Default.ErrorDetail,
                statusCode: StatusCodes.Status429TooManyRequests).ExecuteAsync(context);
            return;
        }
        await TypedResults.Json(new ErrorDetail("Too many crawl sockets are open on this server; try again in a minute."), ServerJson.Default.ErrorDetail,
            statusCode: StatusCodes.Status503ServiceUnavailable).ExecuteAsync(context);
    }

    // token and api_key are declared for the OpenAPI document; the authenticator reads the raw request.
    internal static async Task HandleAsync(
        HttpContext context,
        [FromQuery(Name = "token")] string? token,
        [FromQuery(Name = "api_key")] string? apiKey,
        SocketAuthenticator authenticator,
        CrawlSocketSession session,
        AuthFailureLimiter failures,
        BrowserOrigins origins,
        ILogger<CrawlSocketSession> logger)
    {
        _ = (token, apiKey);
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await TypedResults.Json(new ErrorDetail("/ws/crawl is a WebSocket endpoint: connect with a WebSocket client (ws:// or wss://)."), ServerJson.Default.ErrorDetail,
                statusCode: StatusCodes.Status400BadRequest).ExecuteAsync(context);
            return;
        }

        if (!origins.AllowsSocket(context.Request))
        {
            // Refused before the upgrade, like ASP.NET Core's own WebSocket origin check.
            logger.LogInformation("Crawl socket refused: origin {Origin} is not in CORS_ORIGINS", context.Request.Headers.Origin.ToString());
            await TypedResults.Json(new ErrorDetail("This origin may not open /ws/crawl; add it to CORS_ORIGINS."), ServerJson.Default.ErrorDetail,
                statusCode: StatusCodes.Status403Forbidden).ExecuteAsync(context);
            return;
        }

        // MAX_CONCURRENT_SOCKETS and MAX_SOCKETS_PER_CLIENT: refused before the upgrade, so an idle socket flood
        // costs nothing and one client can't hold every socket.
        var client = AuthFailureLimiter.ClientOf(context);
        var counter = context.RequestServices.GetService<SocketCounter>();
        var refusal = SocketRefusal.ServerFull;
        using var lease = counter?.TryOpen(client, out refusal);
        if (counter is not null && lease is null)
        {
            await SocketRefusedAsync(context, refusal, logger, client);
            return;
        }

        var auth = authenticator.Authenticate(SocketCredentials.From(context.Request));
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        try
        {
            if (!auth.Accepted)
            {
                failures.RecordFailure(client);
                // CloseOutputAsync sends the close frame without reading anything the client may have sent.
                await socket.CloseOutputAsync(WebSocketCloseStatus.PolicyViolation, auth.CloseReason, context.RequestAborted);
                CrawlSocketLog.Rejected(logger, client, auth.CloseReason!, auth.Detail);
                return;
            }

            CrawlSocketLog.Accepted(logger, client, auth.Detail);
            await session.RunAsync(socket, client, context.RequestAborted);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // The client vanished; nothing to answer.
        }
        finally
        {
            CrawlSocketLog.Ended(logger, client);
        }
    }
}
