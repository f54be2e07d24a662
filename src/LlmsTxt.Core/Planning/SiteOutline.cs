using LlmsTxt.Core.Extraction;
using LlmsTxt.Core.Understanding;
using LlmsTxt.Core.Urls;
using LlmsTxt.Core.Writing;

namespace LlmsTxt.Core.Planning;

/// <summary>A place in the site's outline: a page (or a label-only group), its parent and children in order.</summary>
internal sealed class OutlineNode(string? key, string label, OutlineNode? parent, string rule)
{
    public string? Key { get; } = key;
    public string Label { get; } = label;
    public OutlineNode? Parent { get; } = parent;
    /// <summary>Why the node sits here: "table of contents of X", "breadcrumb", "rel=up", "URL folder"…</summary>
    public string Rule { get; } = rule;
    public List<OutlineNode> Children { get; } = [];
    public int Depth => Parent is null ? 0 : Parent.Depth + 1;
    /// <summary>Depth-first position once the outline is complete.</summary>
    public int Order { get; set; }

    public IEnumerable<OutlineNode> Ancestors()
    {
        for (var node = Parent; node is not null; node = node.Parent)
        {
            yield return node;
        }
    }
}

/// <summary>
/// The site's own table of contents, merged from its pages: the start page's (or its complete contents page's)
/// navigation trees first, then, breadth first, the tables of contents of the pages they lead to, then the
/// navigation trees of every page, then breadcrumbs and rel=up/prev/next for pages no tree lists, then URL folders.
/// A page keeps its first place. Built from pages sorted by key, so response order never changes it.
/// </summary>
internal sealed partial class SiteOutline
{
    private readonly Dictionary<string, OutlineNode> _byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Page> _pages;

    public OutlineNode Root { get; }

    private SiteOutline(string rootKey, Dictionary<string, Page> pages)
    {
        _pages = pages;
        Root = new OutlineNode(rootKey, "", null, "the start page");
        _byKey[rootKey] = Root;
    }

    public OutlineNode? Find(string key) => _byKey.GetValueOrDefault(key);

    /// <summary>The complete table of contents page the outline was rooted from, if the start page led to one.</summary>
    public string? ContentsKey { get; private set; }

    /// <param name="pages">Every crawled page by its URL key (listed or not: a hub page left out still places its children).</param>
    public static SiteOutline Build(string startKey, Page? start, Dictionary<string, Page> pages)
    {
        var outline = new SiteOutline(startKey, pages);
        if (start is null)
        {
            return outline;
        }
        var contents = ContentsPage(start, pages);
        if (contents is not null)
        {
            outline.ContentsKey = UrlIdentity.Key(contents.Url);
            outline.MergeTrees(outline.Root, BiggestFirst(contents.Structure, pages), "the site's contents page");
        }
        outline.MergeTrees(outline.Root, BiggestFirst(start.Structure, pages), "the start page's navigation");
        outline.Expand(mainOnly: true);
        outline.Expand(mainOnly: false);
        outline.PlaceByRelations();
        outline.PlaceByFolders();
        outline.Number();
        return outline;
    }

    /// <summary>
    /// A complete table of contents the start page links to: its rel=contents target, else a linked page whose
    /// trees hold most (60 %) of the pages the start page links to. Such a page outranks a home page of link cards.
    /// </summary>
    private static Page? ContentsPage(Page start, Dictionary<string, Page> pages)
    {
        foreach (var rel in Words.ContentsRelations)
        {
            if (start.Structure.Relations.TryGetValue(rel, out var url) && pages.GetValueOrDefault(UrlIdentity.Key(url)) is { } page)
            {
                return page;
            }
        }
        var startLinks = TopLevel(start.Structure).Select(UrlIdentity.Key).Where(pages.ContainsKey).ToHashSet(StringComparer.Ordinal);
        if (startLinks.Count < 4)
        {
            return null;
        }
        Page? best = null;
        var bestCover = 0;
        foreach (var key in startLinks.Order(StringComparer.Ordinal))
        {
            var page = pages[key];
            if (page.Structure.UtilityReason is not null)
            {
                // An alphabetical index links to most pages too, but in the order of the alphabet, not the site's.
                continue;
            }
            var cover = page.Structure.Trees.SelectMany(t => Flatten(t.Roots)).Where(n => n.Url is not null)
                .Select(n => UrlIdentity.Key(n.Url!)).Where(startLinks.Contains).Distinct(StringComparer.Ordinal).Count();
            if (cover > bestCover)
            {
                (best, bestCover) = (page, cover);
            }
        }
        return bestCover * 10 >= startLinks.Count * 6 ? best : null;
    }

