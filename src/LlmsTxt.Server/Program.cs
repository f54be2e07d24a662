using LlmsTxt.Server.Health;

var builder = WebApplication.CreateBuilder(args);

var app = builder.Build();

// Liveness: touches no dependency.
app.MapHealth();

app.Run();

/// <summary>Entry point, public so tests can host the app with WebApplicationFactory.</summary>
public partial class Program;
