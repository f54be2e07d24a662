using Microsoft.Extensions.Options;

namespace LlmsTxt.Server.Crawls;

/// <summary>Open crawl sockets across the server; beyond <c>MAX_CONCURRENT_SOCKETS</c> new ones are refused before the upgrade.</summary>
public sealed class SocketCounter(IOptions<CrawlSocketOptions> options)
{
    private int _open;

    public int Open => Volatile.Read(ref _open);

    /// <summary>A lease on one socket, or null when the cap is reached.</summary>
    public Lease? TryOpen()
    {
        if (Interlocked.Increment(ref _open) <= options.Value.MaxConcurrentSockets) return new Lease(this);
        Interlocked.Decrement(ref _open);
        return null;
    }

    public sealed class Lease(SocketCounter counter) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) Interlocked.Decrement(ref counter._open);
        }
    }
}
