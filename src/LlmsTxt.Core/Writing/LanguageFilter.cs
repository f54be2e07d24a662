using LlmsTxt.Core.Extraction;
using LlmsTxt.Core.Urls;

namespace LlmsTxt.Core.Writing;

/// <summary>
/// Keeps the start URL's language only, when the site shows it has several: hreflang alternates, or paths with
/// a language prefix (/es/, /fr-fr/). Sites without such signs keep every page, whatever its lang attribute.
/// </summary>
internal static class LanguageFilter
{
    public static (IReadOnlyList<Candidate> Kept, int Dropped) Apply(
        IReadOnlyList<Candidate> candidates, Page? startPage, Uri startUrl)
    {
        var usesHreflang = candidates.Any(c => c.Page.Alternates.Count > 0) || startPage?.Alternates.Count > 0;
        var prefixes = candidates.Select(c => PathLanguage(c.Url)).Where(l => l is not null).Distinct().Count();
        var startPrefix = PathLanguage(startUrl);
        var usesPrefixes = prefixes >= 2 || startPrefix is not null
            || (prefixes == 1 && candidates.Any(c => PathLanguage(c.Url) is { } l && Primary(l) == Primary(c.Page.Language)));
        if (!usesHreflang && !usesPrefixes)
        {
            return (candidates, 0);
        }
        // A page another page names as its hreflang alternate has that language, even without a lang attribute.
        var declared = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var alternate in candidates.SelectMany(c => c.Page.Alternates).Concat(startPage?.Alternates ?? [])
                     .Where(a => a?.Url is not null && a.Language is not null && a.Language != "x-default")
                     .OrderBy(a => a.Url.AbsoluteUri, StringComparer.Ordinal).ThenBy(a => a.Language, StringComparer.Ordinal))
        {
            declared.TryAdd(UrlIdentity.Key(alternate.Url), alternate.Language);
        }
        string? Effective(Candidate c) =>
            (usesPrefixes ? PathLanguage(c.Url) : null)
            ?? (usesHreflang ? c.Page.Language ?? declared.GetValueOrDefault(c.Key) : null);

        var startLanguage = startPrefix ?? startPage?.Language
            ?? candidates.Select(Effective).Where(l => l is not null)
                .GroupBy(l => Primary(l)).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => g.Key).FirstOrDefault();
        if (startLanguage is null)
        {
            return (candidates, 0);
        }
        var kept = new List<Candidate>(candidates.Count);
        foreach (var candidate in candidates)
        {
            var language = Effective(candidate);
            var prefix = usesPrefixes ? PathLanguage(candidate.Url) : null;
            var same = language is null
                || (prefix is not null && startPrefix is not null ? prefix == startPrefix : Primary(language) == Primary(startLanguage));
            if (same)
            {
                kept.Add(candidate);
            }
        }
        return (kept, candidates.Count - kept.Count);
    }

    /// <summary>"/fr-fr/docs" → "fr-fr"; null when the first path segment isn't a language tag.</summary>
    public static string? PathLanguage(Uri url)
    {
        var path = url.AbsolutePath.AsSpan().TrimStart('/');
        var slash = path.IndexOf('/');
        var segment = (slash < 0 ? path : path[..slash]).ToString().ToLowerInvariant().Replace('_', '-');
        if (segment.Length == 0)
        {
            return null;
        }
        var dash = segment.IndexOf('-');
        var primary = dash < 0 ? segment : segment[..dash];
        if (!Understanding.Words.LanguageCodes.Contains(primary))
        {
            return null;
        }
        if (dash < 0)
        {
            return segment;
        }
        var region = segment[(dash + 1)..];
        return region.Length is 2 or 4 && region.All(char.IsAsciiLetter) || region is "419" ? segment : null;
    }

    private static string Primary(string? language)
    {
        if (string.IsNullOrEmpty(language))
        {
            return "";
        }
        var dash = language.IndexOf('-');
        return dash < 0 ? language : language[..dash];
    }
}
