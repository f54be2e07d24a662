using LlmsTxt.Core.Understanding;
using LlmsTxt.Core.Urls;
using LlmsTxt.Core.Writing;

namespace LlmsTxt.Core.Planning;

/// <summary>A section taken from the outline: its name, pages in outline order, and why it is where it is.</summary>
internal sealed record OutlineSection(string Name, List<Entry> Entries, bool Optional, int Order, string Rule);

/// <summary>
/// Sections from the outline: the shallowest level of the tree that gives a useful number of groups, named by the
/// outline's own labels without numbering, in outline order; back matter under Optional; a group holding more than
/// half of the pages split by its own sub-groups.
/// </summary>
internal static class OutlineSections
{
    /// <summary>A large site reads best in 4–25 sections (fewer is a catch-all, more is a list of chapters); a small one may have 2.</summary>
    private const int MinGroups = 4, MaxGroups = 25, PagesPerGroup = 10;

    public static (List<OutlineSection> Sections, List<Entry> Unplaced) Build(IReadOnlyList<Entry> entries, SiteOutline outline)
    {
        var placed = new List<(Entry Entry, OutlineNode Node)>();
        var unplaced = new List<Entry>();
        foreach (var entry in entries)
        {
            var node = outline.Find(entry.Candidate.Key) ?? outline.Find(UrlIdentity.Key(entry.Candidate.Page.Url));
            if (node is null || node == outline.Root)
            {
                unplaced.Add(entry);
            }
            else
            {
                placed.Add((entry, node));
            }
        }
        if (placed.Count == 0)
        {
            return ([], unplaced);
        }
        var level = ChooseLevel(placed.Select(p => p.Node).ToList(), Math.Clamp(placed.Count / PagesPerGroup, 2, MinGroups));
        var groups = placed.GroupBy(p => AncestorAt(p.Node, level)).Select(g => (Head: g.Key, Name: Name(g.Key), Members: g.ToList())).ToList();
        // "More than half of the links": of every link the file lists, the start page included.
        var total = entries.Count + 1;
        // No catch-all: a group with more than half of the pages is split by its own sub-groups while that helps.
        for (var round = 0; round < 3 && groups.Count > 2; round++)
        {
            var big = groups.FindIndex(g => Limits.IsMostOf(g.Members.Count, total) && g.Members.Any(m => m.Node.Depth > g.Head.Depth + 1));
            if (big < 0)
            {
                break;
            }
            var (head, headName, members) = groups[big];
            groups.RemoveAt(big);
            var parts = members.GroupBy(m => m.Node == head || m.Node.Parent == head && m.Node.Children.Count == 0 ? head : AncestorAt(m.Node, head.Depth + 1))
                .OrderBy(g => g.Key.Order).Select(g => (Head: g.Key, Members: g.ToList())).ToList();
            groups.InsertRange(big, Runs(head, headName, parts, total));
        }
        var sections = new List<OutlineSection>();
        var lastGroup = groups.Where(g => !IsLoneLeaf(g.Head, g.Members, outline)).Select(g => g.Head.Order).DefaultIfEmpty(int.MaxValue).Max();
        foreach (var (head, name, members) in groups.OrderBy(g => g.Head.Order))
        {
            if (IsLoneLeaf(head, members, outline) && head.Order > lastGroup)
            {
                // Single pages after the outline's last group are its back matter (bibliography, glossary, license).
                sections.Add(new OutlineSection(name, members.Select(m => m.Entry).ToList(), true, head.Order, "a single page after the outline's last group"));
                continue;
            }
            if (IsLoneLeaf(head, members, outline) && lastGroup == int.MaxValue)
            {
                // An outline of single pages only (a list of posts) gives no groups: the folder grouping places them.
                unplaced.AddRange(members.Select(m => m.Entry));
                continue;
            }
            var backMatter = head.Ancestors().Append(head).Any(n => Words.BackMatter.Contains(Name(n)));
            var rule = backMatter ? "back matter in the outline (\"" + name + "\")" : "outline group \"" + name + "\" (level " + head.Depth + ")";
            sections.Add(new OutlineSection(name, members.OrderBy(m => m.Node.Order).Select(m => m.Entry).ToList(), backMatter, head.Order, rule));
        }
        return (sections, unplaced);
    }

