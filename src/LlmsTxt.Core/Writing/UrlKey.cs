namespace LlmsTxt.Core.Writing;

/// <summary>
/// The identity of a URL for de-duplication: scheme, "www.", default port, fragment, trailing slash and
/// "index.html" don't make a different page (a hash route, <c>#/guide</c>, does: see <see cref="Extraction.HashRoute"/>).
/// </summary>
public static class UrlKey
{
    public static string Of(Uri url)
    {
        var host = SiteHost(url);
        var path = url.AbsolutePath;
        foreach (var index in (string[])["index.html", "index.htm", "index.php"])
        {
            if (path.EndsWith("/" + index, StringComparison.OrdinalIgnoreCase))
            {
                path = path[..^index.Length];
                break;
            }
        }
        path = path.TrimEnd('/');
        var port = url.IsDefaultPort ? "" : ":" + url.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return host + port + path + url.Query + Extraction.HashRoute.Of(url);
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
