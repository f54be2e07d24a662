using System.Globalization;
using System.Text;
using LlmsTxt.Core.Extraction;

namespace LlmsTxt.Core.Urls;

/// <summary>
/// The one place that says when two URLs are the same page, and how a site is spelled in the registry and its
/// storage keys. The crawler's frontier, canonical handling, the writer and the server all ask here.
/// </summary>
/// <remarks>
/// <para>Same page (<see cref="Key"/>): scheme, case of scheme and host, a default port, a leading <c>www.</c>,
/// a trailing slash, an index document (<c>index.html</c>, <c>index.htm</c>, <c>index.php</c>), tracking and
/// session parameters, a <c>;jsessionid=</c> path parameter and a fragment do not make a different page. The path's
/// case and the remaining query do (servers are case-sensitive; <c>?page=2</c> is another page). A hash route
/// (<c>#/guide</c>) does too: on a single-page site it is the page (see <see cref="HashRoute"/>).</para>
/// <para>Same site (<see cref="SiteKey"/>): deliberately stricter, the canonical spelling's scheme, host, port
/// and path. It is what the crawler and the scheduler fetch (an http-only and an https site, or <c>www.</c> and
/// the bare host, can be different servers), and hosted files are stored under the MD5 of it, so changing the
/// spelling would orphan the files of every enrolled site.</para>
/// </remarks>
public static class UrlIdentity
{
    private static readonly HashSet<string> DroppedParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "igshid", "mc_cid", "mc_eid",
        "_ga", "_gl", "_hsenc", "_hsmi", "mkt_tok", "oly_anon_id", "oly_enc_id", "vero_id", "ttclid", "srsltid",
        // Session ids: the same page under a new name on every visit.
        "jsessionid", "phpsessid", "sid", "sessionid", "session_id", "aspsessionid", "cfid", "cftoken", "zenid", "oscsid",
    };

    /// <summary>Documents a server answers for a folder URL: <c>/docs/index.html</c> is <c>/docs/</c>.</summary>
    private static readonly string[] IndexDocuments = ["/index.html", "/index.htm", "/index.php"];

    /// <summary>An absolute http or https URL.</summary>
    public static bool IsHttp(Uri url) =>
        url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps);

    /// <summary>
    /// The canonical spelling of <paramref name="url"/>: lower-case scheme and (punycode) host, no default port, no user
    /// info, no fragment, no tracking or session parameters. Null when it is not an absolute http(s) URL with a host.
    /// </summary>
    public static Uri? Canonical(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!IsHttp(url) || url.Host.Length == 0)
        {
            return null;
        }
        if (IsAlreadyCanonical(url))
        {
            // Most links need no change; rebuilding them costs more than the rest of link handling.
            return url;
        }
        var builder = new UriBuilder(url)
        {
            Fragment = "",
            Host = url.IdnHost.ToLowerInvariant(),
            UserName = "",
            Password = "",
            Path = StripPathSessionId(url.AbsolutePath),
            Query = CleanQuery(url.Query),
        };
        if (url.IsDefaultPort)
        {
            builder.Port = -1;
        }
        return Uri.TryCreate(builder.ToString(), UriKind.Absolute, out var clean) ? clean : null;
    }

    /// <summary>The page identity: two URLs with the same key are one page (see the rules above).</summary>
    public static string Key(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var path = StripPathSessionId(url.AbsolutePath);
        foreach (var index in IndexDocuments)
        {
            if (path.EndsWith(index, StringComparison.OrdinalIgnoreCase))
            {
                path = path[..(path.Length - index.Length + 1)];
                break;
            }
        }
        path = path.TrimEnd('/');
        var query = url.Query.Length > 1 ? CleanQuery(url.Query) : "";
        var port = url.IsDefaultPort ? "" : ":" + url.Port.ToString(CultureInfo.InvariantCulture);
        return string.Concat(SiteHost(url), port, path, query.Length > 0 ? "?" + query : "", HashRoute.Of(url));
    }

    /// <summary>Whether <paramref name="a"/> and <paramref name="b"/> are the same page.</summary>
    public static bool SamePage(Uri a, Uri b) => Key(a) == Key(b);

    /// <summary>The host, lower-case and in punycode, with a leading <c>www.</c> removed: both spellings are one site.</summary>
    public static string SiteHost(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return SiteHost(Ascii.IsValid(url.Host) ? url.Host : url.IdnHost);
    }

    /// <inheritdoc cref="SiteHost(Uri)"/>
    public static string SiteHost(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        host = host.ToLowerInvariant();
        return host.StartsWith("www.", StringComparison.Ordinal) ? host[4..] : host;
    }

    /// <summary>
    /// The server a request goes to, for politeness: <see cref="SiteHost(Uri)"/> and the port. The host throttle and
    /// robots.txt's <c>Crawl-delay</c> (which, like robots.txt itself, belongs to one origin) are both kept per this key.
    /// </summary>
    public static string HostKey(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return SiteHost(url) + ":" + url.Port.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Same host once case and <c>www.</c> are set aside (ports are the scope's business).</summary>
    public static bool SameSite(Uri a, Uri b) => SiteHost(a) == SiteHost(b);

    /// <summary>
    /// The site's spelling for the registry and the storage keys: the canonical scheme, host, port and path, without
    /// query or fragment (see the rules above for why it is stricter than <see cref="Key"/>).
    /// </summary>
    /// <exception cref="ArgumentException">When <paramref name="url"/> is not an absolute http(s) URL.</exception>
    public static string SiteKey(Uri url) =>
        Canonical(url)?.GetLeftPart(UriPartial.Path) ?? throw new ArgumentException($"'{url}' is not an absolute http(s) URL.", nameof(url));

    /// <summary><see cref="SiteKey(Uri)"/> of a URL typed by a person or sent by a client; null for anything but an absolute http(s) URL.</summary>
    public static string? SiteKey(string? url) =>
        !string.IsNullOrWhiteSpace(url) && Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)
        ? Canonical(uri)?.GetLeftPart(UriPartial.Path)
        : null;

    private static bool IsAlreadyCanonical(Uri url)
    {
        var original = url.OriginalString;
        if (original.Contains('#', StringComparison.Ordinal) || original.Contains('@', StringComparison.Ordinal) || !Ascii.IsValid(url.Host))
        {
            return false;
        }
        if (url.AbsolutePath.Contains(';', StringComparison.Ordinal))
        {
            return false;
        }
        var query = url.Query;
        return query.Length == 0 || (query.Length > 1 && CleanQuery(query).Length == query.Length - 1);
    }

    private static string StripPathSessionId(string path)
    {
        // ";jsessionid=..." path parameters (Java servlets).
        var index = path.IndexOf(";jsessionid=", StringComparison.OrdinalIgnoreCase);
        return index < 0 ? path : path[..index];
    }

    /// <summary>The query without its leading '?' and without tracking and session parameters.</summary>
    private static string CleanQuery(string query)
    {
        if (query.Length <= 1)
        {
            return "";
        }
        var kept = new StringBuilder();
        foreach (var pair in query[1..].Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = pair.Split('=', 2)[0];
            if (name.StartsWith("utm_", StringComparison.OrdinalIgnoreCase) || DroppedParameters.Contains(name))
            {
                continue;
            }
            kept.Append(kept.Length == 0 ? "" : "&").Append(pair);
        }
        return kept.ToString();
    }
}
