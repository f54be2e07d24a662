using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using LlmsTxt.Server.Crawls;

namespace LlmsTxt.Server.Tests.Crawls;

public sealed class CrawlSocketConnectionTests
{
    [Fact]
    public async Task LongTextArrivesAsOneMessageByteForByteAsSerialisedWhole()
    {
        // 200,000 characters with what JSON must escape, non-ASCII text and a surrogate pair on a fragment boundary.
        var sb = new StringBuilder();
        while (sb.Length < 200_000)
        {
            sb.Append("## Page \"quoted\" <tag> & 'apostrophe'\n\nCafé – naïve 日本語 text\ttab\\backslash\u2028\n");
        }
        sb.Insert(8 * 1024 - 1, "\ud83d\ude00");
        var message = CrawlMessage.FullText(sb.ToString());
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port);
        using var accepted = await listener.AcceptTcpClientAsync();
        using var serverSide = WebSocket.CreateFromStream(accepted.GetStream(), isServer: true, subProtocol: null, TimeSpan.Zero);
        using var clientSide = WebSocket.CreateFromStream(client.GetStream(), isServer: false, subProtocol: null, TimeSpan.Zero);
        using var connection = new CrawlSocketConnection(serverSide);

        var sending = connection.SendAsync(message).AsTask();
        var received = new MemoryStream();
        var buffer = new byte[64 * 1024];
        var fragments = 0;
        ValueWebSocketReceiveResult result;
        do
        {
            result = await clientSide.ReceiveAsync(buffer.AsMemory(), CancellationToken.None);
            received.Write(buffer, 0, result.Count);
            fragments++;
        }
        while (!result.EndOfMessage);
        await sending;

        Assert.Equal(WebSocketMessageType.Text, result.MessageType);
        Assert.True(fragments > 1, "a long text is sent in fragments, not serialised whole");
        Assert.Equal(message.ToUtf8Json(), received.ToArray());
    }
}
