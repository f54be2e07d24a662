namespace LlmsTxt.Core.Writing;

/// <summary>A page on its way into a section: relative path segments and its rank in the site's order.</summary>
internal sealed record Entry(Candidate Candidate, PlannedPage Planned, string[] Segments, bool IsStart, int Bucket, int Index);

/// <summary>
/// Groups the main (non-Optional) pages into sections: by the first path segment below the start URL; a segment
/// holding most pages is split by the next one; one-page folders join the top-level pages; top-level pages of a
/// flat site (and big flat folders) are grouped by the start page's navigation or table of contents.
/// </summary>
internal static class SectionGrouper
{
    private const string Root = "";

    public static List<(string Name, List<Entry> Entries)> Group(IReadOnlyList<Entry> entries, SiteOrder order)
    {
        var groups = new SortedDictionary<string, List<Entry>>(StringComparer.Ordinal);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var folders = entries.Where(e => e.Segments.Length >= 2).Select(e => e.Segments[0]).ToHashSet(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var key = entry.Segments.Length >= 2 || (entry.Segments.Length == 1 && folders.Contains(entry.Segments[0]))
                ? entry.Segments[0]
                : Root;
            Add(groups, key, entry);
            names.TryAdd(key, key == Root ? "" : SectionNames.FromSegment(key));
        }
        var split = SplitDominant(groups, names, entries.Count);
        MergeSingletons(groups);
        // Navigation groups name the pages the URLs can't: the top-level pages of a flat site, and a site whose pages
        // all sit in one unsplit folder. Folder-based sections are otherwise kept as the URLs give them.
        var folderKeys = groups.Keys.Where(k => k != Root).ToList();
        foreach (var key in groups.Keys.ToList())
        {
            var isRoot = key == Root;
            if ((isRoot && groups[key].Count >= 4)
                || (folderKeys.Count == 1 && !split.Contains(key) && groups[key].Count >= 6))
            {
                RegroupByNavigation(groups, names, key, order);
            }
        }
        var rootName = groups.TryGetValue(Root, out var rest) && rest.Count > 15 ? "Pages" : "Overview";
        return groups.Where(g => g.Value.Count > 0)
            .Select(g => (Name: g.Key == Root ? rootName : names[g.Key], Entries: g.Value))
            .ToList();
    }

    private static HashSet<string> SplitDominant(SortedDictionary<string, List<Entry>> groups, Dictionary<string, string> names, int total)
    {
        var split = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in groups.Keys.Where(k => k != Root).ToList())
        {
            var group = groups[key];
            if (group.Count < 6 || !Understanding.Limits.IsMostOf(group.Count, total))
            {
                continue;
            }
            var subFolders = group.Where(e => e.Segments.Length >= 3).Select(e => e.Segments[1]).ToHashSet(StringComparer.Ordinal);
            string? Sub(Entry e) => e.Segments.Length >= 3 || (e.Segments.Length == 2 && subFolders.Contains(e.Segments[1]))
                ? e.Segments[1] : null;
            var subs = group.Where(e => Sub(e) is not null).GroupBy(e => Sub(e)!, StringComparer.Ordinal)
                .Where(g => g.Count() >= 2).ToList();
            if (subs.Count < 2)
            {
                continue;
            }
            split.Add(key);
            foreach (var sub in subs)
            {
                var subKey = key + "/" + sub.Key;
                foreach (var entry in sub)
                {
                    group.Remove(entry);
                    Add(groups, subKey, entry);
                }
                names[subKey] = SectionNames.FromSegment(sub.Key);
                split.Add(subKey);
            }
        }
        return split;
    }

    private static void MergeSingletons(SortedDictionary<string, List<Entry>> groups)
    {
        // Longest keys first, so a one-page sub-folder returns to its folder before that folder is judged.
        foreach (var key in groups.Keys.Where(k => k != Root).OrderByDescending(k => k.Length).ThenBy(k => k, StringComparer.Ordinal).ToList())
        {
            if (groups[key].Count != 1)
            {
                continue;
            }
            var slash = key.LastIndexOf('/');
            var parent = slash > 0 && groups.ContainsKey(key[..slash]) ? key[..slash] : Root;
            Add(groups, parent, groups[key][0]);
            groups.Remove(key);
        }
        foreach (var key in groups.Keys.Where(k => groups[k].Count == 0).ToList())
        {
            groups.Remove(key);
        }
    }

    private static void RegroupByNavigation(SortedDictionary<string, List<Entry>> groups, Dictionary<string, string> names, string key, SiteOrder order)
    {
        var group = groups[key];
        var navigationOnly = order.HasNavigationGroups;
        var byGroup = group.Where(e => order.Group(e.Candidate, navigationOnly) is not null)
            .GroupBy(e => order.Group(e.Candidate, navigationOnly)!, StringComparer.Ordinal)
            .Where(g => g.Count() >= 2).ToList();
        var covered = byGroup.Sum(g => g.Count());
        var enough = byGroup.Count >= 2 || (key == Root && byGroup.Count == 1);
        if (!enough || covered * 2 < group.Count)
        {
            return;
        }
        foreach (var navGroup in byGroup)
        {
            var navKey = "\u0001nav/" + key + "/" + navGroup.Key;
            foreach (var entry in navGroup)
            {
                group.Remove(entry);
                Add(groups, navKey, entry);
            }
            names[navKey] = SectionNames.Sanitize(navGroup.Key);
        }
        if (group.Count == 0)
        {
            groups.Remove(key);
        }
    }

    private static void Add(SortedDictionary<string, List<Entry>> groups, string key, Entry entry)
    {
        if (!groups.TryGetValue(key, out var list))
        {
            groups[key] = list = [];
        }
        list.Add(entry);
    }
}
