using System.Diagnostics;
using LlmsTxt.Core.Generation;
using LlmsTxt.Server.Pipeline;
using Microsoft.Extensions.Options;

namespace LlmsTxt.Server.Crawls;

/// <summary>
/// The crawl behind <c>/ws/crawl</c>: waits for a crawl slot, runs <see cref="LlmsTxtGenerator"/>,
/// streams its log and (throttled) progress, answers <c>cancel</c> with a partial result, hosts the
/// files, and ends with <c>done</c>. The session around it authenticates, validates and closes.
/// </summary>
public sealed partial class GeneratingCrawlHandler(
    LlmsTxtGenerator generator,
    CrawlSlots slots,
    CrawlPublisher publisher,
    IOptions<CrawlSocketOptions> options,
    CrawlRenderingPolicy rendering,
    IdleMemoryTrim memoryTrim,
    TimeProvider time,
    ILogger<GeneratingCrawlHandler> logger) : ICrawlHandler
{
    public async Task HandleAsync(CrawlSession session, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.StartNew();
        using var running = memoryTrim.Begin();
        await using var queue = new BoundedMessageQueue(session.Messages, options.Value.SendQueueCapacity, cancellationToken);
        try
        {
            using var claim = slots.TryClaim(session.Client);
            if (claim is null)
            {
                LogClientAtCap(logger, session.Client, slots.MaxPerClient);
                await queue.SendAsync(CrawlMessage.Error(
                    $"You already have {slots.MaxPerClient} crawls running or waiting on this server, the most one client may have at once (MAX_CRAWLS_PER_CLIENT); wait for one to finish and try again."), cancellationToken);
                await queue.SendAsync(CrawlMessage.Done(new CrawlDone(0, 0, Seconds(started))), cancellationToken);
                await queue.DrainAsync();
                return;
            }
            using var slot = await AcquireSlotAsync(queue, cancellationToken);
            if (slot is null)
            {
                await queue.SendAsync(CrawlMessage.Error(
                    $"The server is busy: all {slots.Capacity} crawl slots are in use and none came free within {options.Value.QueueTimeout.TotalSeconds:0} s. Try again in a minute."), cancellationToken);
            }
            else if (session.StopRequested.IsCancellationRequested)
            {
                await queue.SendAsync(CrawlMessage.Log("Stopped before the crawl started; nothing was fetched."), cancellationToken);
            }
            else
            {
                var counts = await GenerateAsync(session, queue, cancellationToken);
                await queue.SendAsync(CrawlMessage.Done(counts(Seconds(started))), cancellationToken);
                await queue.DrainAsync();
                return;
            }
            await queue.SendAsync(CrawlMessage.Done(new CrawlDone(0, 0, Seconds(started))), cancellationToken);
            await queue.DrainAsync();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            LogClientGone(logger, session.Client, session.Request.Url.GetLeftPart(UriPartial.Path));
            throw;
        }
    }

    /// <summary>Runs the generation; returns the <c>done</c> content given the elapsed seconds.</summary>
    private async Task<Func<double, CrawlDone>> GenerateAsync(CrawlSession session, BoundedMessageQueue queue, CancellationToken cancellationToken)
    {
        var request = ToGenerationRequest(session.Request);
        if (session.Request.RenderJs == true && !rendering.Available)
            queue.Post(CrawlMessage.Log("JavaScript rendering is not available on this server; pages are read as static HTML."));

        using var progress = new SocketProgress(queue, options.Value.ProgressInterval, time);
        GenerationResult result;
        try
        {
            result = await generator.GenerateAsync(request, progress, session.StopRequested, cancellationToken);
        }
        catch (GenerationFailedException ex)
        {
            progress.Flush();
            await queue.SendAsync(CrawlMessage.Error(ex.Message), cancellationToken);
            // Nothing listed, but a start page that answered 404 still counts as failed.
            var seen = progress.Latest;
            return seconds => new CrawlDone(0, seen?.Failed ?? 0, seconds) { Fetched = seen?.Crawled ?? 0 };
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogGenerationCrashed(logger, ex, session.Request.Url.GetLeftPart(UriPartial.Path));
            progress.Flush();
            await queue.SendAsync(CrawlMessage.Error("Internal error while building the file; the server log has the details."), cancellationToken);
            return seconds => new CrawlDone(0, progress.Latest?.Failed ?? 0, seconds);
        }
        progress.Flush();
        // The crawl's own progress counts pages read; the last one carries the file's exact listed count.
        var stats = result.Stats;
        queue.Post(CrawlMessage.Progress(new CrawlProgress(stats.PagesFetched, stats.Failed, 0, session.Request.MaxPages) { Listed = stats.PagesListed }));

        await queue.SendAsync(CrawlMessage.Result(result.LlmsTxt), cancellationToken);
        if (result.LlmsFullTxt is { } full) await queue.SendAsync(CrawlMessage.FullText(full), cancellationToken);
        await queue.SendAsync(Validation(result.Validation), cancellationToken);
        await foreach (var message in publisher.PublishAsync(result, session.Request, cancellationToken))
            await queue.SendAsync(message, cancellationToken);
        if (queue.Dropped > 0)
            await queue.SendAsync(CrawlMessage.Log($"{queue.Dropped} log lines were not sent because the connection was too slow."), cancellationToken);
        return seconds => new CrawlDone(stats.PagesListed, stats.Failed, seconds)
        {
            Fetched = stats.PagesFetched,
            LeftOut = stats.LeftOut,
            Partial = result.Partial,
            FullPagesLeftOut = stats.FullPagesLeftOut,
            FullPagesShortened = stats.FullPagesShortened,
            Llm = CrawlDoneLlm.From(result.Enhancement),
        };
    }

    private GenerationRequest ToGenerationRequest(CrawlSocketRequest request) => new()
    {
        Url = request.Url,
        MaxPages = request.MaxPages,
        DescLength = request.DescLength,
        Full = request.Full,
        RenderJs = rendering.Available && (request.RenderJs ?? rendering.DefaultOn),
        LlmEnhance = request.LlmEnhance,
        AllowPrivateNetworks = options.Value.AllowPrivateNetworks,
    };

    private static CrawlMessage Validation(ValidationVerdict verdict) => CrawlMessage.Validation(new CrawlValidation(
        verdict.IsValid,
        verdict.Findings.Select(f => new CrawlValidationProblem(f.Line, f.IsError ? "error" : "warning", f.Message)).ToList()));

    private async Task<CrawlSlots.Slot?> AcquireSlotAsync(BoundedMessageQueue queue, CancellationToken cancellationToken)
    {
        if (slots.TryEnter() is { } now) return now;
        await queue.SendAsync(CrawlMessage.Log(
            $"The server is running {slots.Capacity} crawls already; waiting up to {options.Value.QueueTimeout.TotalSeconds:0} s for a free slot…"), cancellationToken);
        var slot = await slots.EnterAsync(cancellationToken);
        if (slot is not null) await queue.SendAsync(CrawlMessage.Log("A crawl slot came free; starting."), cancellationToken);
        return slot;
    }

    private static double Seconds(Stopwatch started) => Math.Round(started.Elapsed.TotalSeconds, 2);

    [LoggerMessage(LogLevel.Information, "Crawl of {Site} for {Client} cancelled: the client went away")]
    private static partial void LogClientGone(ILogger logger, string client, string site);

    [LoggerMessage(LogLevel.Information, "Crawl refused for {Client}: it already has {Max} crawls running or waiting")]
    private static partial void LogClientAtCap(ILogger logger, string client, int max);

    [LoggerMessage(LogLevel.Error, "Generation for {Site} failed unexpectedly")]
    private static partial void LogGenerationCrashed(ILogger logger, Exception exception, string site);
}
