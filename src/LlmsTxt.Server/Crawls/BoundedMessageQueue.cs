using System.Threading.Channels;

namespace LlmsTxt.Server.Crawls;

/// <summary>
/// The one sender of a crawl socket: a single task drains a bounded queue into the socket, so crawler
/// threads never wait on the network and a slow reader can't grow server memory. When the queue is
/// full, droppable messages (log, progress) are dropped and counted; the rest wait for room.
/// </summary>
public sealed class BoundedMessageQueue : IAsyncDisposable
{
    private readonly ICrawlMessageSink _sink;
    private readonly Channel<CrawlMessage> _queue;
    private readonly CancellationToken _gone;
    private readonly Task _sender;
    private int _dropped;

    public BoundedMessageQueue(ICrawlMessageSink sink, int capacity, CancellationToken gone)
    {
        _sink = sink;
        _gone = gone;
        _queue = Channel.CreateBounded<CrawlMessage>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _sender = Task.Run(SendLoopAsync, CancellationToken.None);
    }

    /// <summary>Messages dropped because the client read too slowly.</summary>
    public int Dropped => Volatile.Read(ref _dropped);

    /// <summary>Queues a message that may be dropped when the client falls behind.</summary>
    public void Post(CrawlMessage message)
    {
        if (!_queue.Writer.TryWrite(message)) Interlocked.Increment(ref _dropped);
    }

    /// <summary>Queues a message that must arrive, waiting for room.</summary>
    public async ValueTask SendAsync(CrawlMessage message, CancellationToken cancellationToken = default)
    {
        try
        {
            await _queue.Writer.WriteAsync(message, cancellationToken);
        }
        catch (ChannelClosedException)
        {
        }
    }

    /// <summary>Waits until everything queued so far has been handed to the socket.</summary>
    public async Task DrainAsync()
    {
        _queue.Writer.TryComplete();
        await _sender;
    }

    private async Task SendLoopAsync()
    {
        try
        {
            await foreach (var message in _queue.Reader.ReadAllAsync(_gone))
            {
                await _sink.SendAsync(message, _gone);
            }
        }
        catch (OperationCanceledException)
        {
            // The client is gone: what is left in the queue has nobody to read it.
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _sender;
    }
}
