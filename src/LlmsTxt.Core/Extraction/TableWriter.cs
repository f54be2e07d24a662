using AngleSharp.Dom;

namespace LlmsTxt.Core.Extraction;

/// <summary>Writes an HTML table as a GitHub-flavoured Markdown table (first row as header).</summary>
internal static class TableWriter
{
    private const int MaxRows = 2000;

    public static void Write(MarkdownWriter writer, IElement table, int depth, bool bodyFallback)
    {
        if (IsLayoutTable(table))
        {
            // Old-school page layout: the cells are page regions, not data.
            foreach (var row in Rows(table))
            {
                foreach (var cell in row.Children)
                {
                    if (cell.LocalName is "td" or "th" && !ContentRules.IsSkipped(cell, bodyFallback))
                    {
                        writer.WriteBlockChildren(cell, depth + 1);
                    }
                }
            }
            return;
        }
        var rows = new List<List<string>>();
        foreach (var row in Rows(table))
        {
            var cells = new List<string>();
            foreach (var cell in row.Children)
            {
                if (cell.LocalName is not ("td" or "th"))
                {
                    continue;
                }
                if (ContentRules.IsSkipped(cell, bodyFallback))
                {
                    cells.Add("");
                    continue;
                }
                writer.WriteInlineChildren(cell, depth + 1);
                cells.Add(writer.Take().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal));
            }
            if (cells.Exists(c => c.Length > 0))
            {
                rows.Add(cells);
            }
            if (rows.Count >= MaxRows)
            {
                break;
            }
        }
        if (rows.Count == 0)
        {
            return;
        }
        var columns = rows.Max(r => r.Count);
        if (columns == 1 || rows.Count == 1)
        {
            // Layout tables and single rows read better as paragraphs.
            foreach (var row in rows)
            {
                var text = string.Join(" ", row.Where(c => c.Length > 0));
                writer.EmitBlock(MarkdownText.EscapeLineStart(text.Replace("\\|", "|", StringComparison.Ordinal)));
            }
            return;
        }
        var lines = new List<string>(rows.Count + 1);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            while (row.Count < columns)
            {
                row.Add("");
            }
            lines.Add("| " + string.Join(" | ", row) + " |");
            if (i == 0)
            {
                lines.Add("|" + string.Concat(Enumerable.Repeat(" --- |", columns)));
            }
        }
        writer.EmitBlock(string.Join('\n', lines));
    }

    private static bool IsLayoutTable(IElement table) =>
        Dom.FindDescendant(table, "h1", "h2", "h3", "h4", "h5", "h6", "p", "ul", "ol", "pre", "blockquote", "table") is not null;

    private static IEnumerable<IElement> Rows(IElement table)
    {
        foreach (var child in table.Children)
        {
            if (child.LocalName == "tr")
            {
                yield return child;
            }
            else if (child.LocalName is "thead" or "tbody" or "tfoot")
            {
                foreach (var row in child.Children)
                {
                    if (row.LocalName == "tr")
                    {
                        yield return row;
                    }
                }
            }
        }
    }
}
