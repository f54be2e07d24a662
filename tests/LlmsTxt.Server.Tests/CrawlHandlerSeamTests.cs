using System.Net.WebSockets;
using System.Text;
using LlmsTxt.Server.Crawls;
using LlmsTxt.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LlmsTxt.Server.Tests;

/// <summary>The seam the crawl pipeline plugs into: a replacement <see cref="ICrawlHandler"/> and what the session does around it.</summary>
public sealed class CrawlHandlerSeamTests : IDisposable
{
    private readonly ScriptedHandler _handler = new();
    private readonly ServerHost _server;

    public CrawlHandlerSeamTests() =>
        _server = new ServerHost(new Dictionary<string, string?>(), services => services.AddSingleton<ICrawlHandler>(_handler));

    [Fact]
    public async Task StreamsTheHandlersMessagesInOrderThenCloses1000()
    {
        var outcome = await SocketClient.ExchangeAsync(_server.SocketUri(), """{"url":"https://plain.test/","maxPages":3}""");

        Assert.Equal(WebSocketCloseStatus.NormalClosure, outcome.CloseStatus);
        Assert.Equal(["log", "progress", "result", "done"], outcome.Messages.Select(m => m.GetProperty("type").GetString()));
        var progress = outcome.Messages[1].GetProperty("content");
        Assert.Equal(1, progress.GetProperty("crawled").GetInt32());
        Assert.Equal(3, progress.GetProperty("maxPages").GetInt32());
        Assert.Equal("# Plain", outcome.Messages[2].GetProperty("content").GetString());
        Assert.Equal(1, outcome.Messages[3].GetProperty("content").GetProperty("pages").GetInt32());
    }

    [Fact]
    public async Task CancelMessageAsksTheHandlerToStopAndItsResultStillArrives()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(_server.SocketUri(), timeout.Token);
        await SendAsync(socket, """{"url":"https://cancel.test/"}""", timeout.Token);
        await ReadOneAsync(socket, timeout.Token);
        await SendAsync(socket, """{"type":"cancel"}""", timeout.Token);

        var outcome = await SocketClient.ReadUntilCloseAsync(socket, timeout.Token);

        Assert.Equal(WebSocketCloseStatus.NormalClosure, outcome.CloseStatus);
        Assert.Equal("partial", Assert.Single(outcome.OfType("result")).GetProperty("content").GetString());
        Assert.Single(outcome.OfType("done"));
    }

    [Fact]
    public async Task ClientDisconnectCancelsTheHandler()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(_server.SocketUri(), timeout.Token);
        await SendAsync(socket, """{"url":"https://disconnect.test/"}""", timeout.Token);
        await ReadOneAsync(socket, timeout.Token);

        socket.Abort();

        await _handler.Cancelled.Task.WaitAsync(timeout.Token);
    }

    [Fact]
    public async Task HandlerFailureBecomesAPlainErrorWithoutInternals()
    {
        var outcome = await SocketClient.ExchangeAsync(_server.SocketUri(), """{"url":"https://throw.test/"}""");

        Assert.Equal(WebSocketCloseStatus.NormalClosure, outcome.CloseStatus);
        var error = Assert.Single(outcome.OfType("error")).GetProperty("content").GetString()!;
        Assert.Contains("internal error", error, StringComparison.Ordinal);
        Assert.DoesNotContain("boom", error, StringComparison.Ordinal);
    }

    private static Task SendAsync(ClientWebSocket socket, string text, CancellationToken cancellationToken) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, cancellationToken);

    private static async Task ReadOneAsync(ClientWebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        ValueWebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer.AsMemory(), cancellationToken);
        }
        while (!result.EndOfMessage);
    }

    public void Dispose() => _server.Dispose();

    private sealed class ScriptedHandler : ICrawlHandler
    {
        public TaskCompletionSource Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task HandleAsync(CrawlSession session, CancellationToken cancellationToken = default)
        {
            await session.Messages.SendAsync(CrawlMessage.Log("Crawling " + session.Request.Url), cancellationToken);
            switch (session.Request.Url.Host)
            {
                case "cancel.test":
                    await WaitAsync(session.StopRequested);
                    await session.Messages.SendAsync(CrawlMessage.Result("partial"), cancellationToken);
                    await session.Messages.SendAsync(CrawlMessage.Done(new CrawlDone(0, 0, 0.1)), cancellationToken);
                    return;
                case "disconnect.test":
                    await WaitAsync(cancellationToken);
                    Cancelled.TrySetResult();
                    cancellationToken.ThrowIfCancellationRequested();
                    return;
                case "throw.test":
                    throw new InvalidOperationException("boom: internal detail");
                default:
                    await session.Messages.SendAsync(CrawlMessage.Progress(new CrawlProgress(1, 0, 0, session.Request.MaxPages)), cancellationToken);
                    await session.Messages.SendAsync(CrawlMessage.Result("# Plain"), cancellationToken);
                    await session.Messages.SendAsync(CrawlMessage.Done(new CrawlDone(1, 0, 0.5)), cancellationToken);
                    return;
            }
        }

        private static async Task WaitAsync(CancellationToken token)
        {
            try
            {
                await Task.Delay(Timeout.Infinite, token);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }
}

public sealed class RequestTimeoutTests : IDisposable
{
    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly ServerHost _server;

    public RequestTimeoutTests() =>
        _server = new ServerHost(new Dictionary<string, string?>(), services => services.AddSingleton<TimeProvider>(_clock));

    [Fact]
    public async Task SocketThatSendsNoRequestGetsAnErrorAndIsClosed()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var mark = _server.Logs.Count;
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(_server.SocketUri(), timeout.Token);
        await _server.Logs.WaitForAsync(l => l.EventId.Id == CrawlSocketLog.AwaitingRequestId, mark, timeout.Token);

        _clock.Advance(new CrawlSocketOptions().RequestTimeout);
        var outcome = await SocketClient.ReadUntilCloseAsync(socket, timeout.Token);

        Assert.Equal(WebSocketCloseStatus.NormalClosure, outcome.CloseStatus);
        Assert.Contains("No crawl request arrived within 10 s", Assert.Single(outcome.OfType("error")).GetProperty("content").GetString(), StringComparison.Ordinal);
    }

    public void Dispose() => _server.Dispose();
}
