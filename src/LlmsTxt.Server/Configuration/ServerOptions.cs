using System.Net;

namespace LlmsTxt.Server.Configuration;

/// <summary>Where the server listens and who may call it from a browser.</summary>
public sealed class ServerOptions
{
    /// <summary><c>HOST</c>: <c>localhost</c> (default), an IP address (<c>0.0.0.0</c> in a container) or <c>*</c>.</summary>
    public string Host { get; set; } = "localhost";

    /// <summary><c>PORT</c>: 8000 by default; 0 picks a free port.</summary>
    public int Port { get; set; } = 8000;

    /// <summary><c>CORS_ORIGINS</c>: browser origins allowed to call the API and open sockets; <c>*</c> allows any. Same-origin is always allowed.</summary>
    public IReadOnlyList<string> CorsOrigins { get; set; } = [];

    /// <summary>
    /// <c>FORWARDED_HEADERS</c>: behind a reverse proxy, take the client address and scheme from
    /// <c>X-Forwarded-For</c>/<c>X-Forwarded-Proto</c> (so per-address limits and same-origin checks see the
    /// real client). Only when clients can't reach the server directly: the headers are easy to forge.
    /// </summary>
    public bool ForwardedHeaders { get; set; }

    internal static void Read(EnvSettings env, ServerOptions options)
    {
        options.ForwardedHeaders = env.Flag("FORWARDED_HEADERS", false);
        options.Host = env.Text("HOST", "localhost");
        options.Port = env.Number("PORT", 8000, 0, 65535);
        options.CorsOrigins = env.List("CORS_ORIGINS");
        if (ListenAddress(options.Host) is null && !IsLocalhost(options.Host))
        {
            env.Fail("HOST", $"must be localhost, an IP address (0.0.0.0 for every interface) or *, got '{options.Host}'");
        }

        foreach (var origin in options.CorsOrigins.Where(o => o != "*"))
        {
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.AbsolutePath != "/")
            {
                env.Fail("CORS_ORIGINS", $"must be a comma-separated list of origins such as https://example.com (or *), got '{origin}'");
            }
        }
    }

    internal static bool IsLocalhost(string host) => host.Equals("localhost", StringComparison.OrdinalIgnoreCase);

    /// <summary>The IP to bind, or null for <c>localhost</c> (bound on both loopback addresses).</summary>
    internal static IPAddress? ListenAddress(string host) => host switch
    {
        "*" or "+" => IPAddress.IPv6Any,
        _ when IPAddress.TryParse(host.Trim('[', ']'), out var ip) => ip,
        _ => null,
    };
}
