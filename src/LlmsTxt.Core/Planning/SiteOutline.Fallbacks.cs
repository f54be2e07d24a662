using LlmsTxt.Core.Extraction;
using LlmsTxt.Core.Urls;
using LlmsTxt.Core.Writing;

namespace LlmsTxt.Core.Planning;

/// <summary>Places for pages no navigation tree lists: breadcrumbs and rel links, then URL folders.</summary>
internal sealed partial class SiteOutline
{
    /// <summary>
    /// Breadcrumb parent (its last crumb) or rel=up places a page under that page; rel=prev places it after its
    /// previous page, rel=next before its next. Repeated until nothing moves, in key order.
    /// </summary>
    private void PlaceByRelations()
    {
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var (key, page) in Unplaced())
            {
                var structure = page.Structure;
                var parentUrl = structure.Breadcrumbs.Count > 0 ? structure.Breadcrumbs[^1] : structure.Relations.GetValueOrDefault("up");
                var rule = structure.Breadcrumbs.Count > 0 ? "its breadcrumb trail" : "rel=up";
                if (parentUrl is not null && Find(UrlIdentity.Key(parentUrl)) is { } parent)
                {
                    Add(parent, key, page, rule, parent.Children.Count);
                    changed = true;
                }
                else if (structure.Relations.GetValueOrDefault("prev") is { } prev && Find(UrlIdentity.Key(prev)) is { Parent: { } p } previous)
                {
                    Add(p, key, page, "rel=prev", p.Children.IndexOf(previous) + 1);
                    changed = true;
                }
                else if (structure.Relations.GetValueOrDefault("next") is { } next && Find(UrlIdentity.Key(next)) is { Parent: { } q } following)
                {
                    Add(q, key, page, "rel=next", q.Children.IndexOf(following));
                    changed = true;
                }
            }
        }
    }

    /// <summary>
    /// The last fallback: a page goes under the nearest placed page of a parent URL folder, else after the last
    /// placed page of its own folder (its siblings by URL).
    /// </summary>
    private void PlaceByFolders()
    {
        foreach (var (key, page) in Unplaced())
        {
            var folder = FolderOf(key);
            var sibling = _byKey.Where(p => p.Value != Root && p.Value.Parent is not null && p.Key != key && FolderOf(p.Key) == folder && folder.Contains('/', StringComparison.Ordinal))
                .Select(p => p.Value).MaxBy(n => n.Order);
            if (sibling is not null)
            {
                Number();
                sibling = _byKey.Where(p => p.Value != Root && p.Value.Parent is not null && FolderOf(p.Key) == folder).Select(p => p.Value).MaxBy(n => n.Order)!;
                Add(sibling.Parent!, key, page, "its URL folder (after the pages of the same folder)", sibling.Parent!.Children.IndexOf(sibling) + 1);
                continue;
            }
            var path = page.Url.AbsolutePath;
            while (path.Length > 1)
            {
                var cut = path.TrimEnd('/').LastIndexOf('/');
                if (cut < 0)
                {
                    break;
                }
                path = path[..(cut + 1)];
                var folderKey = UrlIdentity.Key(new Uri(page.Url, path));
                if (folderKey != key && Find(folderKey) is { } parent && parent != Root)
                {
                    Add(parent, key, page, "its URL folder", parent.Children.Count);
                    break;
                }
            }
        }
    }

    private static string FolderOf(string key) => key.Contains('/', StringComparison.Ordinal) ? key[..key.LastIndexOf('/')] : key;

    private List<(string Key, Page Page)> Unplaced() =>
        _pages.Where(p => !_byKey.ContainsKey(p.Key)).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value)).ToList();

    private void Add(OutlineNode parent, string key, Page page, string rule, int index)
    {
        var node = new OutlineNode(key, page.Title, parent, rule);
        parent.Children.Insert(Math.Clamp(index, 0, parent.Children.Count), node);
        _byKey[key] = node;
    }

    /// <summary>Depth-first order: the order the file lists pages in.</summary>
    private void Number()
    {
        var order = 0;
        var stack = new Stack<OutlineNode>([Root]);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            node.Order = order++;
            for (var i = node.Children.Count - 1; i >= 0; i--)
            {
                stack.Push(node.Children[i]);
            }
        }
    }
}
