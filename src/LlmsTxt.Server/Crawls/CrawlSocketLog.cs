namespace LlmsTxt.Server.Crawls;

/// <summary>The socket's log events. Event ids are stable: tests observe the socket through them.</summary>
internal static partial class CrawlSocketLog
{
    public const int RejectedId = 1101;
    public const int MessageReadId = 1102;
    public const int EndedId = 1103;
    public const int AcceptedId = 1107;
    public const int AwaitingRequestId = 1109;

    [LoggerMessage(EventId = AwaitingRequestId, Level = LogLevel.Debug, Message = "Crawl socket from {Client} is waiting up to {Timeout} for its request")]
    public static partial void AwaitingRequest(ILogger logger, string client, TimeSpan timeout);

    [LoggerMessage(EventId = AcceptedId, Level = LogLevel.Debug, Message = "Crawl socket from {Client} accepted ({How})")]
    public static partial void Accepted(ILogger logger, string client, string how);

    [LoggerMessage(EventId = 1108, Level = LogLevel.Information, Message = "Crawl socket from {Client} sent no request in time")]
    public static partial void RequestTimedOut(ILogger logger, string client);

    [LoggerMessage(EventId = RejectedId, Level = LogLevel.Information, Message = "Crawl socket from {Client} closed with 1008 before reading: {Reason} ({Detail})")]
    public static partial void Rejected(ILogger logger, string client, string reason, string detail);

    [LoggerMessage(EventId = MessageReadId, Level = LogLevel.Debug, Message = "Crawl socket from {Client} read a {Kind} message of {Bytes} bytes")]
    public static partial void MessageRead(ILogger logger, string client, ReceivedKind kind, int bytes);

    [LoggerMessage(EventId = EndedId, Level = LogLevel.Debug, Message = "Crawl socket from {Client} ended")]
    public static partial void Ended(ILogger logger, string client);

    // The field only: the client's values may hold anything, secrets included, and they already got the details.
    [LoggerMessage(EventId = 1104, Level = LogLevel.Information, Message = "Crawl request from {Client} refused: bad {Field}")]
    public static partial void InvalidRequest(ILogger logger, string client, string field);

    [LoggerMessage(EventId = 1105, Level = LogLevel.Information, Message = "Crawl of {Site} requested by {Client} (maxPages {MaxPages}, full {Full})")]
    public static partial void CrawlRequested(ILogger logger, string client, string site, int maxPages, bool full);

    [LoggerMessage(EventId = 1106, Level = LogLevel.Information, Message = "Crawl socket from {Client}: client asked to cancel")]
    public static partial void CancelRequested(ILogger logger, string client);
}
