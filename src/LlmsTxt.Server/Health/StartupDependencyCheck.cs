using LlmsTxt.Server.Storage;

namespace LlmsTxt.Server.Health;

/// <summary>
/// Once the server listens, asks the file store whether it answers and logs one warning line when it
/// doesn't (an S3 endpoint that is down or misspelt would otherwise look "ready" until the first crawl's
/// upload fails). The server keeps running; <c>/health/ready</c> answers 503 until the store answers.
/// </summary>
internal sealed partial class StartupDependencyCheck(IFileStore store, IHostApplicationLifetime lifetime, ILogger<StartupDependencyCheck> logger) : IHostedService
{
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(5);

    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        lifetime.ApplicationStarted.Register(() => _ = CheckAsync(lifetime.ApplicationStopping));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    private async Task CheckAsync(CancellationToken stopping)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        timeout.CancelAfter(CheckTimeout);
        string? problem;
        try
        {
            var check = await store.CheckReadyAsync(timeout.Token);
            problem = check.Ready ? null : check.Error ?? "no answer";
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            problem = $"no answer within {CheckTimeout.TotalSeconds:0} s";
        }
        catch (OperationCanceledException)
        {
            return;
        }

        if (problem is not null)
        {
            LogStoreUnreachable(logger, store.Backend, problem);
        }
    }

    [LoggerMessage(LogLevel.Warning, "Storage ({Backend}) does not answer: {Problem}. The server runs, but hosting files will fail and /health/ready answers 503 until it does")]
    private static partial void LogStoreUnreachable(ILogger logger, string backend, string problem);
}
