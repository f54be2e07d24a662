using System.Net;

namespace LlmsTxt.Core.Crawling;

/// <summary>
/// What a person types as a site's address, read the same way everywhere (the CLI here; the web page mirrors it).
/// Rule: a full <c>http://</c> or <c>https://</c> URL is taken as it is. Without a scheme, <c>localhost</c> and IP
/// addresses get <c>http://</c> (servers on your own machine rarely have certificates) and names with a dot get
/// <c>https://</c>. Anything else (spaces, another scheme, a single word) is refused with a reason, never "fixed".
/// </summary>
public static class SiteAddress
{
    /// <summary>The URL to crawl, or null with <paramref name="problem"/> saying what is wrong and what is allowed.</summary>
    public static Uri? Parse(string? text, out string? problem, out bool schemeAdded)
    {
        schemeAdded = false;
        var raw = text?.Trim() ?? "";
        const string Example = "give an address such as https://example.com or example.com";
        if (raw.Length == 0)
        {
            problem = $"the site's address is missing; {Example}";
            return null;
        }

        if (raw.Any(char.IsWhiteSpace))
        {
            problem = $"'{raw}' is not a website address (it contains spaces); {Example}";
            return null;
        }

        var schemeEnd = raw.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd < 0)
        {
            var host = HostOf(raw);
            var local = host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || IPAddress.TryParse(host.Trim('[', ']'), out _);
            if (!local && !host.Contains('.', StringComparison.Ordinal))
            {
                problem = $"'{raw}' is not a website address (no domain such as example.com); {Example}";
                return null;
            }

            raw = (local ? "http://" : "https://") + raw;
            schemeAdded = true;
        }

        if (!Uri.TryCreate(raw, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
        {
            problem = $"'{text!.Trim()}' is not a website address; {Example}";
            return null;
        }

        if (uri.Scheme is not ("http" or "https"))
        {
            problem = $"'{text!.Trim()}' is a {uri.Scheme}: address; only http:// and https:// sites can be crawled";
            return null;
        }

        problem = null;
        return uri;
    }

    // "127.0.0.1:18082/docs" -> "127.0.0.1"; "[::1]:80" -> "[::1]".
    private static string HostOf(string withoutScheme)
    {
        var end = withoutScheme.IndexOfAny(['/', '?', '#']);
        var authority = end < 0 ? withoutScheme : withoutScheme[..end];
        if (authority.StartsWith('['))
        {
            var close = authority.IndexOf(']', StringComparison.Ordinal);
            return close < 0 ? authority : authority[..(close + 1)];
        }

        var colon = authority.LastIndexOf(':');
        return colon < 0 ? authority : authority[..colon];
    }
}
