namespace LlmsTxt.Server.Sites;

/// <summary>The one spelling of a base URL the registry stores and hashes into storage keys.</summary>
public static class SiteUrls
{
    /// <summary>
    /// Lower-case scheme and host, no default port, no fragment, query or user info, "/" for an
    /// empty path; the path is kept as given (a trailing slash matters for a path-prefix crawl).
    /// Returns null for anything but an absolute http(s) URL.
    /// </summary>
    public static string? Normalize(string? url)
    {
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || string.IsNullOrEmpty(uri.Host))
        {
            return null;
        }

        var builder = new UriBuilder(uri.Scheme, uri.Host.ToLowerInvariant(), uri.IsDefaultPort ? -1 : uri.Port, uri.AbsolutePath);
        return builder.Uri.AbsoluteUri;
    }
}
