using LlmsTxt.Server.Health;
using LlmsTxt.Server.Web;

var builder = WebApplication.CreateBuilder(args);

// Public flags and limits for the web page.
builder.Services.AddSingleton<IPublicConfigSource, ConfigurationPublicConfigSource>();

var app = builder.Build();

// The web page at / (wwwroot, index.html by default).
app.UseWebPage();

// Liveness: touches no dependency.
app.MapHealth();

// GET /api/config: what the page needs to show the right controls.
app.MapWebPage();

app.Run();

/// <summary>Entry point, public so tests can host the app with WebApplicationFactory.</summary>
public partial class Program;
