using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;

namespace LlmsTxt.Server.Crawls;

/// <summary>How a receive ended.</summary>
public enum ReceiveStatus
{
    Message,
    Closed,
    TooBig,
    NotText,
}

public readonly record struct Received(ReceiveStatus Status, string? Text = null);

/// <summary>
/// One socket's two directions: a single sender draining a bounded queue (a slow reader can't grow
/// server memory; log lines beyond the queue are dropped and counted) and a capped receiver.
/// </summary>
public sealed class SocketConnection : IAsyncDisposable
{
    private readonly WebSocket _socket;
    private readonly CrawlSocketOptions _options;
    private readonly Channel<SocketMessage> _queue;
    private readonly CancellationTokenSource _abort = new();
    private readonly Task _sender;
    private int _dropped;
    private int _closing;

    public SocketConnection(WebSocket socket, CrawlSocketOptions options)
    {
        _socket = socket;
        _options = options;
        _queue = Channel.CreateBounded<SocketMessage>(new BoundedChannelOptions(options.SendQueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _sender = Task.Run(SendLoopAsync);
    }

    /// <summary>Cancelled when the peer is gone (send stalled or failed).</summary>
    public CancellationToken Aborted => _abort.Token;

    /// <summary>Messages dropped because the client read too slowly.</summary>
    public int Dropped => Volatile.Read(ref _dropped);

    /// <summary>Queues a message that may be dropped when the client falls behind (log, progress).</summary>
    public bool TrySend(SocketMessage message)
    {
        if (_queue.Writer.TryWrite(message)) return true;
        Interlocked.Increment(ref _dropped);
        return false;
    }

    /// <summary>Queues a message that must arrive (result, url, error, done), waiting for room.</summary>
    public async ValueTask SendAsync(SocketMessage message, CancellationToken cancellationToken = default)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _abort.Token);
        try
        {
            await _queue.Writer.WriteAsync(message, linked.Token);
        }
        catch (ChannelClosedException)
        {
        }
    }

    /// <summary>Reads one whole message, refusing anything over the size cap.</summary>
    public async Task<Received> ReceiveAsync(CancellationToken cancellationToken = default)
    {
        var buffer = new byte[8 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            WebSocketReceiveResult result;
            try
            {
                result = await _socket.ReceiveAsync(buffer, cancellationToken);
            }
            catch (WebSocketException)
            {
                return new Received(ReceiveStatus.Closed);
            }
            if (result.MessageType == WebSocketMessageType.Close) return new Received(ReceiveStatus.Closed);
            if (message.Length + result.Count > _options.MaxMessageBytes) return new Received(ReceiveStatus.TooBig);
            message.Write(buffer, 0, result.Count);
            if (!result.EndOfMessage) continue;
            return result.MessageType == WebSocketMessageType.Text
                ? new Received(ReceiveStatus.Message, Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length))
                : new Received(ReceiveStatus.NotText);
        }
    }

    /// <summary>
    /// Sends what is queued (unless <paramref name="drain"/> is false), then the close frame.
    /// Safe to call more than once; only the first call closes.
    /// </summary>
    public async Task CloseAsync(WebSocketCloseStatus status, string reason, bool drain = true)
    {
        if (Interlocked.Exchange(ref _closing, 1) == 1) return;
        _queue.Writer.TryComplete();
        if (!drain) await _abort.CancelAsync();
        try
        {
            await _sender.WaitAsync(_options.SendTimeout);
        }
        catch (TimeoutException)
        {
            await _abort.CancelAsync();
        }
        if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await _socket.CloseOutputAsync(status, reason, timeout.Token);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
            {
                _socket.Abort();
            }
        }
    }

    private async Task SendLoopAsync()
    {
        try
        {
            await foreach (var message in _queue.Reader.ReadAllAsync(_abort.Token))
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_abort.Token);
                timeout.CancelAfter(_options.SendTimeout);
                await _socket.SendAsync(message.ToUtf8(), WebSocketMessageType.Text, endOfMessage: true, timeout.Token);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            // The client stopped reading or went away: nothing more can be delivered.
            await _abort.CancelAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _abort.CancelAsync();
        try
        {
            await _sender;
        }
        catch (OperationCanceledException)
        {
        }
        _abort.Dispose();
    }
}
