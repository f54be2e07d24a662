using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace LlmsTxt.Server.Tests.Support;

/// <summary>What a client saw on one socket, from connect to the server's close frame.</summary>
public sealed record SocketOutcome(IReadOnlyList<JsonElement> Messages, WebSocketCloseStatus? CloseStatus, string? CloseReason)
{
    public IEnumerable<JsonElement> OfType(string type) => Messages.Where(m => m.GetProperty("type").GetString() == type);
}

/// <summary>A real <see cref="ClientWebSocket"/> over TCP: connect, optionally send one text message, read until the server closes.</summary>
public static class SocketClient
{
    public static async Task<SocketOutcome> ExchangeAsync(Uri uri, string? send, Action<ClientWebSocketOptions>? configure = null, byte[]? sendBinary = null)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        using var socket = new ClientWebSocket();
        configure?.Invoke(socket.Options);
        await socket.ConnectAsync(uri, timeout.Token);
        try
        {
            if (send is not null)
            {
                await socket.SendAsync(Encoding.UTF8.GetBytes(send), WebSocketMessageType.Text, true, timeout.Token);
            }

            if (sendBinary is not null)
            {
                await socket.SendAsync(sendBinary, WebSocketMessageType.Binary, true, timeout.Token);
            }
        }
        catch (Exception e) when (e is WebSocketException or IOException)
        {
            // The server may already have closed (a rejected socket); what it sent is still readable.
        }

        return await ReadUntilCloseAsync(socket, timeout.Token);
    }

    public static async Task<SocketOutcome> ReadUntilCloseAsync(ClientWebSocket socket, CancellationToken cancellationToken)
    {
        var messages = new List<JsonElement>();
        var buffer = new byte[256 * 1024];
        while (true)
        {
            var count = 0;
            ValueWebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer.AsMemory(count), cancellationToken);
                count += result.Count;
            }
            while (!result.EndOfMessage);

            if (result.MessageType == WebSocketMessageType.Close)
            {
                return new SocketOutcome(messages, socket.CloseStatus, socket.CloseStatusDescription);
            }

            messages.Add(JsonDocument.Parse(buffer.AsMemory(0, count)).RootElement.Clone());
        }
    }
}
