using LlmsTxt.Server.Configuration;

namespace LlmsTxt.Server.Crawls;

/// <summary>Limits of the crawl socket, read from the environment and validated at start-up.</summary>
public sealed class CrawlSocketOptions
{
    /// <summary><c>MAX_CONCURRENT_CRAWLS</c>: crawls running at once across all sockets.</summary>
    public int MaxConcurrentCrawls { get; set; } = 4;

    /// <summary><c>CRAWL_QUEUE_TIMEOUT</c> (seconds): how long a request waits for a free slot before "busy".</summary>
    public TimeSpan QueueTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary><c>MAX_CONCURRENT_SOCKETS</c>: open crawl sockets at once; more are refused with 503.</summary>
    public int MaxConcurrentSockets { get; set; } = 200;

    /// <summary>Largest incoming message; a bigger one closes the socket with 1009.</summary>
    public int MaxMessageBytes { get; set; } = 64 * 1024;

    /// <summary><c>WS_KEEPALIVE_INTERVAL</c> (seconds): ping period, and how long a pong may take.</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Messages waiting for a slow reader; beyond it log lines are dropped (and counted).</summary>
    public int SendQueueCapacity { get; set; } = 512;

    /// <summary>A send that makes no progress this long means the client is gone; the socket is aborted.</summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>At most one <c>progress</c> message per this interval (10 a second).</summary>
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary><c>ALLOW_PRIVATE_NETWORKS</c>: let the server crawl loopback and private addresses (tests, local use).</summary>
    public bool AllowPrivateNetworks { get; set; }

    internal static void Read(EnvSettings env, CrawlSocketOptions options)
    {
        options.MaxConcurrentCrawls = env.Number("MAX_CONCURRENT_CRAWLS", options.MaxConcurrentCrawls, 1, 256);
        options.QueueTimeout = env.Seconds("CRAWL_QUEUE_TIMEOUT", options.QueueTimeout, TimeSpan.Zero, TimeSpan.FromMinutes(10));
        options.MaxConcurrentSockets = env.Number("MAX_CONCURRENT_SOCKETS", options.MaxConcurrentSockets, 1, 100_000);
        options.KeepAliveInterval = env.Seconds("WS_KEEPALIVE_INTERVAL", options.KeepAliveInterval, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10));
        options.AllowPrivateNetworks = env.Flag("ALLOW_PRIVATE_NETWORKS", options.AllowPrivateNetworks);
    }
}
