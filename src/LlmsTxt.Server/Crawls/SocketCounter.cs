using Microsoft.Extensions.Options;

namespace LlmsTxt.Server.Crawls;

/// <summary>Why a new crawl socket was refused.</summary>
public enum SocketRefusal
{
    /// <summary><c>MAX_CONCURRENT_SOCKETS</c>: the server as a whole is full.</summary>
    ServerFull,
    /// <summary><c>MAX_SOCKETS_PER_CLIENT</c>: this client holds its share already; others are still served.</summary>
    ClientFull,
}

/// <summary>
/// Open crawl sockets, across the server (<c>MAX_CONCURRENT_SOCKETS</c>) and per client address
/// (<c>MAX_SOCKETS_PER_CLIENT</c>), so one client's idle sockets can't lock everyone else out. Both are
/// checked before the upgrade.
/// </summary>
public sealed class SocketCounter(IOptions<CrawlSocketOptions> options)
{
    private readonly Dictionary<string, int> _perClient = new(StringComparer.Ordinal);
    private int _open;

    public int Open => Volatile.Read(ref _open);

    /// <summary>A lease on one socket, or null when the cap is reached.</summary>
    public Lease? TryOpen() => TryOpen("", out _);

    /// <summary>A lease on one socket for <paramref name="client"/>, or null with the reason.</summary>
    public Lease? TryOpen(string client, out SocketRefusal refusal)
    {
        refusal = default;
        lock (_perClient)
        {
            if (_open >= options.Value.MaxConcurrentSockets)
            {
                refusal = SocketRefusal.ServerFull;
                return null;
            }
            var held = _perClient.GetValueOrDefault(client);
            if (client.Length > 0 && held >= options.Value.MaxSocketsPerClient)
            {
                refusal = SocketRefusal.ClientFull;
                return null;
            }
            _perClient[client] = held + 1;
            _open++;
            return new Lease(this, client);
        }
    }

    private void Release(string client)
    {
        lock (_perClient)
        {
            _open--;
            if (--_perClient[client] == 0)
            {
                _perClient.Remove(client);
            }
        }
    }

    public sealed class Lease(SocketCounter counter, string client) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) counter.Release(client);
        }
    }
}
