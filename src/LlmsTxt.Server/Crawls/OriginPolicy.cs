using LlmsTxt.Server.Configuration;
using Microsoft.Extensions.Options;

namespace LlmsTxt.Server.Crawls;

/// <summary>
/// Which browser pages may open a crawl socket. CORS does not cover WebSockets, so the <c>Origin</c>
/// header is checked here: the server's own origin always, plus <c>CORS_ORIGINS</c> (default
/// http://localhost:3000). Requests without <c>Origin</c> (scripts, CLIs) are not browsers and pass.
/// </summary>
public sealed class OriginPolicy(IOptionsMonitor<ServerOptions> server)
{
    internal const string DefaultDevOrigin = "http://localhost:3000";

    public bool IsAllowed(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        if (string.IsNullOrEmpty(origin)) return true;
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var originUri)) return false;
        if (SameOrigin(originUri, request)) return true;

        var configured = server.CurrentValue.CorsOrigins;
        if (configured.Contains("*")) return true;
        var allowed = configured.Count > 0 ? configured : [DefaultDevOrigin];
        return allowed.Any(a => Uri.TryCreate(a, UriKind.Absolute, out var uri) && SameOrigin(originUri, uri));
    }

    private static bool SameOrigin(Uri origin, HttpRequest request) =>
        string.Equals(origin.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(origin.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);

    private static bool SameOrigin(Uri a, Uri b) =>
        string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.Host, b.Host, StringComparison.OrdinalIgnoreCase)
        && a.Port == b.Port;
}
