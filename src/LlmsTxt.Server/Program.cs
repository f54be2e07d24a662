using LlmsTxt.Server.Auth;
using LlmsTxt.Server.Configuration;
using LlmsTxt.Server.Crawls;
using LlmsTxt.Server.Diagnostics;
using LlmsTxt.Server.Health;

var builder = WebApplication.CreateBuilder(args);

// Environment over .env; HOST, PORT, CORS_ORIGINS validated at start-up; the URL to open is logged.
builder.AddServerConfiguration();
// Request log lines with ?api_key= and ?token= redacted.
builder.AddRequestLogging();
// API_KEY, WebSocket tokens, per-address limit on failed authentications.
builder.AddApiKeyAuth();
// /ws/crawl: authentication, request validation, the crawl handler.
builder.AddCrawlSocket();
// OpenAPI document of the HTTP endpoints.
builder.Services.AddOpenApi();

var app = builder.Build();

// Real client address and scheme behind a reverse proxy (FORWARDED_HEADERS=true).
app.UseProxyHeaders();
// One redacted line per request.
app.UseRequestLogging();
// CORS from CORS_ORIGINS.
app.UseCors();
// 429 + Retry-After for addresses with too many failed authentications.
app.UseRateLimiter();
// WebSocket upgrades with 30 s keep-alive pings.
app.UseWebSockets();
// Liveness: touches no dependency.
app.MapHealth();
// POST /auth/token.
app.MapAuth();
// WS /ws/crawl.
app.MapCrawlSocket();
// GET /openapi/v1.json.
app.MapOpenApi();

return app.RunOrExplain();

/// <summary>Entry point, public so tests can host the app with WebApplicationFactory.</summary>
public partial class Program;
