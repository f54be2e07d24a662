using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using LlmsTxt.Server.Tests.Hosting;
using LlmsTxt.Server.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LlmsTxt.Server.Tests.Crawls;

/// <summary>A server that pings every second and drops a client whose pong is a second late.</summary>
public sealed class FastPingServer() : CrawlServer(new Dictionary<string, string?>
{
    ["WS_PING_INTERVAL"] = "1",
    ["WS_PONG_TIMEOUT"] = "1",
})
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);
}

/// <summary>Keep-alive on /ws/crawl: clients that stop answering pings are dropped; live ones are not.</summary>
public sealed class SocketKeepAliveTests(FastPingServer server) : IClassFixture<FastPingServer>
{
    private const int EndedId = 1103;
    private const int RequestTimedOutId = 1108;

    // Each test waits for its own socket's end, so the next test's log mark comes after it.
    private Task<LogLine> SocketEndedAsync(int mark) => server.Logs.WaitForAsync(l => l.EventId.Id == EndedId, mark);

    [Fact]
    public void DefaultsAreThirtySecondPingsAndAThirtySecondPongTimeout()
    {
        using var app = new ServerHost(new Dictionary<string, string?> { ["DATA_DIR"] = TestServices.NewTempFolder() });

        var options = app.Services.GetRequiredService<IOptions<WebSocketOptions>>().Value;

        Assert.Equal(TimeSpan.FromSeconds(30), options.KeepAliveInterval);
        Assert.Equal(TimeSpan.FromSeconds(30), options.KeepAliveTimeout);
    }

    [Fact]
    public async Task SilentRawClientIsPingedThenDropped()
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var mark = server.Started().Logs.Count;
        await using var raw = await RawWebSocket.ConnectAsync(server.SocketUri(), limit.Token);
        var clock = Stopwatch.StartNew();

        var frames = new List<RawFrame>();
        while (await raw.ReadFrameAsync(limit.Token) is { } frame)
        {
            frames.Add(frame);
        }

        // The connection ended (EOF or reset) long before the 30 s request timeout, after at least one unanswered ping.
        Assert.Contains(frames, f => f.Opcode == RawFrame.Ping);
        Assert.InRange(clock.Elapsed, FastPingServer.Interval, TimeSpan.FromSeconds(10));
        await SocketEndedAsync(mark);
        Assert.DoesNotContain(server.Logs.Since(mark), l => l.EventId.Id == RequestTimedOutId);
    }

    [Fact]
    public async Task ClientWebSocketThatNeverReadsIsDropped()
    {
        var mark = server.Started().Logs.Count;
        using var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = TimeSpan.Zero; // no unsolicited pongs: only a read would answer the pings
        await socket.ConnectAsync(server.SocketUri(), CancellationToken.None);

        // Never reading, the client never sees the pings; the server gives up on it.
        await SocketEndedAsync(mark);

        Assert.DoesNotContain(server.Logs.Since(mark), l => l.EventId.Id == RequestTimedOutId);
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await Assert.ThrowsAnyAsync<WebSocketException>(async () =>
        {
            var buffer = new byte[1024];
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer, limit.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    throw new InvalidOperationException("The server closed politely; it should have aborted.");
                }
            }
        });
    }

    [Fact]
    public async Task ReadingClientStaysConnectedAcrossSeveralPings()
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var mark = server.Started().Logs.Count;
        using var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = TimeSpan.Zero; // the pongs the server gets are answers to its own pings
        await socket.ConnectAsync(server.SocketUri(), limit.Token);
        var buffer = new byte[64 * 1024];
        // A pending read answers each ping as it arrives, as any client that reads does.
        var receiving = socket.ReceiveAsync(buffer.AsMemory(), limit.Token).AsTask();

        // Three ping intervals: a client that did not answer would have been dropped after one interval plus the timeout.
        await Task.Delay(3 * FastPingServer.Interval + FastPingServer.Timeout, limit.Token);
        Assert.False(receiving.IsCompleted, "The server ended a socket whose client answered every ping.");
        Assert.Equal(WebSocketState.Open, socket.State);
        Assert.DoesNotContain(server.Logs.Since(mark), l => l.EventId.Id == EndedId);

        // Still a working crawl socket: a bad request is answered and closed normally.
        await socket.SendAsync(Encoding.UTF8.GetBytes("{\"url\":\"ftp://nope\"}"), WebSocketMessageType.Text, true, limit.Token);
        var first = await receiving;
        Assert.Equal(WebSocketMessageType.Text, first.MessageType);
        Assert.Contains("\"error\"", Encoding.UTF8.GetString(buffer, 0, first.Count), StringComparison.Ordinal);
        var outcome = await SocketClient.ReadUntilCloseAsync(socket, limit.Token);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, outcome.CloseStatus);
        await SocketEndedAsync(mark);
    }
}
