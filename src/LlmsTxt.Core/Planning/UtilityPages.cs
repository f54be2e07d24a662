using LlmsTxt.Core.Extraction;
using LlmsTxt.Core.Urls;
using LlmsTxt.Core.Writing;

namespace LlmsTxt.Core.Planning;

/// <summary>
/// Utility pages — search, general and module indexes, source listings, print versions, "not found" pages —
/// recognised by what they are, never by their URLs: the page's own signals (a letter bar, a body that is one code
/// listing, a search form, an error title over little text) or being the target of another page's rel=search,
/// rel=index or rel=alternate media=print. They never fill main sections.
/// </summary>
internal static class UtilityPages
{
    /// <summary>URL key → why the page is a utility page.</summary>
    public static Dictionary<string, string> Find(IReadOnlyList<Candidate> pages, Page? start)
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var candidate in pages)
        {
            if (candidate.Page.Structure.UtilityReason is { } reason)
            {
                found[candidate.Key] = reason;
            }
        }
        var byKey = pages.GroupBy(c => c.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Page, StringComparer.Ordinal);
        var sources = pages.Select(c => c.Page).Append(start).OfType<Page>();
        foreach (var page in sources.OrderBy(p => p.Url.AbsoluteUri, StringComparer.Ordinal))
        {
            foreach (var (rel, what) in Understanding.Words.UtilityRelations)
            {
                if (page.Structure.Relations.TryGetValue(rel, out var target) && UrlIdentity.Key(target) is var key
                    && key != UrlIdentity.Key(page.Url) && !found.ContainsKey(key) && !IsStartOf(key, start))
                {
                    found[key] = rel == "print"
                        ? $"{what} ({page.Url.AbsoluteUri} names it as its rel=alternate media=print)"
                        : $"the target of rel={rel} ({what})";
                }
            }
            // The letter pages of an alphabetical index (genindex-A …) are the index too, when they read as one: mostly links.
            foreach (var letterPage in page.Structure.IndexLetterPages)
            {
                if (UrlIdentity.Key(letterPage) is var key && !found.ContainsKey(key) && !IsStartOf(key, start)
                    && byKey.GetValueOrDefault(key) is { Structure.MostlyLinks: true })
                {
                    found[key] = $"a letter page of the alphabetical index at {page.Url.AbsoluteUri}";
                }
            }
        }
        return found;
    }

    private static bool IsStartOf(string key, Page? start) => start is not null && UrlIdentity.Key(start.Url) == key;
}
