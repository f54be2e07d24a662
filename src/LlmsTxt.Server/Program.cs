using LlmsTxt.Server.Auth;
using LlmsTxt.Server.Configuration;
using LlmsTxt.Server.Crawls;
using LlmsTxt.Server.Diagnostics;
using LlmsTxt.Server.Health;
using LlmsTxt.Server.Pipeline;
using LlmsTxt.Server.Publishing;
using LlmsTxt.Server.Sites;
using LlmsTxt.Server.Storage;
using LlmsTxt.Server.Web;

var builder = WebApplication.CreateBuilder(args);

// Environment over .env (working directory, then the checkout root); HOST, PORT, CORS_ORIGINS validated at start-up; the URL to open is logged.
builder.AddServerConfiguration();
// {"detail": ...} on every error answer; Brotli/gzip for the page, the API and hosted files.
builder.AddHttpAnswers();
// Request log lines with ?api_key= and ?token= redacted.
builder.AddRequestLogging();
// API_KEY, WebSocket tokens, per-address limit on failed authentications.
builder.AddApiKeyAuth();
// /ws/crawl: authentication, request validation, the crawl handler.
builder.AddCrawlSocket();
// The one generator the socket and the scheduler drive: crawl limits, rendering, LLM enhancement.
builder.AddGenerationPipeline();
// The socket's side of a crawl: crawl slots, socket cap, publishing the result.
builder.AddCrawlPipeline();
// Hosted files: local folder (DATA_DIR) or S3-compatible bucket, chosen by configuration.
builder.AddStorage();
// Publishing: one path from a generated file to the store, its hosted URL (PUBLIC_BASE_URL, else the enrolling origin).
builder.AddPublishing();
// Public flags and limits for the web page.
builder.Services.AddSingleton<IPublicConfigSource, ConfigurationPublicConfigSource>();
// OpenAPI document of the HTTP endpoints.
builder.Services.AddOpenApi();
// Site registry: SQLite in DATA_DIR or PostgreSQL (DATABASE_URL), migrated at start-up.
builder.AddSiteRegistry();
// Recrawl scheduler (every instance), sitemap skip check, enrolment for enableAutoUpdate.
builder.AddRecrawlScheduler();

var app = builder.Build();

// Real client address and scheme behind a reverse proxy (FORWARDED_HEADERS=true).
app.UseProxyHeaders();
// Error bodies (500s without a stack trace, empty 404/405/400 filled in) and response compression.
app.UseHttpAnswers();
// One redacted line per request.
app.UseRequestLogging();
// CORS from CORS_ORIGINS.
app.UseCors();
// 429 + Retry-After for addresses with too many failed authentications.
app.UseRateLimiter();
// WebSocket upgrades with keep-alive pings (WS_PING_INTERVAL / WS_PONG_TIMEOUT, 30 s each).
app.UseWebSockets();
// The web page at / (wwwroot embedded in the assembly, index.html by default).
app.UseWebPage();
// Liveness: touches no dependency.
app.MapHealth();
// GET /health/ready: database and storage answer.
app.MapReadiness();
// POST /auth/token.
app.MapAuth();
// WS /ws/crawl.
app.MapCrawlSocket();
// GET /llms/{key}.txt: hosted llms.txt files.
app.MapHostedFiles();
// POST /internal/cron/recrawl and /internal/hooks/site-changed.
app.MapCron();
app.MapSiteWebhook();
// GET/DELETE /api/sites (X-API-Key).
app.MapSites();
// GET /api/config: what the page needs to show the right controls.
app.MapWebPage();
// GET /openapi/v1.json.
app.MapOpenApi();

return app.RunOrExplain();

/// <summary>Entry point, public so tests can host the app with WebApplicationFactory.</summary>
public partial class Program;
