using LlmsTxt.Server.Configuration;

namespace LlmsTxt.Server.Crawls;

/// <summary>
/// WebSocket keep-alive of <c>/ws/crawl</c> (SPEC: ping every 30 s, drop a client whose pong is 30 s late).
/// Applied to ASP.NET Core's <see cref="Microsoft.AspNetCore.Builder.WebSocketOptions"/>: the server sends a
/// PING every <see cref="PingInterval"/> and aborts the connection when no PONG comes within <see cref="PongTimeout"/>,
/// so a vanished client (no FIN, no RST) does not hold a socket and a crawl slot for ever.
/// </summary>
public sealed class SocketKeepAliveOptions
{
    /// <summary><c>WS_PING_INTERVAL</c> (seconds, 1-3600): time between the server's pings.</summary>
    public TimeSpan PingInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary><c>WS_PONG_TIMEOUT</c> (seconds, 1-3600): how long a ping may go unanswered before the connection is dropped.</summary>
    public TimeSpan PongTimeout { get; set; } = TimeSpan.FromSeconds(30);

    internal static void Read(EnvSettings env, SocketKeepAliveOptions options)
    {
        options.PingInterval = env.Seconds("WS_PING_INTERVAL", options.PingInterval, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        options.PongTimeout = env.Seconds("WS_PONG_TIMEOUT", options.PongTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
    }
}
