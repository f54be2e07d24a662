using LlmsTxt.Core.Generation;

namespace LlmsTxt.Server.Crawls;

/// <summary>
/// Turns generation events into socket messages: every log line (dropped only when the client is
/// too slow), and progress at most once per interval — the latest counts win, none are queued up.
/// </summary>
internal sealed class SocketProgress(SocketConnection connection, TimeSpan interval, TimeProvider time) : IProgress<GenerationEvent>
{
    private readonly Lock _gate = new();
    private long _lastSent = long.MinValue;
    private GenerationProgress? _pending;

    public void Report(GenerationEvent value)
    {
        switch (value)
        {
            case GenerationLog log:
                lock (_gate) connection.TrySend(new SocketMessage("log", log.Message));
                break;
            case GenerationProgress progress:
                lock (_gate)
                {
                    var now = time.GetTimestamp();
                    if (_lastSent != long.MinValue && time.GetElapsedTime(_lastSent, now) < interval)
                    {
                        _pending = progress;
                        return;
                    }
                    _lastSent = now;
                    _pending = null;
                    Send(progress);
                }
                break;
        }
    }

    /// <summary>Sends the last progress that was held back, so the final counts always arrive.</summary>
    public void Flush()
    {
        lock (_gate)
        {
            if (_pending is { } progress) Send(progress);
            _pending = null;
        }
    }

    private void Send(GenerationProgress p) =>
        connection.TrySend(new SocketMessage("progress", new ProgressContent(p.Crawled, p.Failed, p.Queued, p.MaxPages)));
}
