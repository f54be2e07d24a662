namespace LlmsTxt.Core.Writing;

/// <summary>
/// The identity of a URL for de-duplication: scheme, "www.", default port, fragment, trailing slash and
/// "index.html" don't make a different page (a hash route, <c>#/guide</c>, does: see <see cref="Extraction.HashRoute"/>).
/// </summary>
public static class UrlKey
{
    private static readonly string[] IndexNames = ["index.html", "index.htm", "index.php"];

    public static string Of(Uri url)
    {
        var host = SiteHost(url);
        var path = url.AbsolutePath.AsSpan();
        foreach (var index in IndexNames)
        {
            // "/index.html" at the end, without building "/" + index per call (this runs for every outline node).
            if (path.Length > index.Length && path[^(index.Length + 1)] == '/' && path.EndsWith(index, StringComparison.OrdinalIgnoreCase))
            {
                path = path[..^index.Length];
                break;
            }
        }
        path = path.TrimEnd('/');
        Span<char> port = stackalloc char[6];
        var portLength = 0;
        if (!url.IsDefaultPort)
        {
            port[0] = ':';
            url.Port.TryFormat(port[1..], out portLength, default, System.Globalization.CultureInfo.InvariantCulture);
            portLength++;
        }
        return string.Concat(host, port[..portLength], path, string.Concat(url.Query, Extraction.HashRoute.Of(url)));
    }

    /// <summary>Lower-case host without a leading "www.".</summary>
    public static string SiteHost(Uri url)
    {
        var host = url.Host.ToLowerInvariant();
        return host.StartsWith("www.", StringComparison.Ordinal) ? host[4..] : host;
    }

    public static bool SameSite(Uri a, Uri b) => SiteHost(a) == SiteHost(b);

    public static bool IsHttp(Uri url) =>
        url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps);
}
