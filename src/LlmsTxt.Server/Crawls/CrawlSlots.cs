using Microsoft.Extensions.Options;

namespace LlmsTxt.Server.Crawls;

/// <summary>
/// The server-wide cap on running crawls. A request beyond it waits in line up to
/// <see cref="CrawlSocketOptions.QueueTimeout"/>, then is told the server is busy.
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

    public void Dispose() => _slots.Dispose();

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
