using LlmsTxt.Server.Sites;
using LlmsTxt.Server.Tests.Hosting;
using LlmsTxt.TestSites;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace LlmsTxt.Server.Tests.Sites;

public sealed class LeaseHeartbeatTests(SqliteDatabases databases) : IClassFixture<SqliteDatabases>
{
    [Fact]
    public async Task HeartbeatKeepsTheLeaseDuringALongCrawlAndShutdownHandsItBack()
    {
        var (reached, gate) = (NewSignal(), NewSignal());
        await using var site = await StartHangingSiteAsync(reached, gate);
        using var harness = await SchedulerHarness.CreateAsync(databases, o => o.Lease = TimeSpan.FromSeconds(3));
        var url = site.BaseUri.AbsoluteUri;
        await harness.Registry.EnrolAsync(new SiteEnrolment { BaseUrl = url, RecrawlInterval = TimeSpan.FromHours(1) });
        using var stop = new CancellationTokenSource();
        try
        {
            var pass = harness.Scheduler.RunPassAsync(stop.Token);
            await reached.Task.WaitAsync(TimeSpan.FromSeconds(30));
            var firstLease = (await harness.SiteAsync(url)).LeaseUntil;

            harness.Time.Advance(TimeSpan.FromSeconds(2)); // a third of the lease: the heartbeat renews it
            await Eventually.HoldsAsync(async () => (await harness.SiteAsync(url)).LeaseUntil > firstLease, TimeSpan.FromSeconds(10), () => "lease never renewed");
            harness.Time.Advance(TimeSpan.FromSeconds(1.5)); // past the first lease's end
            Assert.Empty(await harness.Registry.ClaimDueAsync("intruder", 5, TimeSpan.FromSeconds(3)));

            await stop.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pass);
            var released = await harness.SiteAsync(url);
            Assert.Null(released.LeaseOwner);
            Assert.Equal(0, released.CrawlCount);
            Assert.Single(await harness.Registry.ClaimDueAsync("next-instance", 5, TimeSpan.FromSeconds(3)));
        }
        finally
        {
            gate.TrySetResult();
        }
    }

    [Fact]
    public async Task ShutdownDuringATriggeredPassWaitsForItAndLeavesNoLeaseHeld()
    {
        var (reached, gate) = (NewSignal(), NewSignal());
        await using var site = await StartHangingSiteAsync(reached, gate);
        // Disabled: only the cron trigger starts a pass, as with SCHEDULER_ENABLED=false.
        using var harness = await SchedulerHarness.CreateAsync(databases, o => o.Enabled = false);
        var url = site.BaseUri.AbsoluteUri;
        await harness.Registry.EnrolAsync(new SiteEnrolment { BaseUrl = url, RecrawlInterval = TimeSpan.FromHours(1) });
        try
        {
            await harness.Scheduler.StartAsync(CancellationToken.None);
            harness.Scheduler.Trigger();
            await reached.Task.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(harness.Options.InstanceId, (await harness.SiteAsync(url)).LeaseOwner);

            await harness.Scheduler.StopAsync(CancellationToken.None);

            Assert.True(harness.Scheduler.ExecuteTask!.IsCompleted, "StopAsync returned while the pass still ran");
            var after = await harness.SiteAsync(url);
            Assert.Null(after.LeaseOwner);
            Assert.Null(after.LeaseUntil);
            Assert.Equal(0, after.CrawlCount);
        }
        finally
        {
            gate.TrySetResult();
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>A site whose start page signals <paramref name="reached"/> and then hangs until <paramref name="gate"/> opens.</summary>
    private static Task<TestWebServer> StartHangingSiteAsync(TaskCompletionSource reached, TaskCompletionSource gate) =>
        TestWebServer.StartAsync(app =>
        {
            app.MapGet("/robots.txt", () => Results.NotFound());
            app.MapGet("/", async (HttpContext context) =>
            {
                reached.TrySetResult();
                await gate.Task.WaitAsync(context.RequestAborted);
                return Results.Text("<html><body><main><h1>Slow</h1></main></body></html>", "text/html");
            });
        });
}
