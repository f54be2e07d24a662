using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace LlmsTxt.Bench.Hostile;

/// <summary>One crawl over a server's <c>/ws/crawl</c>, as a client sees it: every message, in order.</summary>
internal static class SocketCrawl
{
    public static async Task<List<(string Type, JsonElement Content)>> RunAsync(Uri socketUri, Uri site, int maxPages, bool full = false)
    {
        using var socket = new ClientWebSocket();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await socket.ConnectAsync(socketUri, timeout.Token);
        var request = JsonSerializer.Serialize(new { url = site.AbsoluteUri, maxPages, full });
        await socket.SendAsync(Encoding.UTF8.GetBytes(request), WebSocketMessageType.Text, true, timeout.Token);
        var messages = new List<(string, JsonElement)>();
        var buffer = new byte[4 * 1024 * 1024];
        while (true)
        {
            var count = 0;
            ValueWebSocketReceiveResult result;
            do
            {
                if (count == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
                result = await socket.ReceiveAsync(buffer.AsMemory(count), timeout.Token);
                count += result.Count;
            }
            while (!result.EndOfMessage);
            if (result.MessageType == WebSocketMessageType.Close) break;
            var message = JsonDocument.Parse(buffer.AsMemory(0, count)).RootElement.Clone();
            messages.Add((message.GetProperty("type").GetString()!, message.GetProperty("content")));
        }
        return messages;
    }
}
