using AngleSharp.Dom;

namespace LlmsTxt.Core.Extraction;

/// <summary>What a table is (data or layout) and what its cells hold, judged from structure alone.</summary>
internal static class TableShape
{
    /// <summary>Items a list may have and still be written inside one GFM cell ("a; b; c").</summary>
    private const int MaxCellListItems = 8;

    /// <summary>
    /// Data when the first row is a header, when every row has the same two or more cells (a spanning cell counts
    /// once: page layouts span their banner and footer across the columns), or when rows of two or more cells hold
    /// only inline text (page regions hold headings and paragraphs).
    /// </summary>
    public static bool IsData(IReadOnlyList<Row> rows)
    {
        if (rows[0].IsHeader && rows.Count > 1)
        {
            return true;
        }
        if (rows.Count < 2 || rows.Max(r => r.Cells.Count) < 2)
        {
            return false;
        }
        var columns = rows[0].Cells.Count;
        return rows.All(r => r.Cells.Count == columns) || rows.All(r => r.Cells.TrueForAll(c => InlineOnly(c, 0)));
    }

    public static int ColSpan(IElement cell) =>
        int.TryParse(cell.GetAttribute("colspan"), out var span) && span > 1 ? span : 1;

    /// <summary>True when the cell holds inline content, at most one paragraph, and short flat lists.</summary>
    public static bool FitsGfmCell(IElement cell)
    {
        var paragraphs = 0;
        return Fits(cell, ref paragraphs, 0);
    }

    private static bool Fits(IElement element, ref int paragraphs, int depth)
    {
        foreach (var child in element.Children)
        {
            switch (child.LocalName)
            {
                case "pre" or "table" or "blockquote" or "h1" or "h2" or "h3" or "h4" or "h5" or "h6" or "dl" or "hr"
                    or "figure" or "details":
                    return false;
                case "p":
                    if (++paragraphs > 1 || !InlineOnly(child, 0))
                    {
                        return false;
                    }
                    break;
                case "ul" or "ol":
                    if (depth > 0 || !ShortFlatList(child))
                    {
                        return false;
                    }
                    break;
                case "div" or "section":
                    if (depth > 4 || !Fits(child, ref paragraphs, depth + 1))
                    {
                        return false;
                    }
                    break;
            }
        }
        return true;
    }

    private static bool ShortFlatList(IElement list)
    {
        var items = list.Children.Where(c => c.LocalName == "li").ToList();
        return items.Count <= MaxCellListItems && items.TrueForAll(item =>
        {
            var paragraphs = 0;
            return item.Children.All(c => c.LocalName is not ("ul" or "ol")) && Fits(item, ref paragraphs, 1);
        });
    }

    private static bool InlineOnly(IElement element, int depth) =>
        depth < 20 && element.Children.All(c => c.LocalName is not ("p" or "div" or "pre" or "table" or "ul" or "ol"
            or "blockquote" or "dl" or "h1" or "h2" or "h3" or "h4" or "h5" or "h6") && InlineOnly(c, depth + 1));
}
