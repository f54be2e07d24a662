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

    /// <summary><c>MAX_SOCKETS_PER_CLIENT</c>: open crawl sockets per client address; more get 429 while others are served.</summary>
    public int MaxSocketsPerClient { get; set; } = 20;

    /// <summary><c>MAX_CRAWLS_PER_CLIENT</c>: crawls one client address may run or queue at once.</summary>
    public int MaxCrawlsPerClient { get; set; } = 2;

    /// <summary><c>WS_REQUEST_TIMEOUT</c> (seconds): a socket that sends no crawl request within this is closed.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

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
        options.MaxSocketsPerClient = env.Number("MAX_SOCKETS_PER_CLIENT", options.MaxSocketsPerClient, 1, 100_000);
        options.MaxCrawlsPerClient = env.Number("MAX_CRAWLS_PER_CLIENT", options.MaxCrawlsPerClient, 1, 256);
        options.RequestTimeout = env.Seconds("WS_REQUEST_TIMEOUT", options.RequestTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5));
        options.AllowPrivateNetworks = env.Flag("ALLOW_PRIVATE_NETWORKS", options.AllowPrivateNetworks);
    }
}
