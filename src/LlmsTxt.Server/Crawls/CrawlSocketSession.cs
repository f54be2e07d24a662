using System.Net.WebSockets;
using Microsoft.Extensions.Options;

namespace LlmsTxt.Server.Crawls;

/// <summary>
/// Drives one authenticated socket: reads the single request message, answers a bad one with one
/// <c>error</c> and close 1000, otherwise hands a <see cref="CrawlSession"/> to the <see cref="ICrawlHandler"/>
/// while watching the socket for <c>{"type":"cancel"}</c> and for the client going away.
/// </summary>
public sealed class CrawlSocketSession(ICrawlHandler handler, TimeProvider time, IOptions<CrawlSocketOptions> options, ILogger<CrawlSocketSession> logger)
{
    /// <summary>How long to wait for the client's close frame after ours before dropping the connection.</summary>
    public static readonly TimeSpan CloseHandshakeTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// A client must send its request this soon after connecting (<c>WS_REQUEST_TIMEOUT</c>, seconds rather than the
    /// ping interval): an idle socket is not held open, so idle sockets can't fill the socket caps.
    /// </summary>
    private TimeSpan RequestTimeout => options.Value.RequestTimeout;

    public async Task RunAsync(WebSocket socket, string client, CancellationToken cancellationToken = default)
    {
        using var connection = new CrawlSocketConnection(socket);
        var first = await ReadAsync(connection, client, cancellationToken);
        if (first is null)
        {
            return;
        }

        switch (CrawlRequestParser.Parse(first))
        {
            case CancelRequested:
                CrawlSocketLog.CancelRequested(logger, client);
                await connection.CloseAsync(WebSocketCloseStatus.NormalClosure, "Cancelled", cancellationToken);
                return;
            case InvalidClientMessage invalid:
                CrawlSocketLog.InvalidRequest(logger, client, invalid.Field);
                await connection.SendAsync(CrawlMessage.Error(invalid.Message), cancellationToken);
                await CloseAndDrainAsync(connection, receiving: null, cancellationToken);
                return;
            case CrawlRequested { Request: var request }:
                CrawlSocketLog.CrawlRequested(logger, client, request.Url.GetLeftPart(UriPartial.Path), request.MaxPages, request.Full);
                await CrawlAsync(connection, request, client, cancellationToken);
                return;
        }
    }

    private async Task CrawlAsync(CrawlSocketConnection connection, CrawlSocketRequest request, string client, CancellationToken cancellationToken)
    {
        using var stop = new CancellationTokenSource();
        using var gone = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var watching = WatchAsync(connection, client, stop, gone);
        try
        {
            if (await RunHandlerAsync(new CrawlSession(request, connection, client, stop.Token), gone))
            {
                await CloseAndDrainAsync(connection, watching, cancellationToken);
            }
        }
        finally
        {
            // The watcher must be finished before its token sources are disposed.
            await gone.CancelAsync();
            await watching;
        }
    }

    /// <summary>Runs the handler; false when the client is gone (nothing left to send or close).</summary>
    private async Task<bool> RunHandlerAsync(CrawlSession session, CancellationTokenSource gone)
    {
        try
        {
            await handler.HandleAsync(session, gone.Token);
        }
        catch (OperationCanceledException) when (gone.IsCancellationRequested)
        {
            return false;
        }
        catch (OperationCanceledException) when (session.StopRequested.IsCancellationRequested)
        {
            // The handler let the stop signal escape; the client asked for it, so this is a normal end.
        }
        catch (Exception e)
        {
            logger.LogError(e, "Crawl for {Client} failed", session.Client);
            await session.Messages.SendAsync(CrawlMessage.Error("The crawl failed because of an internal error on the server."), gone.Token);
        }

        return true;
    }

    /// <summary>Reads messages after the request: "cancel" stops the crawl, a close or a broken connection aborts it.</summary>
    private async Task WatchAsync(CrawlSocketConnection connection, string client, CancellationTokenSource stop, CancellationTokenSource gone)
    {
        try
        {
            while (!gone.IsCancellationRequested)
            {
                var message = await connection.ReceiveAsync(gone.Token);
                CrawlSocketLog.MessageRead(logger, client, message.Kind, message.Bytes);
                if (message.Kind == ReceivedKind.TooLarge)
                {
                    await connection.CloseAsync(WebSocketCloseStatus.MessageTooBig, "Message too big", gone.Token);
                }

                if (message.Kind is ReceivedKind.Closed or ReceivedKind.TooLarge)
                {
                    break;
                }

                if (message.Kind == ReceivedKind.Text && CrawlRequestParser.Parse(message.Text) is CancelRequested && !stop.IsCancellationRequested)
                {
                    CrawlSocketLog.CancelRequested(logger, client);
                    await stop.CancelAsync();
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
        }

        await gone.CancelAsync();
    }

    /// <summary>Reads the request message; null when there is nothing to answer (closed, or already answered).</summary>
    private async Task<string?> ReadAsync(CrawlSocketConnection connection, string client, CancellationToken cancellationToken)
    {
        // Not a cancelled receive: cancelling aborts the socket, and the client deserves an explanation.
        var receiving = connection.ReceiveAsync(cancellationToken);
        using (var stopTimer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            var timer = Task.Delay(RequestTimeout, time, stopTimer.Token);
            CrawlSocketLog.AwaitingRequest(logger, client, RequestTimeout);
            if (await Task.WhenAny(receiving, timer) == timer && timer.IsCompletedSuccessfully)
            {
                CrawlSocketLog.RequestTimedOut(logger, client);
                await connection.SendAsync(CrawlMessage.Error($"No crawl request arrived within {RequestTimeout.TotalSeconds:0} s; send {{\"url\":\"https://...\"}} as soon as the socket opens."), cancellationToken);
                await CloseAndDrainAsync(connection, receiving, cancellationToken);
                return null;
            }

            await stopTimer.CancelAsync();
        }

        ReceivedMessage message;
        try
        {
            message = await receiving;
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            return null;
        }

        CrawlSocketLog.MessageRead(logger, client, message.Kind, message.Bytes);
        switch (message.Kind)
        {
            case ReceivedKind.Text:
                return message.Text;
            case ReceivedKind.TooLarge:
                await connection.SendAsync(CrawlMessage.Error($"The request message is larger than {CrawlSocketConnection.MaxMessageBytes / 1024} KiB; send one small JSON object."), cancellationToken);
                await connection.CloseAsync(WebSocketCloseStatus.MessageTooBig, "Message too big", cancellationToken);
                return null;
            case ReceivedKind.Binary:
                CrawlSocketLog.InvalidRequest(logger, client, CrawlRequestParser.MessageField);
                await connection.SendAsync(CrawlMessage.Error("The request must be a JSON text message, not binary."), cancellationToken);
                await CloseAndDrainAsync(connection, receiving: null, cancellationToken);
                return null;
            default:
                return null;
        }
    }

    /// <summary>Closes with 1000 and gives the client a moment to answer with its close frame (a clean handshake).</summary>
    private async Task CloseAndDrainAsync(CrawlSocketConnection connection, Task? receiving, CancellationToken cancellationToken)
    {
        await connection.CloseAsync(WebSocketCloseStatus.NormalClosure, "", cancellationToken);
        using var timeout = new CancellationTokenSource(CloseHandshakeTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            if (receiving is not null)
            {
                await receiving.WaitAsync(linked.Token);
                return;
            }

            while (connection.State == WebSocketState.CloseSent)
            {
                if ((await connection.ReceiveAsync(linked.Token)).Kind == ReceivedKind.Closed)
                {
                    return;
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
        }
    }
}
