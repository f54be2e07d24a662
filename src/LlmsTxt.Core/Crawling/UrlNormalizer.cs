
using LlmsTxt.Core.Urls;

namespace LlmsTxt.Core.Crawling;

/// <summary>
/// URL hygiene for the crawler: resolves links to their canonical spelling (<see cref="UrlIdentity"/> says what
/// that is) and spots URLs the crawler must not follow (traps, login/admin/feed pages, obvious binary files).
/// </summary>
public sealed class UrlNormalizer(CrawlOptions options)
{
    private static readonly HashSet<string> ExcludedSegments = new(StringComparer.OrdinalIgnoreCase)
    {
        "login", "log-in", "logout", "log-out", "signin", "sign-in", "signout", "sign-out", "signup", "sign-up",
        "admin", "administrator", "wp-admin", "wp-login.php", "feed", "feeds", "rss", "atom", "cart", "checkout",
    };

    private static readonly HashSet<string> BinaryExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".svg", ".ico", ".bmp", ".tif", ".tiff", ".pdf", ".zip",
        ".gz", ".tgz", ".bz2", ".xz", ".tar", ".rar", ".7z", ".exe", ".dmg", ".msi", ".deb", ".rpm", ".iso", ".apk",
        ".mp3", ".mp4", ".m4a", ".m4v", ".wav", ".ogg", ".webm", ".avi", ".mov", ".mkv", ".flac", ".css", ".js",
        ".mjs", ".json", ".xml", ".rss", ".atom", ".woff", ".woff2", ".ttf", ".otf", ".eot", ".csv", ".xls",
        ".xlsx", ".doc", ".docx", ".ppt", ".pptx", ".odt", ".wasm", ".map", ".txt", ".md", ".bin", ".dat",
    };

    /// <summary>Resolves <paramref name="href"/> against <paramref name="baseUrl"/> and normalises it; null when it is not an http(s) link.</summary>
    public Uri? Resolve(Uri baseUrl, string? href)
    {
        if (string.IsNullOrWhiteSpace(href))
        {
            return null;
        }
        return Uri.TryCreate(baseUrl, href.Trim(), out var absolute) ? Normalize(absolute) : null;
    }

    /// <summary>The canonical spelling of <paramref name="url"/> (see <see cref="UrlIdentity.Canonical"/>), or null when it is not an absolute http(s) URL.</summary>
    public Uri? Normalize(Uri url) => UrlIdentity.Canonical(url);

    /// <summary>Checks traps, excluded paths and binary extensions; scope and robots are checked elsewhere.</summary>
    public CrawlDecision Check(Uri url)
    {
        if (url.AbsoluteUri.Length > options.MaxUrlLength)
        {
            return CrawlDecision.Skip(SkipReason.UrlTrap, $"URL longer than {options.MaxUrlLength} characters");
        }
        if (url.Query.Length > options.MaxQueryLength)
        {
            return CrawlDecision.Skip(SkipReason.UrlTrap, $"query longer than {options.MaxQueryLength} characters");
        }
        var segments = url.Segments;
        if (segments.Length - 1 > options.MaxPathSegments)
        {
            return CrawlDecision.Skip(SkipReason.UrlTrap, $"more than {options.MaxPathSegments} path segments");
        }
        for (var i = 1; i < segments.Length; i++)
        {
            var segment = segments[i].TrimEnd('/');
            if (segment.Length == 0)
            {
                continue;
            }
            var count = 1;
            for (var j = 1; j < i; j++)
            {
                if (segments[j].AsSpan().TrimEnd('/').Equals(segment, StringComparison.OrdinalIgnoreCase))
                {
                    count++;
                }
            }
            if (count > options.MaxSegmentRepeats)
            {
                return CrawlDecision.Skip(SkipReason.UrlTrap, $"path segment '{segment}' repeated more than {options.MaxSegmentRepeats} times");
            }
            if (ExcludedSegments.Contains(segment))
            {
                return CrawlDecision.Skip(SkipReason.ExcludedPath, $"'{segment}' pages (login, admin, feeds, carts) are not content");
            }
        }
        var last = segments.Length == 0 ? "" : segments[^1];
        var extension = last.EndsWith('/') ? "" : Path.GetExtension(last);
        if (extension.Length > 0 && BinaryExtensions.Contains(extension))
        {
            return CrawlDecision.Skip(SkipReason.NotHtml, $"'{extension}' files are not HTML pages");
        }
        return CrawlDecision.Allow;
    }
}

/// <summary>
/// What belongs to the site: the start URL's host (with or without <c>www.</c>), any port it used, and
/// its path prefix when the user gave one (<c>https://site/docs/</c> crawls <c>/docs/</c> only).
/// </summary>
public sealed record CrawlScope(string SiteHost, int Port, string PathPrefix)
{
    public static CrawlScope From(Uri start)
    {
        var path = start.AbsolutePath;
        string prefix;
        if (path.EndsWith('/'))
        {
            prefix = path;
        }
        else
        {
            var last = path[(path.LastIndexOf('/') + 1)..];
            // "/docs/index.html" scopes to "/docs/"; "/docs" scopes to "/docs" and "/docs/...".
            prefix = last.Contains('.', StringComparison.Ordinal) ? path[..(path.LastIndexOf('/') + 1)] : path;
        }
        return new CrawlScope(UrlIdentity.SiteHost(start), start.IsDefaultPort ? -1 : start.Port, prefix);
    }

    public bool Contains(Uri url) => SameSite(url) && InPrefix(url.AbsolutePath);

    public bool SameSite(Uri url) =>
        UrlIdentity.IsHttp(url)
        && UrlIdentity.SiteHost(url) == SiteHost
        && (url.IsDefaultPort ? -1 : url.Port) == Port;

    private bool InPrefix(string path)
    {
        if (PathPrefix == "/" || path.StartsWith(PathPrefix, StringComparison.Ordinal) && (PathPrefix.EndsWith('/') || path.Length == PathPrefix.Length || path[PathPrefix.Length] == '/'))
        {
            return true;
        }
        // "/docs/" also covers "/docs" itself.
        return PathPrefix.EndsWith('/') && path == PathPrefix.TrimEnd('/');
    }
}
