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

        // The same spelling as the socket's storage key (SitePublisher.SiteKey): Uri already
        // lower-cases scheme and host and drops default ports; user info never identifies a site.
        if (uri.UserInfo.Length > 0)
        {
            uri = new UriBuilder(uri) { UserName = "", Password = "" }.Uri;
        }

        return uri.GetLeftPart(UriPartial.Path);
    }
}
