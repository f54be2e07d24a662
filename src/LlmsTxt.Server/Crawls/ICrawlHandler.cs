namespace LlmsTxt.Server.Crawls;

/// <summary>Where a crawl sends its messages (the socket, in order, one at a time).</summary>
public interface ICrawlMessageSink
{
    /// <summary>Sends one message; does nothing once the client has gone.</summary>
    ValueTask SendAsync(CrawlMessage message, CancellationToken cancellationToken = default);
}

/// <summary>
/// One authenticated, validated crawl on a socket.
/// </summary>
/// <param name="Request">The validated request.</param>
/// <param name="Messages">Send <c>log</c>/<c>progress</c>/<c>result</c>/.../<c>done</c> here.</param>
/// <param name="Client">The client address, for logs and per-client limits.</param>
/// <param name="StopRequested">Fires when the client sends <c>{"type":"cancel"}</c>: stop crawling and build the result from what was fetched.</param>
public sealed record CrawlSession(CrawlSocketRequest Request, ICrawlMessageSink Messages, string Client, CancellationToken StopRequested);

/// <summary>
/// Runs a crawl for <c>/ws/crawl</c>. The session authenticates, validates and watches the socket; the
/// handler only crawls and sends messages. The session closes the socket with 1000 when the handler returns.
/// Register a replacement with <c>services.AddSingleton&lt;ICrawlHandler, MyHandler&gt;()</c> (the last registration wins).
/// </summary>
public interface ICrawlHandler
{
    /// <param name="session">The request, the message sink and the stop signal.</param>
    /// <param name="cancellationToken">Fires when the client disconnects or the server stops: abandon at once, no further requests.</param>
    Task HandleAsync(CrawlSession session, CancellationToken cancellationToken = default);
}

/// <summary>Until the crawl pipeline is plugged in, a valid request is answered with a clear error.</summary>
public sealed class CrawlerUnavailableHandler : ICrawlHandler
{
    public const string Message = "The crawler is not available on this server yet: the request is valid, but nothing was crawled.";

    public Task HandleAsync(CrawlSession session, CancellationToken cancellationToken = default) =>
        session.Messages.SendAsync(CrawlMessage.Error(Message), cancellationToken).AsTask();
}
