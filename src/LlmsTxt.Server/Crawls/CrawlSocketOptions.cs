using LlmsTxt.Server.Configuration;

namespace LlmsTxt.Server.Crawls;

/// <summary>
/// Limits of the crawl socket, read from the environment and validated at start-up. (The 64 KiB message
/// cap lives with the socket itself, <see cref="CrawlSocketConnection"/>; ping/pong in <see cref="SocketKeepAliveOptions"/>.)
/// </summary>
public sealed class CrawlSocketOptions
{
    /// <summary><c>MAX_CONCURRENT_CRAWLS</c>: crawls running at once across all sockets.</summary>
    public int MaxConcurrentCrawls { get; set; } = 4;

    /// <summary><c>CRAWL_QUEUE_TIMEOUT</c> (seconds): how long a request waits for a free slot before "busy".</summary>
    public TimeSpan QueueTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary><c>MAX_CONCURRENT_SOCKETS</c>: open crawl sockets at once; more are refused with 503.</summary>
    public int MaxConcurrentSockets { get; set; } = 200;

    /// <summary>Messages waiting for a slow reader; beyond it log lines are dropped (and counted).</summary>
    public int SendQueueCapacity { get; set; } = 512;

    /// <summary>At most one <c>progress</c> message per this interval (10 a second).</summary>
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary><c>ALLOW_PRIVATE_NETWORKS</c>: let the server crawl loopback and private addresses (tests, local use).</summary>
    public bool AllowPrivateNetworks { get; set; }

    internal static void Read(EnvSettings env, CrawlSocketOptions options)
    {
        options.MaxConcurrentCrawls = env.Number("MAX_CONCURRENT_CRAWLS", options.MaxConcurrentCrawls, 1, 256);
        options.QueueTimeout = env.Seconds("CRAWL_QUEUE_TIMEOUT", options.QueueTimeout, TimeSpan.Zero, TimeSpan.FromMinutes(10));
        options.MaxConcurrentSockets = env.Number("MAX_CONCURRENT_SOCKETS", options.MaxConcurrentSockets, 1, 100_000);
        options.AllowPrivateNetworks = env.Flag("ALLOW_PRIVATE_NETWORKS", options.AllowPrivateNetworks);
    }
}
