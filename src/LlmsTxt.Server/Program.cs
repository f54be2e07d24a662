using LlmsTxt.Server.Configuration;
using LlmsTxt.Server.Diagnostics;
using LlmsTxt.Server.Health;
using LlmsTxt.Server.Storage;
using LlmsTxt.Server.Web;

var builder = WebApplication.CreateBuilder(args);

// Environment over .env; HOST, PORT, CORS_ORIGINS validated at start-up; the URL to open is logged.
builder.AddServerConfiguration();
// Request log lines with ?api_key= and ?token= redacted.
builder.AddRequestLogging();
// Hosted files: local folder (DATA_DIR) or S3-compatible bucket, chosen by configuration.
builder.AddStorage();
// Public flags and limits for the web page.
builder.Services.AddSingleton<IPublicConfigSource, ConfigurationPublicConfigSource>();

var app = builder.Build();

// One redacted line per request.
app.UseRequestLogging();
// The web page at / (wwwroot, index.html by default).
app.UseWebPage();
// Liveness: touches no dependency.
app.MapHealth();
// GET /llms/{key}.txt: hosted llms.txt files.
app.MapHostedFiles();
// GET /api/config: what the page needs to show the right controls.
app.MapWebPage();

return app.RunOrExplain();

/// <summary>Entry point, public so tests can host the app with WebApplicationFactory.</summary>
public partial class Program;
