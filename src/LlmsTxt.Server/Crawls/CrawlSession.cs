using System.Diagnostics;
using System.Net.WebSockets;
using System.Text.Json;
using LlmsTxt.Core.Generation;
using Microsoft.Extensions.Options;

namespace LlmsTxt.Server.Crawls;

/// <summary>A validated crawl request as the socket received it.</summary>
public sealed record CrawlSessionRequest(GenerationRequest Generation, bool EnableAutoUpdate, TimeSpan RecrawlInterval);

/// <summary>
/// Runs one authenticated, validated crawl request on its socket: waits for a crawl slot, streams
/// log and progress, answers <c>cancel</c> with a partial result, publishes the file, and closes.
/// A client that goes away cancels the crawl at once.
/// </summary>
public sealed partial class CrawlSession(
    LlmsTxtGenerator generator,
    CrawlSlots slots,
    CrawlPublisher publisher,
    IOptions<CrawlSocketOptions> options,
    TimeProvider time,
    ILogger<CrawlSession> logger)
{
    public async Task RunAsync(SocketConnection connection, CrawlSessionRequest request, HttpContext context, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.StartNew();
        // gone: the client disconnected (or stopped reading) — abandon everything, fetch nothing more.
        using var gone = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, connection.Aborted);
        // stop: the client asked to stop — build the file from what was fetched.
        using var stop = new CancellationTokenSource();
        var receiver = ReceiveControlAsync(connection, stop, gone);

        try
        {
            using var slot = await AcquireSlotAsync(connection, gone.Token);
            if (slot is null)
            {
                await connection.SendAsync(new SocketMessage("error",
                    $"The server is busy: all {slots.Capacity} crawl slots are in use and none came free within {options.Value.QueueTimeout.TotalSeconds:0} s. Try again in a minute."), gone.Token);
                await FinishAsync(connection, 0, 0, started);
                return;
            }
            if (stop.IsCancellationRequested)
            {
                await connection.SendAsync(new SocketMessage("error", "Stopped before the crawl started; nothing was fetched."), gone.Token);
                await FinishAsync(connection, 0, 0, started);
                return;
            }
            await GenerateAsync(connection, request, context, stop, started, gone.Token);
        }
        catch (OperationCanceledException) when (gone.IsCancellationRequested)
        {
            LogClientGone(logger, request.Generation.Url);
            await connection.CloseAsync(WebSocketCloseStatus.NormalClosure, "Cancelled", drain: false);
        }
        finally
        {
            // Give the client a moment to answer our close frame before the connection is torn down.
            if (!gone.IsCancellationRequested)
            {
                try { await receiver.WaitAsync(TimeSpan.FromSeconds(2), time, CancellationToken.None); }
                catch (TimeoutException) { }
            }
            await gone.CancelAsync();
            await receiver;
        }
    }

    private async Task GenerateAsync(SocketConnection connection, CrawlSessionRequest request, HttpContext context,
        CancellationTokenSource stop, Stopwatch started, CancellationToken gone)
    {
        var progress = new SocketProgress(connection, options.Value.ProgressInterval, time);
        GenerationResult result;
        try
        {
            result = await generator.GenerateAsync(request.Generation, progress, stop.Token, gone);
        }
        catch (GenerationFailedException ex)
        {
            progress.Flush();
            await connection.SendAsync(new SocketMessage("error", ex.Message), gone);
            await FinishAsync(connection, 0, 0, started);
            return;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogGenerationCrashed(logger, ex, request.Generation.Url);
            progress.Flush();
            await connection.SendAsync(new SocketMessage("error", "Internal error while building the file; the server log has the details."), gone);
            await FinishAsync(connection, 0, 0, started);
            return;
        }
        progress.Flush();

        await connection.SendAsync(new SocketMessage("result", result.LlmsTxt), gone);
        if (result.LlmsFullTxt is { } full) await connection.SendAsync(new SocketMessage("full", full), gone);
        await connection.SendAsync(new SocketMessage("validation", new ValidationContent(
            result.Validation.IsValid,
            [.. result.Validation.Findings.Select(f => new ValidationProblemContent(f.Line, f.IsError ? "error" : "warning", f.Message))])), gone);

        if (!result.Partial || result.Stats.PagesListed > 0)
        {
            await foreach (var message in publisher.PublishAsync(result, request, context, gone))
                await connection.SendAsync(message, gone);
        }
        if (connection.Dropped > 0)
            await connection.SendAsync(new SocketMessage("log", $"{connection.Dropped} log lines were not sent because the connection was slow."), gone);
        await FinishAsync(connection, result.Stats.PagesListed, result.Stats.Failed, started);
    }

    private async Task<CrawlSlots.Slot?> AcquireSlotAsync(SocketConnection connection, CancellationToken gone)
    {
        if (slots.TryEnter() is { } now) return now;
        await connection.SendAsync(new SocketMessage("log",
            $"The server is running {slots.Capacity} crawls already; waiting up to {options.Value.QueueTimeout.TotalSeconds:0} s for a free slot…"), gone);
        var slot = await slots.EnterAsync(gone);
        if (slot is not null) await connection.SendAsync(new SocketMessage("log", "A crawl slot is free; starting."), gone);
        return slot;
    }

    private static async Task FinishAsync(SocketConnection connection, int pages, int failed, Stopwatch started)
    {
        await connection.SendAsync(new SocketMessage("done", new DoneContent(pages, failed, Math.Round(started.Elapsed.TotalSeconds, 2))));
        await connection.CloseAsync(WebSocketCloseStatus.NormalClosure, "Done");
    }

    /// <summary>Reads control messages while the crawl runs: <c>cancel</c> stops it, a close or an oversized message ends the session.</summary>
    private async Task ReceiveControlAsync(SocketConnection connection, CancellationTokenSource stop, CancellationTokenSource gone)
    {
        await Task.Yield();
        try
        {
            while (!gone.IsCancellationRequested)
            {
                var received = await connection.ReceiveAsync(gone.Token);
                switch (received.Status)
                {
                    case ReceiveStatus.Closed:
                        await gone.CancelAsync();
                        return;
                    case ReceiveStatus.TooBig:
                        await gone.CancelAsync();
                        await connection.CloseAsync(WebSocketCloseStatus.MessageTooBig, $"Messages are limited to {options.Value.MaxMessageBytes / 1024} KiB", drain: false);
                        return;
                    case ReceiveStatus.Message when IsCancel(received.Text) && !stop.IsCancellationRequested:
                        connection.TrySend(new SocketMessage("log", "Stop requested: finishing the pages in flight, then building a partial file from the pages fetched so far."));
                        await stop.CancelAsync();
                        break;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static bool IsCancel(string? text)
    {
        try
        {
            using var json = JsonDocument.Parse(text ?? "");
            return json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("type", out var type)
                && type.ValueKind == JsonValueKind.String
                && type.GetString() == "cancel";
        }
        catch (JsonException)
        {
            return false;
        }
    }

    [LoggerMessage(LogLevel.Information, "Crawl of {Url} cancelled: the client went away")]
    private static partial void LogClientGone(ILogger logger, Uri url);

    [LoggerMessage(LogLevel.Error, "Generation for {Url} failed unexpectedly")]
    private static partial void LogGenerationCrashed(ILogger logger, Exception exception, Uri url);
}