    /// <summary>
    /// A group too big for one section, cut into as few runs of its sub-groups (in outline order) as keep each run
    /// under half of the links: the site's own group stays as whole as it can. The first run keeps the group's name;
    /// a run of one sub-group is "Group: Sub-group"; a longer one is "Group (continued)".
    /// </summary>
    private static List<(OutlineNode Head, string Name, List<(Entry Entry, OutlineNode Node)> Members)> Runs(
        OutlineNode head, string headName, List<(OutlineNode Head, List<(Entry Entry, OutlineNode Node)> Members)> parts, int total)
    {
        var runs = new List<(OutlineNode Head, List<OutlineNode> Parts, List<(Entry Entry, OutlineNode Node)> Members)>();
        foreach (var (partHead, members) in parts)
        {
            if (runs.Count > 0 && !Limits.IsMostOf(runs[^1].Members.Count + members.Count, total))
            {
                runs[^1].Parts.Add(partHead);
                runs[^1].Members.AddRange(members);
            }
            else
            {
                runs.Add((partHead, [partHead], [.. members]));
            }
        }
        return runs.Select((run, i) => (run.Head,
                i == 0 ? headName : run.Parts.Count == 1 ? headName + ": " + Name(run.Head) : headName + " (continued)", run.Members))
            .ToList();
    }

    /// <summary>
    /// A group of one page that has no pages below it: none in the outline, and its own table of contents lists no
    /// pages the outline places elsewhere or not at all (a hub whose chapters the budget did not reach is a group).
    /// The site's contents page, whose tree the outline was built from, is a single page wherever it sits.
    /// </summary>
    private static bool IsLoneLeaf(OutlineNode head, List<(Entry Entry, OutlineNode Node)> members, SiteOutline outline) =>
        members.Count == 1 && head.Children.Count == 0
        && (head.Key == outline.ContentsKey || members[0].Entry.Candidate.Page.Structure.Trees.Where(t => t.InMainContent)
            .SelectMany(t => Flatten(t.Roots)).Count(n => n.Url is not null && UrlIdentity.SameSite(n.Url, members[0].Entry.Candidate.Url)
                && outline.Find(UrlIdentity.Key(n.Url)) is null) < 2);

    private static IEnumerable<NavNode> Flatten(IEnumerable<NavNode> nodes) => nodes.SelectMany(n => Flatten(n.Children).Prepend(n));

    /// <summary>The outline's own label without its numbering ("Part II. The SQL Language" → "The SQL Language").</summary>
    public static string Name(OutlineNode node) => Words.WithoutNumbering(Extraction.TextTools.Clean(node.Label));

    /// <summary>The shallowest level giving <paramref name="minGroups"/>–25 groups; else the level closest to that range.</summary>
    private static int ChooseLevel(List<OutlineNode> nodes, int minGroups)
    {
        var maxDepth = Math.Min(6, nodes.Max(n => n.Depth));
        var best = 1;
        var bestCount = 0;
        for (var level = 1; level <= maxDepth; level++)
        {
            var count = nodes.Select(n => AncestorAt(n, level)).Distinct().Count();
            if (count >= minGroups && count <= MaxGroups)
            {
                return level;
            }
            if (count <= MaxGroups && count > bestCount)
            {
                (best, bestCount) = (level, count);
            }
        }
        return best;
    }

    /// <summary>The node's ancestor at the level (the node itself when it sits above the level).</summary>
    public static OutlineNode AncestorAt(OutlineNode node, int level)
    {
        while (node.Depth > level && node.Parent is not null)
        {
            node = node.Parent;
        }
        return node;
    }
}
