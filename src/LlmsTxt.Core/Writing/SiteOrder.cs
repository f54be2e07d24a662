using LlmsTxt.Core.Extraction;
using LlmsTxt.Core.Urls;

namespace LlmsTxt.Core.Writing;

/// <summary>
/// The site's own order: links in the start page's navigation first, then the start page's body links, then the
/// sitemap. Also the navigation (or table-of-contents) group each linked page sits under.
/// </summary>
internal sealed class SiteOrder
{
    public const int Navigation = 0;
    public const int Body = 1;
    public const int Sitemap = 2;
    public const int None = 3;

    private readonly Dictionary<string, int> _nav = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _body = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _sitemap = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _navGroup = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _bodyGroup = new(StringComparer.Ordinal);

    public static SiteOrder Build(Page? start, IReadOnlyList<Uri> sitemap)
    {
        var order = new SiteOrder();
        if (start is not null)
        {
            for (var i = 0; i < start.Links.Count; i++)
            {
                var link = start.Links[i];
                if (link?.Url is null)
                {
                    continue;
                }
                var key = UrlIdentity.Key(link.Url);
                var group = SectionNames.CleanGroup(link.NavGroup);
                if (link.InNavigation)
                {
                    order._nav.TryAdd(key, i);
                    if (group is not null)
                    {
                        order._navGroup.TryAdd(key, group);
                    }
                }
                else
                {
                    order._body.TryAdd(key, i);
                    if (group is not null)
                    {
                        order._bodyGroup.TryAdd(key, group);
                    }
                }
            }
        }
        for (var i = 0; i < sitemap.Count; i++)
        {
            if (sitemap[i] is { } url && url.IsAbsoluteUri)
            {
                order._sitemap.TryAdd(UrlIdentity.Key(url), i);
            }
        }
        return order;
    }

    public (int Bucket, int Index) Rank(Candidate candidate)
    {
        foreach (var (map, bucket) in (ReadOnlySpan<(Dictionary<string, int>, int)>)[(_nav, Navigation), (_body, Body), (_sitemap, Sitemap)])
        {
            if (map.TryGetValue(candidate.Key, out var index) || map.TryGetValue(UrlIdentity.Key(candidate.Page.Url), out index))
            {
                return (bucket, index);
            }
        }
        return (None, 0);
    }

    /// <summary>The navigation group of the page on the start page, else its body group.</summary>
    public string? Group(Candidate candidate, bool navigationOnly) =>
        Find(_navGroup, candidate) ?? (navigationOnly ? null : Find(_bodyGroup, candidate));

    public bool HasNavigationGroups => _navGroup.Count > 0;

    private static string? Find(Dictionary<string, string> map, Candidate candidate) =>
        map.TryGetValue(candidate.Key, out var value) || map.TryGetValue(UrlIdentity.Key(candidate.Page.Url), out value) ? value : null;
}
