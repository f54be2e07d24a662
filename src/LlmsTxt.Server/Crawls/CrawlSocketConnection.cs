using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace LlmsTxt.Server.Crawls;

/// <summary>What one receive produced.</summary>
public enum ReceivedKind
{
    Text,
    Binary,
    TooLarge,
    Closed,
}

public sealed record ReceivedMessage(ReceivedKind Kind, string Text = "", int Bytes = 0);

/// <summary>
/// The crawl socket seen as whole messages: sends are serialised (one frame sequence at a time, as
/// WebSocket requires) and receives are capped at <see cref="MaxMessageBytes"/>.
/// </summary>
public sealed class CrawlSocketConnection(WebSocket socket) : ICrawlMessageSink, IDisposable
{
    /// <summary>SPEC: incoming messages are capped at 64 KiB.</summary>
    public const int MaxMessageBytes = 64 * 1024;

    private readonly SemaphoreSlim _sendLock = new(1, 1);

    public WebSocketState State => socket.State;

    public async ValueTask SendAsync(CrawlMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var bytes = message.Content is string { Length: > StreamedChars } ? null : message.ToUtf8Json();
        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                if (bytes is null)
                {
                    await SendStreamedAsync(message.Type, (string)message.Content!, cancellationToken);
                }
                else
                {
                    await socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
                }
            }
        }
        catch (WebSocketException)
        {
            // The client went away; the session notices through its receive loop.
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Text content longer than this is sent in fragments (see <see cref="SendStreamedAsync"/>).</summary>
    private const int StreamedChars = 32 * 1024;

    /// <summary>
    /// Sends <c>{"type":T,"content":"…"}</c> as one message in fragments of a few KiB, byte for byte what
    /// <see cref="CrawlMessage.ToUtf8Json"/> writes. An llms-full.txt of 4,000,000 characters serialised whole made
    /// the JSON writer ask for 6 bytes a character (24 MB), a buffer the array pool then kept for good.
    /// </summary>
    private async Task SendStreamedAsync(string type, string content, CancellationToken cancellationToken)
    {
        const int Chunk = 8 * 1024;
        var buffer = new ArrayBufferWriter<byte>(Chunk * 7);
        using var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = CrawlMessage.Json.Encoder });
        writer.WriteStartObject();
        writer.WriteString(CrawlMessage.Json.PropertyNamingPolicy!.ConvertName(nameof(CrawlMessage.Type)), type);
        writer.WritePropertyName(CrawlMessage.Json.PropertyNamingPolicy.ConvertName(nameof(CrawlMessage.Content)));
        for (var at = 0; at < content.Length; at += Chunk)
        {
            var part = content.AsMemory(at, Math.Min(Chunk, content.Length - at));
            writer.WriteStringValueSegment(part.Span, isFinalSegment: at + part.Length == content.Length);
            writer.Flush();
            await socket.SendAsync(buffer.WrittenMemory, WebSocketMessageType.Text, endOfMessage: false, cancellationToken);
            buffer.ResetWrittenCount();
        }
        writer.WriteEndObject();
        writer.Flush();
        await socket.SendAsync(buffer.WrittenMemory, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
    }

    /// <summary>Reads one whole message. A message over the cap is not buffered: reading stops at the cap.</summary>
    public async Task<ReceivedMessage> ReceiveAsync(CancellationToken cancellationToken = default)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(MaxMessageBytes + 1);
        try
        {
            var count = 0;
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer.AsMemory(count, MaxMessageBytes + 1 - count), cancellationToken);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return new ReceivedMessage(ReceivedKind.Closed);
                }

                count += result.Count;
                if (count > MaxMessageBytes)
                {
                    return new ReceivedMessage(ReceivedKind.TooLarge, Bytes: count);
                }

                if (result.EndOfMessage)
                {
                    return result.MessageType == WebSocketMessageType.Text
                        ? new ReceivedMessage(ReceivedKind.Text, Encoding.UTF8.GetString(buffer, 0, count), count)
                        : new ReceivedMessage(ReceivedKind.Binary, Bytes: count);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Sends the close frame (without waiting for the client's, so nothing more is read).</summary>
    public async Task CloseAsync(WebSocketCloseStatus status, string reason, CancellationToken cancellationToken = default)
    {
        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await socket.CloseOutputAsync(status, reason, cancellationToken);
            }
        }
        catch (WebSocketException)
        {
        }
        finally
        {
            _sendLock.Release();
        }
    }

    public void Dispose() => _sendLock.Dispose();
}
