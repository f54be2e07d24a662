using Microsoft.Extensions.Options;

namespace LlmsTxt.Server.Sites;

/// <summary>What one pass did.</summary>
public sealed record PassSummary(int Claimed, int Updated, int Unchanged, int Skipped, int Failed);

/// <summary>
/// Runs in every server instance, as one loop on the host's stopping token: every <c>SCHEDULER_INTERVAL</c> (or
/// when woken by the cron endpoint or a webhook) it claims due sites one at a time under a lease and recrawls them with
/// <c>SCHEDULER_CONCURRENCY</c> workers until none is due. Leases are renewed while a crawl runs
/// and handed back on shutdown; a crashed instance's leases simply expire.
/// </summary>
public sealed partial class RecrawlScheduler(
    SiteRegistry registry,
    SiteRecrawler recrawler,
    IOptions<SchedulerOptions> options,
    TimeProvider timeProvider,
    ILogger<RecrawlScheduler> logger) : BackgroundService
{
    // Upper bound on claims in one pass, so a clock or data error can never spin forever.
    private const int MaxClaimsPerPass = 100_000;
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    private SchedulerOptions Options => options.Value;

    /// <summary>Wakes the loop for an early pass (webhooks); does nothing when the scheduler is disabled.</summary>
    public void Wake()
    {
        if (Options.Enabled)
        {
            Signal();
        }
    }

    /// <summary>
    /// Wakes the loop for a pass now (the cron endpoint), also when <c>SCHEDULER_ENABLED=false</c>. The pass runs in
    /// the loop, on its stopping token, so shutdown waits for it and hands its leases back.
    /// </summary>
    public void Trigger() => Signal();

    private void Signal()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // A wake-up is already pending; one pass serves both.
        }
        catch (ObjectDisposedException)
        {
            // Shut down already: nothing left to wake.
        }
    }

    /// <summary>
    /// The one loop: a pass at start and every <c>SCHEDULER_INTERVAL</c> (when enabled), and one whenever woken.
    /// Returns only after a running pass has stopped, so the host's shutdown waits for it.
    /// </summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (Options.Enabled)
        {
            LogStarted(logger, Options.InstanceId, Options.Interval, Options.Concurrency, Options.Adaptive);
        }
        else
        {
            LogDisabled(logger);
        }

        var due = Options.Enabled;
        while (!stoppingToken.IsCancellationRequested)
        {
            if (due)
            {
                try
                {
                    await RunPassAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    // The database may be down for a while; try again next interval.
                    LogPassFailed(logger, e);
                }
            }

            try
            {
                await WaitForNextPassAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            due = true;
        }
    }

    /// <summary>One full pass: claims and recrawls due sites until none is left. Passes in one instance never overlap.</summary>
    public async Task<PassSummary> RunPassAsync(CancellationToken cancellationToken = default)
    {
        await _oneAtATime.WaitAsync(cancellationToken);
        try
        {
            var counters = new int[5];
            var workers = Enumerable.Range(0, Options.Concurrency).Select(_ => WorkAsync(counters, cancellationToken));
            await Task.WhenAll(workers);
            // counters[0] counts claims; counters[1 + kind] counts outcomes of each RecrawlKind.
            var summary = new PassSummary(
                Claimed: counters[0],
                Updated: counters[1 + (int)RecrawlKind.Updated],
                Unchanged: counters[1 + (int)RecrawlKind.Unchanged],
                Skipped: counters[1 + (int)RecrawlKind.Skipped],
                Failed: counters[1 + (int)RecrawlKind.Failed]);
            if (summary.Claimed > 0)
            {
                LogPass(logger, summary.Claimed, summary.Updated, summary.Unchanged, summary.Skipped, summary.Failed);
            }

            return summary;
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    private async Task WorkAsync(int[] counters, CancellationToken cancellationToken)
    {
        while (Volatile.Read(ref counters[0]) < MaxClaimsPerPass)
        {
            var claimed = await registry.ClaimDueAsync(Options.InstanceId, 1, Options.Lease, cancellationToken);
            if (claimed.Count == 0)
            {
                return;
            }

            Interlocked.Increment(ref counters[0]);
            var outcome = await ProcessLeasedAsync(claimed[0], cancellationToken);
            if (outcome is not null)
            {
                Interlocked.Increment(ref counters[1 + (int)outcome.Kind]);
            }
        }
    }

    /// <summary>Recrawls one leased site while a heartbeat keeps the lease; null when the lease was lost or the server stops.</summary>
    private async Task<RecrawlOutcome?> ProcessLeasedAsync(CrawlSite site, CancellationToken cancellationToken)
    {
        using var crawl = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var beat = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var heartbeat = HeartbeatAsync(site, crawl, beat.Token);
        try
        {
            return await recrawler.ProcessAsync(site, Options.InstanceId, crawl.Token);
        }
        catch (OperationCanceledException) when (crawl.IsCancellationRequested)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                // Shutting down: hand the site back so another instance needn't wait for the lease to expire.
                await registry.ReleaseAsync(site.Id, Options.InstanceId, CancellationToken.None);
                throw;
            }

            LogLeaseLost(logger, site.BaseUrl);
            return null;
        }
        finally
        {
            await beat.CancelAsync();
            await heartbeat;
        }
    }

    private async Task HeartbeatAsync(CrawlSite site, CancellationTokenSource crawl, CancellationToken cancellationToken)
    {
        var every = Options.Lease / 3;
        try
        {
            while (true)
            {
                await Task.Delay(every, timeProvider, cancellationToken);
                if (!await registry.ExtendLeaseAsync(site.Id, Options.InstanceId, Options.Lease, cancellationToken))
                {
                    // Someone else owns the site now: stop crawling it.
                    await crawl.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception e)
        {
            // Could not renew (database hiccup): keep crawling; the lease may still be ours at the end.
            LogHeartbeatFailed(logger, e, site.BaseUrl);
        }
    }

    private async Task WaitForNextPassAsync(CancellationToken stoppingToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        // Disabled: no timer, only wake-ups (the cron endpoint).
        var delay = Task.Delay(Options.Enabled ? Options.Interval : Timeout.InfiniteTimeSpan, timeProvider, wait.Token);
        var wake = _wake.WaitAsync(wait.Token);
        await Task.WhenAny(delay, wake);
        await wait.CancelAsync();
        stoppingToken.ThrowIfCancellationRequested();
    }

    public override void Dispose()
    {
        _wake.Dispose();
        _oneAtATime.Dispose();
        base.Dispose();
    }

    [LoggerMessage(LogLevel.Information, "Recrawl scheduler {InstanceId} started: every {Interval}, {Concurrency} at a time, adaptive {Adaptive}")]
    private static partial void LogStarted(ILogger logger, string instanceId, TimeSpan interval, int concurrency, bool adaptive);

    [LoggerMessage(LogLevel.Information, "Recrawl scheduler disabled (SCHEDULER_ENABLED=false); passes run only when /internal/cron/recrawl is called")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(LogLevel.Information, "Recrawl pass: {Claimed} sites, {Updated} updated, {Unchanged} unchanged, {Skipped} skipped by sitemap, {Failed} failed")]
    private static partial void LogPass(ILogger logger, int claimed, int updated, int unchanged, int skipped, int failed);

    [LoggerMessage(LogLevel.Error, "Recrawl pass failed; retrying next interval")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);

    [LoggerMessage(LogLevel.Warning, "Lost the lease on {BaseUrl} during its crawl; another instance has it")]
    private static partial void LogLeaseLost(ILogger logger, string baseUrl);

    [LoggerMessage(LogLevel.Warning, "Could not renew the lease on {BaseUrl}")]
    private static partial void LogHeartbeatFailed(ILogger logger, Exception exception, string baseUrl);
}
