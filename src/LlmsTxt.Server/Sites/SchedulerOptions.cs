using LlmsTxt.Server.Configuration;

namespace LlmsTxt.Server.Sites;

/// <summary>Recrawl scheduler settings; durations are whole seconds in the environment.</summary>
public sealed class SchedulerOptions
{
    /// <summary><c>SCHEDULER_ENABLED</c>: run passes in this instance (default true; API-only instances may turn it off).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary><c>SCHEDULER_INTERVAL</c>: seconds between passes (default 60). Also the first step of the failure backoff.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary><c>SCHEDULER_CONCURRENCY</c>: sites crawled at once by this instance (default 2).</summary>
    public int Concurrency { get; set; } = 2;

    /// <summary><c>ADAPTIVE_SCHEDULING</c>: next crawl from the moving average of observed change intervals (1 h - 7 d).</summary>
    public bool Adaptive { get; set; }

    /// <summary><c>SCHEDULER_LEASE</c>: seconds a claimed site stays reserved without a heartbeat (default 300); renewed every third of it.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary><c>ALLOW_PRIVATE_NETWORKS</c>: scheduled crawls may reach loopback/private addresses (tests, local use).</summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>Identifies this instance's leases: host name, process id and a random part.</summary>
    public string InstanceId { get; set; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary><c>CRON_SECRET</c>: required in <c>X-Cron-Secret</c> by <c>POST /internal/cron/recrawl</c>; unset means the endpoint always answers 401.</summary>
    public string? CronSecret { get; set; }

    internal static void Read(EnvSettings env, SchedulerOptions options)
    {
        options.Enabled = env.Flag("SCHEDULER_ENABLED", options.Enabled);
        options.Interval = env.Seconds("SCHEDULER_INTERVAL", options.Interval, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1));
        options.Concurrency = env.Number("SCHEDULER_CONCURRENCY", options.Concurrency, 1, 64);
        options.Adaptive = env.Flag("ADAPTIVE_SCHEDULING", options.Adaptive);
        options.Lease = env.Seconds("SCHEDULER_LEASE", options.Lease, TimeSpan.FromSeconds(3), TimeSpan.FromHours(6));
        options.AllowPrivateNetworks = env.Flag("ALLOW_PRIVATE_NETWORKS", options.AllowPrivateNetworks);
        options.InstanceId = env.Text("SCHEDULER_INSTANCE_ID", options.InstanceId);
        options.CronSecret = string.IsNullOrEmpty(env.Raw("CRON_SECRET")) ? null : env.Raw("CRON_SECRET");
    }
}
