using AngleSharp.Dom;
using LlmsTxt.Core.Extraction;

namespace LlmsTxt.Core.Understanding;

/// <summary>Nested lists of links read as trees.</summary>
internal sealed partial class StructureReader
{
    /// <summary>Deeper list nesting is flattened: no real table of contents is this deep.</summary>
    private const int MaxListDepth = 12;

    private List<NavNode> ReadList(IElement list, int depth)
    {
        var nodes = new List<NavNode>();
        if (depth > MaxListDepth)
        {
            return nodes;
        }
        if (list.LocalName == "dl")
        {
            ReadDefinitionList(list, depth, nodes);
            return nodes;
        }
        // A label-only item ("Getting started" with no link or sub-list) heads the items after it.
        (string Label, List<NavNode> Children)? group = null;
        foreach (var item in list.Children)
        {
            if (item.LocalName != "li")
            {
                continue;
            }
            var node = ReadItem(item, depth);
            if (node is null)
            {
                continue;
            }
            if (node.Url is null && node.Label.Length == 0)
            {
                // An item that is only a sub-list (mdBook, some menus) holds the entries of the item before it.
                var target = group is { } g ? g.Children : nodes;
                if (target.Count > 0)
                {
                    target[^1] = target[^1] with { Children = [.. target[^1].Children, .. node.Children] };
                }
                else
                {
                    target.AddRange(node.Children);
                }
                continue;
            }
            if (node.Url is null && node.Children.Count == 0)
            {
                Close(nodes, group);
                group = (node.Label, []);
            }
            else if (group is { } open)
            {
                open.Children.Add(node);
            }
            else
            {
                nodes.Add(node);
            }
        }
        Close(nodes, group);
        return nodes;
    }

    private static void Close(List<NavNode> nodes, (string Label, List<NavNode> Children)? group)
    {
        if (group is { } closed && closed.Children.Count > 0)
        {
            nodes.Add(new NavNode(null, closed.Label, closed.Children));
        }
    }

    private void ReadDefinitionList(IElement list, int depth, List<NavNode> nodes)
    {
        NavNode? last = null;
        foreach (var child in list.Children)
        {
            if (child.LocalName == "dt")
            {
                if (last is not null)
                {
                    nodes.Add(last);
                }
                var sub = SubLists(child, depth);
                last = LabelNode(child, sub);
            }
            else if (child.LocalName == "dd" && last is not null)
            {
                var children = SubLists(child, depth);
                if (children.Count > 0)
                {
                    last = last with { Children = [.. last.Children, .. children] };
                }
            }
        }
        if (last is not null)
        {
            nodes.Add(last);
        }
        nodes.RemoveAll(n => n.Url is null && n.Children.Count == 0 && n.Label.Length == 0);
    }

    private NavNode? ReadItem(IElement item, int depth)
    {
        var children = SubLists(item, depth);
        return LabelNode(item, children);
    }

    /// <summary>The node for an item: its first link outside sub-lists, else its text as a group label.</summary>
    private NavNode? LabelNode(IElement item, List<NavNode> children)
    {
        var anchor = FirstAnchor(item, 0);
        if (anchor is not null && _resolver.Resolve(anchor.GetAttribute("href")) is { } url)
        {
            var label = Dom.Text(anchor);
            // A link to the page itself (the current entry of a sidebar, an "on this page" heading) stays: it is this
            // page's place in the tree.
            return new NavNode(url, label, children);
        }
        var text = OwnText(item);
        return text.Length is > 0 and <= Limits.MaxLabelLength ? new NavNode(null, text, children) : children.Count > 0 ? new NavNode(null, "", children) : null;
    }

    private static IElement? FirstAnchor(IElement element, int depth)
    {
        foreach (var child in element.Children)
        {
            if (child.LocalName is "ul" or "ol" or "dl" || depth > 6)
            {
                continue;
            }
            if (child.LocalName == "a" && child.HasAttribute("href"))
            {
                return child;
            }
            if (FirstAnchor(child, depth + 1) is { } found)
            {
                return found;
            }
        }
        return null;
    }

    /// <summary>The item's text outside its sub-lists.</summary>
    private static string OwnText(IElement item)
    {
        var parts = new List<string>();
        foreach (var child in item.ChildNodes)
        {
            if (child is IElement { LocalName: "ul" or "ol" or "dl" })
            {
                continue;
            }
            var text = child is IText t ? TextTools.Clean(t.Data) : child is IElement e ? Dom.Text(e) : "";
            if (text.Length > 0)
            {
                parts.Add(text);
            }
        }
        return TextTools.Clean(string.Join(' ', parts));
    }

    /// <summary>Lists directly inside the item, or inside its wrappers (a div around a collapsible sub-list).</summary>
    private List<NavNode> SubLists(IElement item, int depth)
    {
        var nodes = new List<NavNode>();
        foreach (var child in item.Children)
        {
            if (child.LocalName is "ul" or "ol" or "dl")
            {
                nodes.AddRange(ReadList(child, depth + 1));
            }
            else if (child.LocalName is "div" or "nav" or "section" or "span" or "details")
            {
                nodes.AddRange(SubLists(child, depth + 1));
            }
        }
        return nodes;
    }
}
