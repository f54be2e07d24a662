using System.Collections.Concurrent;
using System.Net;
using System.Runtime.CompilerServices;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;

namespace LlmsTxt.Core.Crawling;

/// <summary>
/// Fetches one URL the careful way: redirects followed by our code (each hop re-checked by the caller's
/// policy), at most <see cref="CrawlOptions.MaxRetries"/> retries for 429/5xx and transient network errors
/// with exponential backoff or <c>Retry-After</c> (one beyond <see cref="CrawlOptions.MaxRetryAfter"/> skips
/// the page), an idle-read timeout and one page deadline that includes every retry, and a byte cap counted
/// after decompression (larger bodies are cut, not buffered). Failures are described in plain words
/// (<see cref="FetchFailure"/>).
/// </summary>
public sealed class PageFetcher(HttpClient client, CrawlOptions options, HostThrottle throttle, TimeProvider timeProvider, ILogger logger)
{
    private long _requests;
    private long _bytes;

    public long Requests => Interlocked.Read(ref _requests);
    public long Bytes => Interlocked.Read(ref _bytes);

    private readonly ConcurrentDictionary<string, TimeSpan> _delays = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// This fetcher's spacing between request starts to the server of <paramref name="origin"/> (robots.txt
    /// <c>Crawl-delay</c>, see <see cref="SitemapDiscovery.CrawlDelay"/>); until it is known,
    /// <see cref="CrawlOptions.MinCrawlDelay"/>, so robots.txt itself is paced like every other request. Kept per
    /// <see cref="Urls.UrlIdentity.HostKey"/>, the throttle's key: another port is another robots.txt.
    /// </summary>
    public void SetCrawlDelay(Uri origin, TimeSpan delay) => _delays[Urls.UrlIdentity.HostKey(origin)] = delay;

    private TimeSpan CrawlDelay(Uri url) => _delays.TryGetValue(Urls.UrlIdentity.HostKey(url), out var delay) ? delay : options.MinCrawlDelay;