    private static IEnumerable<Uri> TopLevel(PageStructure structure) =>
        structure.Trees.SelectMany(t => Flatten(t.Roots)).Select(n => n.Url).Concat(structure.BodyLinks.Select(n => n.Url)).OfType<Uri>();

    private static IEnumerable<NavNode> Flatten(IEnumerable<NavNode> nodes) => nodes.SelectMany(n => Flatten(n.Children).Prepend(n));

    /// <summary>The tree that reaches most crawled pages first (the TOC, not the top bar), then the rest in document order.</summary>
    private static List<IReadOnlyList<NavNode>> BiggestFirst(PageStructure structure, Dictionary<string, Page> pages)
    {
        var trees = structure.Trees.Select(t => t.Roots).ToList();
        if (structure.BodyLinks.Count > 0)
        {
            trees.Add(structure.BodyLinks);
        }
        int Reach(IReadOnlyList<NavNode> roots) => Flatten(roots).Count(n => n.Url is not null && pages.ContainsKey(UrlIdentity.Key(n.Url)));
        var best = trees.Select((t, i) => (Tree: t, Reach: Reach(t), Index: i)).OrderByDescending(t => t.Reach).ThenBy(t => t.Index).FirstOrDefault();
        if (best.Tree is null)
        {
            return trees;
        }
        trees.RemoveAt(best.Index);
        trees.Insert(0, best.Tree);
        return trees;
    }

    private void MergeTrees(OutlineNode parent, IEnumerable<IReadOnlyList<NavNode>> trees, string rule)
    {
        foreach (var roots in trees)
        {
            Merge(parent, roots, rule, parent == Root);
        }
    }

    /// <summary>Places unplaced pages of the tree under <paramref name="parent"/>; a placed page lends its own place to its subtree.</summary>
    private void Merge(OutlineNode parent, IReadOnlyList<NavNode> nodes, string rule, bool groupsAllowed)
    {
        foreach (var node in nodes)
        {
            if (node.Url is null)
            {
                // A caption groups pages only at the top of the outline; deeper it is only a heading in a chapter's TOC.
                if (groupsAllowed && node.Label.Length > 0 && node.Children.Count > 0)
                {
                    var group = new OutlineNode(null, node.Label, parent, rule);
                    parent.Children.Add(group);
                    Merge(group, node.Children, rule, false);
                    if (group.Children.Count == 0)
                    {
                        parent.Children.Remove(group);
                    }
                }
                else
                {
                    Merge(parent, node.Children, rule, groupsAllowed);
                }
                continue;
            }
            var key = UrlIdentity.Key(node.Url);
            if (!_pages.ContainsKey(key))
            {
                Merge(parent, node.Children, rule, false);
                continue;
            }
            if (!_byKey.TryGetValue(key, out var placed))
            {
                placed = new OutlineNode(key, node.Label, parent, rule);
                parent.Children.Add(placed);
                _byKey[key] = placed;
            }
            // A page keeps its first place; its subtree in this tree may still place its children.
            Merge(placed, node.Children, rule, false);
        }
    }

    /// <summary>Breadth first over the outline: each page's own trees place the pages below it.</summary>
    private void Expand(bool mainOnly)
    {
        // A merge can add children to a node already visited: repeat until nothing new is placed.
        for (var pass = 0; pass < 8; pass++)
        {
            var before = _byKey.Count;
            ExpandOnce(mainOnly);
            if (_byKey.Count == before)
            {
                return;
            }
        }
    }

    private void ExpandOnce(bool mainOnly)
    {
        var queue = new Queue<OutlineNode>([Root]);
        var visited = new HashSet<OutlineNode>();
        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            if (!visited.Add(node))
            {
                continue;
            }
            if (node != Root && node.Key is not null && _pages.TryGetValue(node.Key, out var page))
            {
                var trees = page.Structure.Trees.Where(t => t.InMainContent == mainOnly).Select(t => t.Roots);
                MergeTrees(node, trees, mainOnly ? "the table of contents of " + Describe(node) : "the navigation of " + Describe(node));
            }
            foreach (var child in node.Children)
            {
                queue.Enqueue(child);
            }
        }
    }

    private static string Describe(OutlineNode node) => node.Label.Length > 0 ? "\"" + node.Label + "\"" : node.Key ?? "a page";
}
