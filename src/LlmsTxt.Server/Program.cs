using LlmsTxt.Server.Health;
using LlmsTxt.Server.Storage;

var builder = WebApplication.CreateBuilder(args);

// Hosted files: local folder (DATA_DIR) or S3-compatible bucket, chosen by configuration.
builder.AddStorage();

var app = builder.Build();

// Liveness: touches no dependency.
app.MapHealth();
// GET /llms/{key}.txt: hosted llms.txt files.
app.MapHostedFiles();

app.Run();

/// <summary>Entry point, public so tests can host the app with WebApplicationFactory.</summary>
public partial class Program;