    /// <summary>
    /// Fetches <see cref="FetchRequest.Url"/>. A 2xx body of an accepted type is buffered (up to the cap), or handed
    /// to <see cref="FetchRequest.ConsumeBody"/> as a stream (restarted on retry) that restarts the idle timer on every read.
    /// </summary>
    public async Task<FetchResult> FetchAsync(FetchRequest request, CancellationToken cancellationToken = default)
    {
        var url = request.Url;
        var started = new StrongBox<long>(timeProvider.GetTimestamp());
        // One deadline for the page and all its retries: a slow site is charged once, not four times.
        using var page = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        for (var attempt = 0; ; attempt++)
        {
            var result = await AttemptAsync(request, started, attempt, page, cancellationToken).ConfigureAwait(false);
            var (retry, why, delay) = ShouldRetry(result, attempt, started);
            if (!retry)
            {
                return why.Length > 0 ? result with { Error = why } : result;
            }
            request.Report?.Invoke(new PageRetriedEvent(url, attempt + 1, why, delay));
            logger.LogInformation("Retrying {Url} in {Delay} (attempt {Attempt}): {Why}", url, delay, attempt + 1, why);
            if (result.Status is 429 or 503)
            {
                throttle.PauseUntil(url, timeProvider.GetUtcNow() + delay);
            }
            await Task.Delay(delay, timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Retry, or why not (an empty reason keeps the result's own error).</summary>
    private (bool Retry, string Why, TimeSpan Delay) ShouldRetry(FetchResult result, int attempt, StrongBox<long> started)
    {
        var left = options.PageTimeout - timeProvider.GetElapsedTime(started.Value);
        var backoff = options.RetryBaseDelay * Math.Pow(2, attempt);
        if (result.Outcome == FetchOutcome.Failed)
        {
            var retryable = result.Failure?.Retryable ?? true;
            return retryable && attempt < options.MaxRetries && backoff < left ? (true, result.Error ?? "network error", backoff) : (false, "", TimeSpan.Zero);
        }
        if (result.Outcome != FetchOutcome.Response || result.Status is not (429 or 500 or 502 or 503 or 504))
        {
            return (false, "", TimeSpan.Zero);
        }
        if (result.RetryAfter is { } after && after > options.MaxRetryAfter)
        {
            // Waiting would hold the crawl (and its slot) hostage; the page is skipped instead.
            return (false, $"skipped: the server asked to wait {Seconds(after)} before trying again (HTTP {result.Status} with Retry-After), " +
                $"more than the {Seconds(options.MaxRetryAfter)} this crawl waits for a page", TimeSpan.Zero);
        }
        if (attempt >= options.MaxRetries)
        {
            return (false, "", TimeSpan.Zero);
        }
        var delay = result.RetryAfter ?? backoff;
        if (delay >= left)
        {
            return (false, $"HTTP {result.Status}; no time left within the page's {Seconds(options.PageTimeout)} to wait {Seconds(delay)} and retry", TimeSpan.Zero);
        }
        return (true, $"HTTP {result.Status}", delay);
    }

    private static string Seconds(TimeSpan span) => $"{span.TotalSeconds:0.#} s";

    private static string Size(long bytes) => bytes < 10_240 ? $"{bytes} bytes" : $"{bytes / 1024.0:0} KiB";

    private async Task<FetchResult> AttemptAsync(FetchRequest fetch, StrongBox<long> clock, int attempt, CancellationTokenSource page, CancellationToken cancellationToken)
    {
        var (url, maxBytes) = (fetch.Url, fetch.MaxBytes);
        var started = clock.Value;
        var current = url;
        var phase = Phase.Headers;
        long received = 0;
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(page.Token);
        HttpResponseMessage? response = null;
        try
        {
            // The first slot is taken before the clock starts: waiting for a crawl-delay is not the page's fault.
            // A retry's wait (a Retry-After pause) is charged to the page.
            using var lease = await throttle.AcquireAsync(url, CrawlDelay(url), attempt == 0 ? cancellationToken : page.Token).ConfigureAwait(false);
            if (attempt == 0)
            {
                page.CancelAfter(options.PageTimeout);
                started = clock.Value = timeProvider.GetTimestamp();
            }
            var visited = new HashSet<string>(StringComparer.Ordinal) { current.AbsoluteUri };
            for (var hop = 0; ; hop++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, current)
                {
                    Version = HttpVersion.Version20,
                    VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
                };
                request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5");
                idle.CancelAfter(options.IdleReadTimeout);
                Interlocked.Increment(ref _requests);
                phase = Phase.Headers;
                response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, idle.Token).ConfigureAwait(false);
                var status = (int)response.StatusCode;
                if (status is not (301 or 302 or 303 or 307 or 308) || response.Headers.Location is null)
                {
                    break;
                }
                var next = new Uri(current, response.Headers.Location);
                response.Dispose();
                response = null;
                string? refusal = null;
                SkipReason reason = SkipReason.TooManyRedirects;
                if (hop + 1 > options.MaxRedirects)
                {
                    refusal = $"more than {options.MaxRedirects} redirects";
                }
                else if (!visited.Add(next.AbsoluteUri))
                {
                    refusal = $"redirect loop at {next}";
                }
                else if (await fetch.HopCheck(next, cancellationToken).ConfigureAwait(false) is { Allowed: false } decision)
                {
                    (refusal, reason) = (decision.Reason == SkipReason.RefusedAddress ? decision.Detail : $"redirect to {next} refused: {decision.Detail}", decision.Reason);
                }
                if (refusal is not null)
                {
                    return Result(FetchOutcome.RedirectRefused, url, next, status, started, error: refusal, redirectReason: reason);
                }
                current = next;
            }
            phase = Phase.Body;
            var code = (int)response.StatusCode;
            var contentType = response.Content.Headers.ContentType;
            var robotsTag = response.Headers.TryGetValues("X-Robots-Tag", out var tags) ? string.Join(", ", tags) : null;
            var retryAfter = RetryAfter(response.Headers.RetryAfter);
            if (code is >= 200 and < 300 && !fetch.AcceptContentType(contentType?.MediaType))
            {
                return Result(FetchOutcome.WrongContentType, url, current, code, started, contentType) with { RobotsTag = robotsTag };
            }
            if (fetch.ConsumeBody is { } consumeBody && code is >= 200 and < 300)
            {
                idle.CancelAfter(options.IdleReadTimeout);
                var raw = await response.Content.ReadAsStreamAsync(idle.Token).ConfigureAwait(false);
                await using var guarded = new CappedStream(raw, maxBytes, () => idle.CancelAfter(options.IdleReadTimeout), idle.Token);
                try
                {
                    await consumeBody(guarded, idle.Token).ConfigureAwait(false);
                }
                finally
                {
                    received = guarded.Position;
                }
                Interlocked.Add(ref _bytes, guarded.Position);
                return Result(FetchOutcome.Response, url, current, code, started, contentType) with { RobotsTag = robotsTag };
            }
            var (body, truncated) = await ReadCappedAsync(response, maxBytes, idle, n => received = n, cancellationToken).ConfigureAwait(false);
            if (truncated)
            {
                logger.LogInformation("{Url} is larger than the cap after decompression; page cut at {Cap}", current, $"{maxBytes / 1048576.0:0.##} MiB");
            }
            return Result(FetchOutcome.Response, url, current, code, started, contentType, body, truncated) with { RobotsTag = robotsTag, RetryAfter = retryAfter };
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && FindRefusal(ex) is { } refused)
        {
            return Result(FetchOutcome.Refused, url, current, 0, started, error: refused.Message, redirectReason: SkipReason.RefusedAddress);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            return Failed(url, current, started, TimedOut(ex, current, phase, page.IsCancellationRequested, received));
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is HttpRequestException or IOException)
        {
            return Failed(url, current, started, FetchFailure.From(ex, current, options));
        }
        finally
        {
            response?.Dispose();
        }
    }

    private enum Phase
    {
        Headers,
        Body,
    }

    /// <summary>Which clock ran out, in the words of what the server did.</summary>
    private FetchFailure TimedOut(OperationCanceledException ex, Uri url, Phase phase, bool pageExpired, long received)
    {
        if (ex.InnerException is TimeoutException)
        {
            return FetchFailure.From(ex, url, options);
        }
        if (phase == Phase.Headers)
        {
            var limit = pageExpired ? options.PageTimeout : options.IdleReadTimeout;
            return new(FailureKind.HeadersTooSlow, $"the server sent its headers too slowly (not complete after {Seconds(limit)})");
        }
        return pageExpired
            ? new(FailureKind.BodyTooSlow, $"the server sent the page too slowly (not complete after {Seconds(options.PageTimeout)}; {Size(received)} received)")
            : new(FailureKind.BodyStalled, $"the server stopped sending the page (no data for {Seconds(options.IdleReadTimeout)}; {Size(received)} received)");
    }

    private FetchResult Failed(Uri requested, Uri final, long started, FetchFailure failure) =>
        Result(FetchOutcome.Failed, requested, final, 0, started, error: failure.Message) with { Failure = failure };

    private async Task<(ReadOnlyMemory<byte> Body, bool Truncated)> ReadCappedAsync(HttpResponseMessage response, long maxBytes, CancellationTokenSource idle, Action<long> progress, CancellationToken cancellationToken)
    {
        var declared = response.Content.Headers.ContentLength;
        // Read straight into one array sized from Content-Length when known, growing only when needed.
        var body = new byte[declared is > 0 and < 16 * 1024 * 1024 ? (int)Math.Min(declared.Value + 1, maxBytes + 1) : 32 * 1024];
        var length = 0;
        await using var stream = await response.Content.ReadAsStreamAsync(idle.Token).ConfigureAwait(false);
        while (true)
        {
            if (length == body.Length)
            {
                Array.Resize(ref body, (int)Math.Min((long)body.Length * 2, maxBytes + 1));
            }
            idle.CancelAfter(options.IdleReadTimeout);
            var read = await stream.ReadAsync(body.AsMemory(length), idle.Token).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }
            length += read;
            progress(length);
            if (length > maxBytes)
            {
                Interlocked.Add(ref _bytes, maxBytes);
                return (body.AsMemory(0, (int)maxBytes), true);
            }
        }
        cancellationToken.ThrowIfCancellationRequested();
        Interlocked.Add(ref _bytes, length);
        return (body.AsMemory(0, length), false);
    }

    private TimeSpan? RetryAfter(RetryConditionHeaderValue? header)
    {
        if (header?.Delta is { } delta)
        {
            return delta;
        }
        if (header?.Date is { } date)
        {
            var wait = date - timeProvider.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }
        return null;
    }

    private FetchResult Result(FetchOutcome outcome, Uri requested, Uri final, int status, long started, MediaTypeHeaderValue? contentType = null,
        ReadOnlyMemory<byte> body = default, bool truncated = false, string? error = null, SkipReason? redirectReason = null) =>
        new(outcome, requested, final, status, contentType?.MediaType, contentType?.CharSet?.Trim('"', '\''), body, truncated, null, error, redirectReason,
            timeProvider.GetElapsedTime(started));

    private static RefusedAddressException? FindRefusal(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is RefusedAddressException refused)
            {
                return refused;
            }
        }
        return null;
    }

}
