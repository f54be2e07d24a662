using System.Text;

namespace LlmsTxt.Core.Extraction;

/// <summary>Page titles: site-name suffixes and prefixes removed, generic titles recognised, slug titles made.</summary>
public static class TitleCleaner
{
    private static readonly string[] Separators = Understanding.Words.TitleSeparators;

    /// <summary>True for titles that say nothing about the page ("Home", "Index", "React App"…).</summary>
    public static bool IsGeneric(string? title) =>
        string.IsNullOrWhiteSpace(title) || Understanding.Words.GenericTitles.Contains(title.Trim());

    /// <summary>
    /// Removes a " | Site", " - Site", ": Site" suffix (or "Site | " prefix) when that part names the site:
    /// equal to / containing the site name, or the main label of the host.
    /// </summary>
    public static string StripSiteName(string title, string? siteName, string host)
    {
        title = TextTools.Clean(title);
        foreach (var separator in Separators)
        {
            var last = title.LastIndexOf(separator, StringComparison.Ordinal);
            if (last > 0)
            {
                var head = title[..last].Trim();
                var tail = title[(last + separator.Length)..].Trim();
                if (head.Length > 0 && NamesSite(tail, siteName, host))
                {
                    return StripSiteName(head, siteName, host);
                }
            }
            var first = title.IndexOf(separator, StringComparison.Ordinal);
            if (first > 0 && separator != ": ")
            {
                var head = title[..first].Trim();
                var tail = title[(first + separator.Length)..].Trim();
                if (tail.Length > 0 && NamesSite(head, siteName, host))
                {
                    return StripSiteName(tail, siteName, host);
                }
            }
        }
        return title;
    }

    /// <summary>True when the text is the site's name (or the site name plus a word like "Docs").</summary>
    public static bool NamesSite(string part, string? siteName, string host)
    {
        var normalized = Normalize(part);
        if (normalized.Length == 0)
        {
            return false;
        }
        if (!string.IsNullOrWhiteSpace(siteName))
        {
            var site = Normalize(siteName);
            if (site.Length > 0 && (normalized == site
                || (site.Length >= 3 && normalized.StartsWith(site, StringComparison.Ordinal) && normalized.Length <= site.Length + 14)))
            {
                return true;
            }
        }
        var label = MainHostLabel(host);
        return label.Length >= 3 && (normalized == label
            || (normalized.StartsWith(label, StringComparison.Ordinal) && normalized.Length <= label.Length + 14
                && part.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= 3));
    }

    /// <summary>"docs.example.co.uk" → "example"; "www.stripe.com" → "stripe".</summary>
    public static string MainHostLabel(string host)
    {
        var labels = host.ToLowerInvariant().Split('.', StringSplitOptions.RemoveEmptyEntries);
        if (labels.Length == 0)
        {
            return "";
        }
        if (labels.Length == 1)
        {
            return Normalize(labels[0]);
        }
        var index = labels.Length - 2;
        // Second-level public suffixes such as co.uk, com.au.
        if (index > 0 && Understanding.Words.SecondLevelSuffixes.Contains(labels[index]) && labels[^1].Length == 2)
        {
            index--;
        }
        return Normalize(labels[index]);
    }

    /// <summary>A readable title from the URL: the last path segment without extension, words capitalised.</summary>
    public static string FromUrl(Uri url)
    {
        var segments = url.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = segments.Length - 1; i >= 0; i--)
        {
            var segment = Uri.UnescapeDataString(segments[i]);
            var dot = segment.LastIndexOf('.');
            if (dot > 0)
            {
                segment = segment[..dot];
            }
            if (segment.Length == 0 || segment.Equals("index", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            var words = TextTools.Clean(segment.Replace('-', ' ').Replace('_', ' ').Replace('+', ' '));
            if (words.Length > 0)
            {
                return Humanize(words);
            }
        }
        return url.Host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? url.Host[4..] : url.Host;
    }

    /// <summary>Capitalises words; all-lowercase words of known acronyms become upper case.</summary>
    public static string Humanize(string words)
    {
        var parts = words.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = Understanding.Words.Acronyms.TryGetValue(parts[i], out var known) ? known
                : parts[i].Length > 0 && parts[i].All(c => !char.IsUpper(c))
                    ? char.ToUpperInvariant(parts[i][0]) + parts[i][1..]
                    : parts[i];
        }
        return string.Join(' ', parts);
    }

    private static string Normalize(string text)
    {
        // Letters and digits only, lower case, Latin diacritics folded (invariant globalization has no Unicode
        // normalization, so "Zoé" must be folded by hand to match the host "zoe").
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!char.IsLetterOrDigit(c))
            {
                continue;
            }
            var lower = char.ToLowerInvariant(c);
            var folded = lower < 'À' ? lower : Fold(lower);
            if (folded == 'ß')
            {
                sb.Append("ss");
                continue;
            }
            sb.Append(folded);
        }
        return sb.ToString();
    }

    private static readonly (string From, char To)[] Folds =
    [
        ("àáâãäåāăą", 'a'), ("çćĉċč", 'c'), ("ðďđ", 'd'), ("èéêëēĕėęě", 'e'), ("ĝğġģ", 'g'), ("ĥħ", 'h'),
        ("ìíîïĩīĭįı", 'i'), ("ĵ", 'j'), ("ķ", 'k'), ("ĺļľŀł", 'l'), ("ñńņňŉ", 'n'), ("òóôõöøōŏő", 'o'),
        ("ŕŗř", 'r'), ("śŝşš", 's'), ("ţťŧ", 't'), ("ùúûüũūŭůűų", 'u'), ("ŵ", 'w'), ("ýÿŷ", 'y'), ("źżž", 'z'),
    ];

    private static char Fold(char c)
    {
        foreach (var (from, to) in Folds)
        {
            if (from.Contains(c, StringComparison.Ordinal))
            {
                return to;
            }
        }
        return c;
    }
}
