namespace LlmsTxt.Core.Crawling;

/// <summary>
/// Politeness per host: at most N requests in flight, request starts spaced by the crawl delay
/// (max of robots.txt <c>Crawl-delay</c> and the configured minimum, capped), and a pause for everyone
/// after a <c>Retry-After</c>. Hosts are keyed by site host, so <c>www.</c> and the bare host share one budget.
/// </summary>
public sealed class HostThrottle(int maxConcurrencyPerHost, TimeProvider timeProvider)
{
    private readonly Dictionary<string, HostState> _hosts = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Sets the spacing between request starts to <paramref name="host"/>.</summary>
    public void SetDelay(string host, TimeSpan delay)
    {
        var state = Get(host);
        lock (state)
        {
            state.Delay = delay;
        }
    }

    /// <summary>No request to <paramref name="host"/> starts before <paramref name="until"/> (Retry-After).</summary>
    public void PauseUntil(string host, DateTimeOffset until)
    {
        var state = Get(host);
        lock (state)
        {
            if (until > state.NotBefore)
            {
                state.NotBefore = until;
            }
        }
    }

    /// <summary>Waits for a slot for <paramref name="host"/>; dispose the lease when the response is read.</summary>
    public async Task<IDisposable> AcquireAsync(string host, CancellationToken cancellationToken = default)
    {
        var state = Get(host);
        await state.Slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (true)
            {
                TimeSpan wait;
                lock (state)
                {
                    var now = timeProvider.GetUtcNow();
                    if (state.NotBefore <= now)
                    {
                        state.NotBefore = now + state.Delay;
                        return new Lease(state.Slots);
                    }
                    wait = state.NotBefore - now;
                }
                await Task.Delay(wait, timeProvider, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            state.Slots.Release();
            throw;
        }
    }

    private HostState Get(string host)
    {
        var key = Urls.UrlIdentity.SiteHost(host);
        lock (_hosts)
        {
            if (!_hosts.TryGetValue(key, out var state))
            {
                if (_hosts.Count >= 1000)
                {
                    ForgetIdleHosts();
                }
                state = new HostState(new SemaphoreSlim(maxConcurrencyPerHost, maxConcurrencyPerHost));
                _hosts[key] = state;
            }
            return state;
        }
    }

    /// <summary>A long-running server crawls many sites: hosts with nothing in flight and no pause pending are dropped.</summary>
    private void ForgetIdleHosts()
    {
        var now = timeProvider.GetUtcNow();
        foreach (var (host, state) in _hosts.ToList())
        {
            if (state.Slots.CurrentCount == maxConcurrencyPerHost && state.NotBefore <= now)
            {
                _hosts.Remove(host);
            }
        }
    }

    private sealed class HostState(SemaphoreSlim slots)
    {
        public SemaphoreSlim Slots { get; } = slots;
        public TimeSpan Delay { get; set; }
        public DateTimeOffset NotBefore { get; set; } = DateTimeOffset.MinValue;
    }

    private sealed class Lease(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                slots.Release();
            }
        }
    }
}
