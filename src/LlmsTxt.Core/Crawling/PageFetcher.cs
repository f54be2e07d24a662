using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;

namespace LlmsTxt.Core.Crawling;

/// <summary>
/// Fetches one URL the careful way: redirects followed by our code (each hop re-checked by the caller's
/// policy), at most <see cref="CrawlOptions.MaxRetries"/> retries for 429/5xx/timeouts with exponential
/// backoff or <c>Retry-After</c> (capped), an idle-read and a total timeout per attempt, and a byte cap
/// counted after decompression (larger bodies are cut, not buffered).
/// </summary>
public sealed class PageFetcher(HttpClient client, CrawlOptions options, HostThrottle throttle, TimeProvider timeProvider, ILogger logger)
{
    private long _requests;
    private long _bytes;

    public long Requests => Interlocked.Read(ref _requests);
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>Fetches <paramref name="url"/>; <paramref name="acceptContentType"/> decides whether a 2xx body is read.</summary>
    public Task<FetchResult> FetchAsync(
        Uri url,
        Func<Uri, CancellationToken, ValueTask<CrawlDecision>> hopCheck,
        Func<string?, bool> acceptContentType,
        long maxBytes,
        Action<CrawlEvent>? report,
        CancellationToken cancellationToken = default) =>
        FetchAsync(url, hopCheck, acceptContentType, maxBytes, null, report, cancellationToken);

    /// <summary>
    /// Like the other overload, but a 2xx body is handed to <paramref name="consumeBody"/> as a stream
    /// (restarted on retry) instead of being buffered; the stream restarts the idle timer on every read.
    /// </summary>
    public async Task<FetchResult> FetchAsync(
        Uri url,
        Func<Uri, CancellationToken, ValueTask<CrawlDecision>> hopCheck,
        Func<string?, bool> acceptContentType,
        long maxBytes,
        Func<Stream, Task>? consumeBody,
        Action<CrawlEvent>? report,
        CancellationToken cancellationToken = default)
    {
        var started = timeProvider.GetTimestamp();
        for (var attempt = 0; ; attempt++)
        {
            var result = await AttemptAsync(url, hopCheck, acceptContentType, maxBytes, consumeBody, started, cancellationToken).ConfigureAwait(false);
            var (retry, why, delay) = ShouldRetry(result, attempt);
            if (!retry)
            {
                return result;
            }
            report?.Invoke(new PageRetriedEvent(url, attempt + 1, why, delay));
            logger.LogInformation("Retrying {Url} in {Delay} (attempt {Attempt}): {Why}", url, delay, attempt + 1, why);
            if (result.Status is 429 or 503)
            {
                throttle.PauseUntil(url.Host, timeProvider.GetUtcNow() + delay);
            }
            await Task.Delay(delay, timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    private (bool Retry, string Why, TimeSpan Delay) ShouldRetry(FetchResult result, int attempt)
    {
        if (attempt >= options.MaxRetries)
        {
            return (false, "", TimeSpan.Zero);
        }
        var backoff = options.RetryBaseDelay * Math.Pow(2, attempt);
        if (result.Outcome == FetchOutcome.Failed)
        {
            return (true, result.Error ?? "network error", backoff);
        }
        if (result.Outcome == FetchOutcome.Response && result.Status is 429 or 500 or 502 or 503 or 504)
        {
            var delay = result.RetryAfter is { } after ? (after > options.MaxRetryAfter ? options.MaxRetryAfter : after) : backoff;
            return (true, $"HTTP {result.Status}", delay);
        }
        return (false, "", TimeSpan.Zero);
    }

    private async Task<FetchResult> AttemptAsync(Uri url, Func<Uri, CancellationToken, ValueTask<CrawlDecision>> hopCheck, Func<string?, bool> acceptContentType, long maxBytes, Func<Stream, Task>? consumeBody, long started, CancellationToken cancellationToken)
    {
        // The slot is taken before the clock starts: waiting for a crawl-delay is not the page's fault.
        using var lease = await throttle.AcquireAsync(url.Host, cancellationToken).ConfigureAwait(false);
        using var total = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        total.CancelAfter(options.PageTimeout);
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(total.Token);
        var current = url;
        HttpResponseMessage? response = null;
        try
        {
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
                else if (await hopCheck(next, cancellationToken).ConfigureAwait(false) is { Allowed: false } decision)
                {
                    (refusal, reason) = ($"redirect to {next} refused: {decision.Detail}", decision.Reason);
                }
                if (refusal is not null)
                {
                    return Result(FetchOutcome.RedirectRefused, url, next, status, started, error: refusal, redirectReason: reason);
                }
                current = next;
            }
            var code = (int)response.StatusCode;
            var contentType = response.Content.Headers.ContentType;
            var robotsTag = response.Headers.TryGetValues("X-Robots-Tag", out var tags) ? string.Join(", ", tags) : null;
            var retryAfter = RetryAfter(response.Headers.RetryAfter);
            if (code is >= 200 and < 300 && !acceptContentType(contentType?.MediaType))
            {
                return Result(FetchOutcome.WrongContentType, url, current, code, started, contentType) with { RobotsTag = robotsTag };
            }
            if (consumeBody is not null && code is >= 200 and < 300)
            {
                idle.CancelAfter(options.IdleReadTimeout);
                var raw = await response.Content.ReadAsStreamAsync(idle.Token).ConfigureAwait(false);
                await using var guarded = new CappedStream(raw, maxBytes, () => idle.CancelAfter(options.IdleReadTimeout), idle.Token);
                await consumeBody(guarded).ConfigureAwait(false);
                Interlocked.Add(ref _bytes, guarded.Position);
                return Result(FetchOutcome.Response, url, current, code, started, contentType) with { RobotsTag = robotsTag };
            }
            var (body, truncated) = await ReadCappedAsync(response, maxBytes, idle, cancellationToken).ConfigureAwait(false);
            if (truncated)
            {
                logger.LogInformation("{Url} is larger than {Max} bytes after decompression; cut at the limit", current, maxBytes);
            }
            return Result(FetchOutcome.Response, url, current, code, started, contentType, body, truncated) with { RobotsTag = robotsTag, RetryAfter = retryAfter };
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && FindRefusal(ex) is { } refused)
        {
            return Result(FetchOutcome.Refused, url, current, 0, started, error: refused.Message, redirectReason: SkipReason.RefusedAddress);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            var why = total.IsCancellationRequested
                ? $"no complete response within {options.PageTimeout.TotalSeconds:0.#} s"
                : $"no data for {options.IdleReadTimeout.TotalSeconds:0.#} s";
            return Result(FetchOutcome.Failed, url, current, 0, started, error: why);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is HttpRequestException or IOException)
        {
            return Result(FetchOutcome.Failed, url, current, 0, started, error: Describe(ex));
        }
        finally
        {
            response?.Dispose();
        }
    }

    private async Task<(ReadOnlyMemory<byte> Body, bool Truncated)> ReadCappedAsync(HttpResponseMessage response, long maxBytes, CancellationTokenSource idle, CancellationToken cancellationToken)
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

    private static string Describe(Exception ex)
    {
        var inner = ex;
        while (inner.InnerException is not null)
        {
            inner = inner.InnerException;
        }
        return inner == ex ? ex.Message : $"{ex.Message} ({inner.Message})";
    }
}
