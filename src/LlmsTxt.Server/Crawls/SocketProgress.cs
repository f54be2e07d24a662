using LlmsTxt.Core.Generation;

namespace LlmsTxt.Server.Crawls;

/// <summary>
/// Turns generation events into socket messages: every log line (dropped only when the client is
/// too slow), and progress at most once per interval — the latest counts win, none pile up.
/// </summary>
internal sealed class SocketProgress(BoundedMessageQueue queue, TimeSpan interval, TimeProvider time) : IProgress<GenerationEvent>, IDisposable
{
    private readonly Lock _gate = new();
    private long? _lastSent;
    private GenerationProgress? _pending;
    private ITimer? _timer;
    private GenerationProgress? _latest;

    /// <summary>The newest counts reported (sent or not): a crawl that fails still reports its failed pages in <c>done</c>.</summary>
    public GenerationProgress? Latest
    {
        get
        {
            lock (_gate) return _latest;
        }
    }

    public void Report(GenerationEvent value)
    {
        // Events come from crawler threads; the lock keeps their order on the socket.
        lock (_gate)
        {
            switch (value)
            {
                case GenerationLog log:
                    queue.Post(CrawlMessage.Log(log.Message));
                    break;
                case GenerationProgress progress:
                    _latest = progress;
                    var now = time.GetTimestamp();
                    if (_lastSent is { } last && time.GetElapsedTime(last, now) is var elapsed && elapsed < interval)
                    {
                        // Held back; a timer sends it when the interval is over unless newer counts come first.
                        _pending = progress;
                        _timer ??= time.CreateTimer(_ => OnTimer(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                        _timer.Change(interval - elapsed, Timeout.InfiniteTimeSpan);
                        return;
                    }
                    _lastSent = now;
                    _pending = null;
                    Send(progress);
                    break;
            }
        }
    }

    /// <summary>Sends the last progress held back, so the final counts always arrive.</summary>
    public void Flush()
    {
        lock (_gate)
        {
            if (_pending is { } progress) Send(progress);
            _pending = null;
        }
    }

    private void OnTimer()
    {
        lock (_gate)
        {
            if (_pending is not { } progress) return;
            _pending = null;
            _lastSent = time.GetTimestamp();
            Send(progress);
        }
    }

    public void Dispose()
    {
        lock (_gate) _timer?.Dispose();
    }

    private void Send(GenerationProgress p) => queue.Post(CrawlMessage.Progress(new CrawlProgress(p.Crawled, p.Failed, p.Queued, p.MaxPages)));
}
