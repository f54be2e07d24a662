using System.Text;
using AngleSharp.Dom;

namespace LlmsTxt.Core.Extraction;

/// <summary>
/// Small DOM helpers used instead of AngleSharp's <c>TextContent</c> and <c>QuerySelector</c> on hot paths: both
/// take a process-wide lock (a pooled StringBuilder, a selector cache), which serialises a concurrent crawl.
/// </summary>
internal static class Dom
{
    [ThreadStatic]
    private static StringBuilder? t_buffer;

    /// <summary>The element's text with whitespace collapsed and invisible characters removed.</summary>
    public static string Text(INode node)
    {
        var sb = t_buffer ??= new StringBuilder(1024);
        sb.Clear();
        AppendText(sb, node, 0);
        var text = TextTools.Clean(sb.ToString());
        if (sb.Capacity > 64 * 1024)
        {
            t_buffer = null; // don't keep a huge buffer alive per thread
        }
        return text;
    }

    /// <summary>
    /// <c>Text(node).Length</c> without building the string: the collapsed text has no leading space, no double
    /// space and at most one trailing space, which is all <see cref="TextTools.Clean"/> would still remove.
    /// </summary>
    public static int TextLength(INode node)
    {
        var sb = t_buffer ??= new StringBuilder(1024);
        sb.Clear();
        AppendText(sb, node, 0);
        var length = sb.Length > 0 && sb[^1] == ' ' ? sb.Length - 1 : sb.Length;
        if (sb.Capacity > 64 * 1024)
        {
            t_buffer = null;
        }
        return length;
    }

    private static void AppendText(StringBuilder sb, INode node, int depth)
    {
        var children = node.ChildNodes;
        for (var i = 0; i < children.Length; i++)
        {
            var child = children[i];
            if (child is IText text)
            {
                TextTools.AppendCollapsed(sb, text.Data, pendingSpace: false);
            }
            else if (child is IElement element && depth < ContentRules.MaxDepth
                     && element.LocalName is not ("script" or "style" or "template"))
            {
                AppendText(sb, element, depth + 1);
            }
        }
    }

    /// <summary>The first descendant (document order) whose local name is one of <paramref name="names"/>.</summary>
    public static IElement? FindDescendant(INode root, params ReadOnlySpan<string> names) => Find(root, names, null, 0);

    /// <summary>Like <see cref="FindDescendant"/>, without walking <paramref name="skip"/>'s subtree (already searched).</summary>
    public static IElement? FindDescendantOutside(INode root, INode skip, string name) =>
        root == skip ? null : Find(root, [name], skip, 0);

    private static IElement? Find(INode node, ReadOnlySpan<string> names, INode? skip, int depth)
    {
        var children = node.ChildNodes;
        for (var i = 0; i < children.Length; i++)
        {
            if (children[i] is not IElement element)
            {
                continue;
            }
            foreach (var name in names)
            {
                if (element.LocalName == name)
                {
                    return element;
                }
            }
            if (depth < ContentRules.MaxDepth && element != skip && Find(element, names, skip, depth + 1) is { } found)
            {
                return found;
            }
        }
        return null;
    }
}
