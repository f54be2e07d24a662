using Microsoft.Extensions.Options;

namespace LlmsTxt.Server.Auth;

/// <summary>Says loudly at start-up when the server runs without an API key.</summary>
internal sealed class OpenModeWarning(IOptions<ApiKeyOptions> options, ILogger<OpenModeWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (!options.Value.IsConfigured)
        {
            logger.LogWarning("API_KEY is not set: /ws/crawl is open to anyone who can reach this server (development mode) and /auth/token answers 401. Set API_KEY before exposing the server.");
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
}
