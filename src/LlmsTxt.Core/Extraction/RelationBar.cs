using AngleSharp.Dom;

namespace LlmsTxt.Core.Extraction;

/// <summary>
/// Rule "relation bar": a table or bar whose links are only page relations (Prev, Up, Home, Next, or links marked
/// <c>rel=prev|next|up|home</c>) is sequence navigation, not content, even though it is a plain table or div in the
/// page body (DocBook's navheader/navfooter, many generated manuals). Reason: such a bar repeats on every page and
/// carries nothing but the page's neighbours, which llms.txt already lists.
/// </summary>
internal static class RelationBar
{
    // Few nodes and little text: a bar, not a section of content. Scanning stops as soon as either is exceeded.
    private const int MaxNodes = 120, MaxPlainText = 160;

    /// <summary>True for a table, or a div holding only a table and rules, whose two or more links are all relations.</summary>
    public static bool Matches(IElement element)
    {
        var name = element.LocalName;
        if (name == "div")
        {
            if (!HoldsOnlyATable(element))
            {
                return false;
            }
        }
        else if (name != "table")
        {
            return false;
        }
        var scan = new Scan();
        Walk(element, ref scan, 0);
        return !scan.Failed && scan.RelationLinks >= 2;
    }

    /// <summary>A div whose element children are one table and rules or breaks (checked on every div: no allocation).</summary>
    private static bool HoldsOnlyATable(IElement div)
    {
        var children = div.ChildNodes;
        var tables = 0;
        for (var i = 0; i < children.Length; i++)
        {
            if (children[i] is not IElement child)
            {
                continue;
            }
            if (child.LocalName == "table")
            {
                tables++;
            }
            else if (child.LocalName is not ("hr" or "br"))
            {
                return false;
            }
        }
        return tables == 1;
    }

    private struct Scan
    {
        public int Nodes;
        public int PlainText;
        public int RelationLinks;
        public bool Failed;
    }

    private static void Walk(INode node, ref Scan scan, int depth)
    {
        var children = node.ChildNodes;
        for (var i = 0; i < children.Length && !scan.Failed; i++)
        {
            if (++scan.Nodes > MaxNodes || depth > 12)
            {
                scan.Failed = true;
                return;
            }
            var child = children[i];
            if (child is IText text)
            {
                scan.PlainText += text.Data.AsSpan().Trim().Length;
                scan.Failed = scan.PlainText > MaxPlainText;
            }
            else if (child is IElement element)
            {
                if (element.LocalName == "a" && element.HasAttribute("href"))
                {
                    if (!IsRelation(element))
                    {
                        scan.Failed = true;
                        return;
                    }
                    scan.RelationLinks++;
                }
                else if (element.LocalName is "p" or "pre" or "ul" or "ol" or "h1" or "h2" or "h3" or "h4" or "h5" or "h6" or "img")
                {
                    scan.Failed = true;
                    return;
                }
                else
                {
                    Walk(element, ref scan, depth + 1);
                }
            }
        }
    }

    private static bool IsRelation(IElement anchor)
    {
        var rel = anchor.GetAttribute("rel");
        if (rel is not null && rel.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(Understanding.Words.Relations.Contains))
        {
            return true;
        }
        Span<char> letters = stackalloc char[24];
        var count = 0;
        foreach (var c in Dom.Text(anchor))
        {
            if (char.IsLetter(c))
            {
                if (count == letters.Length)
                {
                    return false;
                }
                letters[count++] = c;
            }
        }
        return count > 0 && Understanding.Words.RelationLinkTexts.GetAlternateLookup<ReadOnlySpan<char>>().Contains(letters[..count]);
    }
}
