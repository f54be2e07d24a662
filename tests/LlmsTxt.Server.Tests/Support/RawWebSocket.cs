using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace LlmsTxt.Server.Tests.Support;

/// <summary>One WebSocket frame as the server sent it.</summary>
public sealed record RawFrame(int Opcode, byte[] Payload)
{
    public const int Text = 0x1;
    public const int Close = 0x8;
    public const int Ping = 0x9;
    public const int Pong = 0xA;
}

/// <summary>
/// A WebSocket client written by hand over TCP: it does the upgrade handshake and then only what the
/// test tells it, so it can stay silent when the server pings (which no ordinary client does).
/// </summary>
public sealed class RawWebSocket : IAsyncDisposable
{
    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;

    private RawWebSocket(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
    }

    public static async Task<RawWebSocket> ConnectAsync(Uri socketUri, CancellationToken cancellationToken)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync(socketUri.Host, socketUri.Port, cancellationToken);
        var raw = new RawWebSocket(tcp);
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        var request = $"GET {socketUri.PathAndQuery} HTTP/1.1\r\nHost: {socketUri.Authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
            $"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n";
        await raw._stream.WriteAsync(Encoding.ASCII.GetBytes(request), cancellationToken);
        var head = await raw.ReadHeadAsync(cancellationToken);
        if (!head.StartsWith("HTTP/1.1 101", StringComparison.Ordinal))
        {
            await raw.DisposeAsync();
            throw new InvalidOperationException("Upgrade refused: " + head);
        }

        return raw;
    }

    /// <summary>The next frame, or null when the server closed or dropped the connection.</summary>
    public async Task<RawFrame?> ReadFrameAsync(CancellationToken cancellationToken)
    {
        try
        {
            var start = new byte[2];
            if (!await FillAsync(start, cancellationToken))
            {
                return null;
            }

            long length = start[1] & 0x7F;
            if (length >= 126)
            {
                var extended = new byte[length == 126 ? 2 : 8];
                if (!await FillAsync(extended, cancellationToken))
                {
                    return null;
                }

                length = extended.Aggregate(0L, (n, b) => (n << 8) | b);
            }

            var payload = new byte[length];
            return await FillAsync(payload, cancellationToken) ? new RawFrame(start[0] & 0x0F, payload) : null;
        }
        catch (IOException)
        {
            // Reset by the server: as closed as it gets.
            return null;
        }
    }

    /// <summary>Sends one final frame, masked as a client must.</summary>
    public async Task SendFrameAsync(int opcode, byte[] payload, CancellationToken cancellationToken)
    {
        if (payload.Length >= 126)
        {
            throw new ArgumentException("Small frames only.", nameof(payload));
        }

        var mask = RandomNumberGenerator.GetBytes(4);
        var frame = new byte[6 + payload.Length];
        frame[0] = (byte)(0x80 | opcode);
        frame[1] = (byte)(0x80 | payload.Length);
        mask.CopyTo(frame, 2);
        for (var i = 0; i < payload.Length; i++)
        {
            frame[6 + i] = (byte)(payload[i] ^ mask[i % 4]);
        }

        await _stream.WriteAsync(frame, cancellationToken);
    }

    private async Task<bool> FillAsync(byte[] buffer, CancellationToken cancellationToken)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await _stream.ReadAsync(buffer.AsMemory(read), cancellationToken);
            if (n == 0)
            {
                return false;
            }

            read += n;
        }

        return true;
    }

    // Byte by byte, so not one byte of the first frame is swallowed with the headers.
    private async Task<string> ReadHeadAsync(CancellationToken cancellationToken)
    {
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (!await FillAsync(one, cancellationToken))
            {
                break;
            }

            head.Append((char)one[0]);
        }

        return head.ToString();
    }

    public ValueTask DisposeAsync()
    {
        _stream.Dispose();
        _tcp.Dispose();
        return ValueTask.CompletedTask;
    }
}
