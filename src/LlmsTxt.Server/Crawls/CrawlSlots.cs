using Microsoft.Extensions.Options;

namespace LlmsTxt.Server.Crawls;

/// <summary>
/// The server-wide cap on running crawls and the per-client cap on crawls running or waiting. A request
/// beyond the server cap waits in line up to <see cref="CrawlSocketOptions.QueueTimeout"/>, then is told the
/// server is busy; a request beyond its client's cap is told so at once.
/// </summary>
public sealed class CrawlSlots(IOptions<CrawlSocketOptions> options) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(options.Value.MaxConcurrentCrawls, options.Value.MaxConcurrentCrawls);

    public int Capacity { get; } = options.Value.MaxConcurrentCrawls;

    public int Running => Capacity - _slots.CurrentCount;

    /// <summary>A slot at once, or null when all are taken.</summary>
    public Slot? TryEnter() => _slots.Wait(0) ? new Slot(_slots) : null;

    /// <summary>A slot within the queue timeout, or null (busy).</summary>
    public async Task<Slot?> EnterAsync(CancellationToken cancellationToken = default) =>
        await _slots.WaitAsync(options.Value.QueueTimeout, cancellationToken) ? new Slot(_slots) : null;

    private readonly Dictionary<string, int> _perClient = new(StringComparer.Ordinal);

    /// <summary>
    /// A claim on one of <paramref name="client"/>'s <c>MAX_CRAWLS_PER_CLIENT</c> crawls (running or waiting for a
    /// slot), or null when it has them all: one client's slow crawls can't fill every slot and the queue.
    /// </summary>
    public ClientClaim? TryClaim(string client)
    {
        lock (_perClient)
        {
            var held = _perClient.GetValueOrDefault(client);
            if (held >= options.Value.MaxCrawlsPerClient)
            {
                return null;
            }
            _perClient[client] = held + 1;
            return new ClientClaim(this, client);
        }
    }

    public int MaxPerClient => options.Value.MaxCrawlsPerClient;

    private void Release(string client)
    {
        lock (_perClient)
        {
            if (--_perClient[client] == 0)
            {
                _perClient.Remove(client);
            }
        }
    }

    public void Dispose() => _slots.Dispose();

    /// <summary>A client's claim on one of its crawls; disposing it gives the claim back.</summary>
    public sealed class ClientClaim(CrawlSlots slots, string client) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) slots.Release(client);
        }
    }

    /// <summary>A held slot; disposing it lets the next crawl in.</summary>
    public sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) slots.Release();
        }
    }
}
