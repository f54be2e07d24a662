using LlmsTxt.Core.Extraction;
using LlmsTxt.Core.Urls;

namespace LlmsTxt.Core.Writing;

/// <summary>A page chosen for the file, with the URL to list and its de-duplication key.</summary>
internal sealed record Candidate(Page Page, Uri Url, string Key);

internal sealed record Selection(
    Page? StartPage,
    IReadOnlyList<Candidate> Pages,
    int DuplicatesDropped,
    int NoIndexDropped,
    int LanguageDuplicatesDropped)
{
    /// <summary>Pages left out here, with the reason (for --explain).</summary>
    public IReadOnlyList<Planning.PageExplanation> LeftOut { get; init; } = [];
}

/// <summary>
/// Picks the pages to list: one per URL key (canonical links, slash and scheme variants merged), without
/// noindex pages and without other-language versions. Works on a sorted copy so input order never matters.
/// </summary>
internal static class PageSelector
{
    public static Selection Select(LlmsTxtInput input)
    {
        var pages = (input.Pages ?? []).Where(p => p?.Url is not null && UrlIdentity.IsHttp(p.Url)).Select(WithoutNulls)
            .OrderBy(p => p.Url.AbsoluteUri, StringComparer.Ordinal)
            .ThenBy(p => p.CanonicalUrl?.AbsoluteUri ?? "", StringComparer.Ordinal)
            .ThenBy(p => p.Title, StringComparer.Ordinal)
            .ThenBy(p => p.Description, StringComparer.Ordinal)
            .ThenBy(p => p.Excerpt, StringComparer.Ordinal)
            .ThenBy(p => p.PackedMarkdown, Comparer<CompactText>.Create(CompactText.Compare))
            .ToList();
        var startKey = UrlIdentity.Key(input.StartUrl);
        var startPage = pages.Where(p => UrlIdentity.Key(p.Url) == startKey).OrderBy(Preference).FirstOrDefault()
            ?? pages.Where(p => p.CanonicalUrl is not null && UrlIdentity.Key(p.CanonicalUrl) == startKey).OrderBy(Preference).FirstOrDefault();

        var noIndex = pages.Count(p => p.NoIndex);
        var groups = pages.Where(p => !p.NoIndex)
            .GroupBy(p => UrlIdentity.Key(ListedUrl(p)), StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToList();
        var candidates = new List<Candidate>(groups.Count);
        var leftOut = pages.Where(p => p.NoIndex).Select(p => Explained(p, "marked noindex")).ToList();
        foreach (var group in groups)
        {
            var best = group.OrderBy(Preference).First();
            leftOut.AddRange(group.Where(p => !ReferenceEquals(p, best)).Select(p => Explained(p, "the same page as " + best.Url.AbsoluteUri + " (canonical, slash or scheme variant)")));
            var url = group.Select(ListedUrl).OrderBy(u => u.Scheme == Uri.UriSchemeHttps ? 0 : 1)
                .ThenBy(u => UrlIdentity.Key(u) == UrlIdentity.Key(best.Url) ? 0 : 1)
                .ThenBy(u => u.AbsoluteUri.Length).ThenBy(u => u.AbsoluteUri, StringComparer.Ordinal).First();
            candidates.Add(new Candidate(best, url, group.Key));
        }
        var duplicates = pages.Count - noIndex - candidates.Count;
        var (kept, languageDropped) = LanguageFilter.Apply(candidates, startPage, input.StartUrl);
        var keptKeys = kept.Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
        leftOut.AddRange(candidates.Where(c => !keptKeys.Contains(c.Key)).Select(c => Explained(c.Page, "another language's version of the site")));
        return new Selection(startPage, kept, duplicates, noIndex, languageDropped) { LeftOut = leftOut };
    }

    private static Planning.PageExplanation Explained(Page page, string reason) => new(page.Url, page.Title, null, "", "", reason);

    /// <summary>Pages built by hand may carry nulls in non-nullable members; the writer treats them as empty.</summary>
    private static Page WithoutNulls(Page page) =>
        page.Title is null || page.HtmlTitle is null || page.Description is null || page.Excerpt is null
        || page.Links is null || page.Alternates is null
            ? page with
            {
                Title = page.Title ?? "", HtmlTitle = page.HtmlTitle ?? "", Description = page.Description ?? "",
                Excerpt = page.Excerpt ?? "", Links = page.Links ?? [],
                Alternates = page.Alternates ?? [],
            }
            : page;

    /// <summary>The URL to list: the canonical URL when it is on the same site, else the page URL.</summary>
    public static Uri ListedUrl(Page page) =>
        page.CanonicalUrl is { } canonical && UrlIdentity.IsHttp(canonical) && UrlIdentity.SameSite(canonical, page.Url)
            ? canonical
            : page.Url;

    /// <summary>Lower is better: the canonical page itself, https, more content, then URL order.</summary>
    private static (int, int, int, string) Preference(Page page) =>
        (page.CanonicalUrl is null || UrlIdentity.Key(page.CanonicalUrl) == UrlIdentity.Key(page.Url) ? 0 : 1,
         page.Url.Scheme == Uri.UriSchemeHttps ? 0 : 1,
         -page.WordCount,
         page.Url.AbsoluteUri);
}
