using System.Text.RegularExpressions;
using LlmsTxt.Core.Understanding;

namespace LlmsTxt.Core.Writing;

/// <summary>
/// Pages that belong under <c>## Optional</c>: legal, company, contact, social, changelogs, archives and old
/// versions. Judged from path segments first, then from the title.
/// </summary>
internal static partial class SecondaryPages
{
    [GeneratedRegex(@"^v?\d+(\.\d+)*(\.x)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex VersionSegment();

    /// <summary>True for secondary pages; <paramref name="oldVersions"/> holds version segments older than the newest.</summary>
    /// <param name="segments">Path segments below the start URL's folder (so "first" means first within the site section).</param>
    public static bool IsSecondary(Uri url, IReadOnlyList<string> segments, string title, IReadOnlySet<string> oldVersions)
    {
        for (var i = 0; i < segments.Count; i++)
        {
            var segment = StripExtension(segments[i]);
            var isFolder = i < segments.Count - 1 || url.AbsolutePath.EndsWith('/');
            if (Words.SecondarySegments.Contains(segment) || (i == 0 && Words.SecondaryFirstSegments.Contains(segment))
                || (i == 0 && isFolder && Words.SecondaryFirstFolders.Contains(segment))
                || oldVersions.Contains(segment.ToLowerInvariant()))
            {
                return true;
            }
        }
        // Pagination of listings: /blog/page/2, ?page=3
        if (url.Query.Contains("page=", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        // Titles decide only for top-level pages: deeper pages sit in content folders ("Jobs" under /api/).
        return segments.Count <= 1 && title.Length > 0 && title.Length <= Limits.MaxNameLength && Words.SecondaryTitle().IsMatch(title);
    }

    /// <summary>Version path segments (v1, 2.0) other than the newest one seen on the site.</summary>
    public static IReadOnlySet<string> OldVersions(IEnumerable<Uri> urls)
    {
        var versions = urls.SelectMany(u => u.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries))
            .Select(s => s.ToLowerInvariant()).Where(s => VersionSegment().IsMatch(s) && s.Any(char.IsAsciiLetter) || s.Contains('.', StringComparison.Ordinal) && VersionSegment().IsMatch(s))
            .Distinct(StringComparer.Ordinal).ToList();
        if (versions.Count < 2)
        {
            return new HashSet<string>();
        }
        var newest = versions.OrderByDescending(VersionNumber).First();
        return versions.Where(v => v != newest).ToHashSet(StringComparer.Ordinal);
    }

    private static Version VersionNumber(string segment)
    {
        var digits = segment.TrimStart('v', 'V').Replace(".x", "", StringComparison.OrdinalIgnoreCase);
        if (!digits.Contains('.', StringComparison.Ordinal))
        {
            digits += ".0";
        }
        return Version.TryParse(digits, out var version) ? version : new Version(0, 0);
    }

    public static string StripExtension(string segment)
    {
        var decoded = Uri.UnescapeDataString(segment);
        var dot = decoded.LastIndexOf('.');
        return dot > 0 && decoded.Length - dot <= 6 && decoded[(dot + 1)..].All(char.IsAsciiLetter) ? decoded[..dot] : decoded;
    }
}
