using System.Collections.Concurrent;

namespace LlmsTxt.Core.Crawling;

/// <summary>
/// Politeness per host, for the whole process: at most N requests in flight and request starts spaced by the
/// caller's crawl delay (max of robots.txt <c>Crawl-delay</c> and the configured minimum, capped), and a pause for
/// everyone after a <c>Retry-After</c>. Every crawl and sitemap probe of a process shares one instance per bound
/// (<see cref="ForProcess"/>), so two users crawling one site at once still keep the bound and the delay together.
/// Hosts are keyed by site host and port, so <c>www.</c> and the bare host share one budget, and two servers on
/// one machine (different ports) have one each.
/// </summary>
public sealed class HostThrottle(int maxConcurrencyPerHost, TimeProvider timeProvider)
{
    /// <summary>Idle hosts are dropped once this many are known, so memory doesn't grow with the sites crawled.</summary>
    private const int IdleHostsKept = 256;

    private static readonly ConcurrentDictionary<int, HostThrottle> Process = new();
    private readonly Dictionary<string, HostState> _hosts = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The process-wide throttle for crawls allowing <paramref name="maxConcurrencyPerHost"/> requests per host (real clock).</summary>
    public static HostThrottle ForProcess(int maxConcurrencyPerHost) =>
        Process.GetOrAdd(maxConcurrencyPerHost, n => new HostThrottle(n, TimeProvider.System));

    /// <summary>How many hosts are tracked now (idle ones are forgotten).</summary>
    public int TrackedHosts
    {
        get
        {
            lock (_hosts)
            {
                return _hosts.Count;
            }
        }
    }

    /// <summary>No request to the host of <paramref name="url"/> starts before <paramref name="until"/> (Retry-After).</summary>
    public void PauseUntil(Uri url, DateTimeOffset until)
    {
        var state = Get(url);
        lock (state)
        {
            if (until > state.PausedUntil)
            {
                state.PausedUntil = until;
            }
        }
    }

    /// <summary>
    /// Waits for a slot for the host of <paramref name="url"/> whose start is at least <paramref name="spacing"/> after
    /// the previous request's start to that host (by any crawl); dispose the lease when the response is read.
    /// </summary>
    public async Task<IDisposable> AcquireAsync(Uri url, TimeSpan spacing, CancellationToken cancellationToken = default)
    {
        var state = Get(url);
        await state.Slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (true)
            {
                TimeSpan wait;
                lock (state)
                {
                    var now = timeProvider.GetUtcNow();
                    var notBefore = state.LastStart + spacing > state.PausedUntil ? state.LastStart + spacing : state.PausedUntil;
                    if (notBefore <= now)
                    {
                        (state.LastStart, state.LastSpacing) = (now, spacing);
                        return new Lease(state.Slots);
                    }
                    wait = notBefore - now;
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

    private HostState Get(Uri url)
    {
        var key = Urls.UrlIdentity.HostKey(url);
        lock (_hosts)
        {
            if (!_hosts.TryGetValue(key, out var state))
            {
                if (_hosts.Count >= IdleHostsKept)
                {
                    ForgetIdleHosts();
                }
                state = new HostState(new SemaphoreSlim(maxConcurrencyPerHost, maxConcurrencyPerHost));
                _hosts[key] = state;
            }
            return state;
        }
    }

    /// <summary>
    /// Hosts with nothing in flight, no pause pending and their crawl delay past since the last request start are
    /// dropped: a fresh entry paces the next request the same way.
    /// </summary>
    private void ForgetIdleHosts()
    {
        var now = timeProvider.GetUtcNow();
        foreach (var (host, state) in _hosts.ToList())
        {
            lock (state)
            {
                if (state.Slots.CurrentCount == maxConcurrencyPerHost && state.PausedUntil <= now && now - state.LastStart >= state.LastSpacing)
                {
                    _hosts.Remove(host);
                }
            }
        }
    }

    private sealed class HostState(SemaphoreSlim slots)
    {
        public SemaphoreSlim Slots { get; } = slots;
        public DateTimeOffset LastStart { get; set; } = DateTimeOffset.MinValue;
        public DateTimeOffset PausedUntil { get; set; } = DateTimeOffset.MinValue;
        public TimeSpan LastSpacing { get; set; }
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
