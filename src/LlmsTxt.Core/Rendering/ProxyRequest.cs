using System.Text;

namespace LlmsTxt.Core.Rendering;

/// <summary>
/// The head of one request a browser sends its proxy: <c>CONNECT host:port</c> (a tunnel for TLS or a
/// WebSocket) or a plain HTTP request with an absolute <c>http://</c> target, rewritten to origin form.
/// </summary>
internal sealed record ProxyRequest(bool IsConnect, string Host, int Port, string Method, string PathAndQuery, string Version, IReadOnlyList<string> Headers)
{
    // Hop-by-hop headers meant for the proxy; the rewritten request asks the server to close after one answer.
    private static readonly HashSet<string> HopHeaders = new(StringComparer.OrdinalIgnoreCase)
        { "Proxy-Connection", "Proxy-Authorization", "Connection", "Keep-Alive" };

    /// <summary>Null when the head is not a request a proxy should serve (other schemes, origin-form targets, bad ports).</summary>
    public static ProxyRequest? Parse(string head)
    {
        var lines = head.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length == 0) return null;
        var parts = lines[0].Split(' ');
        if (parts.Length != 3 || !parts[2].StartsWith("HTTP/1.", StringComparison.Ordinal)) return null;
        var headers = lines[1..];
        if (parts[0] == "CONNECT")
        {
            return Uri.TryCreate("tcp://" + parts[1], UriKind.Absolute, out var authority) && authority.Port is > 0 and <= 65535
                && authority.PathAndQuery == "/" && parts[1].Contains(':', StringComparison.Ordinal)
                ? new ProxyRequest(true, authority.IdnHost, authority.Port, parts[0], "", parts[2], headers)
                : null;
        }
        return Uri.TryCreate(parts[1], UriKind.Absolute, out var target) && target.Scheme == Uri.UriSchemeHttp && target.UserInfo.Length == 0
            ? new ProxyRequest(false, target.IdnHost, target.Port, parts[0], target.PathAndQuery, parts[2], headers)
            : null;
    }

    /// <summary>The request as the origin server expects it: origin-form target, no proxy headers, one answer then close.</summary>
    public string OriginFormHead()
    {
        var text = new StringBuilder().Append(Method).Append(' ').Append(PathAndQuery).Append(' ').Append(Version).Append("\r\n");
        foreach (var header in Headers)
        {
            var colon = header.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && HopHeaders.Contains(header[..colon].Trim())) continue;
            text.Append(header).Append("\r\n");
        }
        return text.Append("Connection: close\r\n\r\n").ToString();
    }
}
