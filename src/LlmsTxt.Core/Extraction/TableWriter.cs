using AngleSharp.Dom;

namespace LlmsTxt.Core.Extraction;

/// <summary>
/// Writes an HTML table. Rule "data table": a header row or a regular grid of cells makes a table data, whatever
/// the cells hold (Sphinx wraps every cell in &lt;p&gt;); anything else is page layout and its cells are written
/// as blocks. A data table whose cells hold at most one paragraph, inline code or a short list becomes a GFM
/// table; one holding block content GFM can't express (code blocks, several paragraphs, nested tables) becomes
/// a list with one item per row, so nothing is dropped.
/// </summary>
internal static class TableWriter
{
    private const int MaxRows = 2000;

    public static void Write(MarkdownWriter writer, IElement table, int depth)
    {
        var rows = new List<Row>();
        IElement? caption = null;
        foreach (var child in table.Children)
        {
            if (child.LocalName == "caption")
            {
                caption ??= child;
            }
        }
        foreach (var (row, inHead) in Rows(table))
        {
            var cells = row.Children.Where(c => c.LocalName is "td" or "th").ToList();
            if (cells.Count > 0)
            {
                rows.Add(new Row(cells, inHead || cells.TrueForAll(c => c.LocalName == "th")));
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
        if (caption is not null && !writer.IsChrome(caption))
        {
            writer.WriteBlockChildren(caption, depth + 1);
        }
        if (!TableShape.IsData(rows))
        {
            // Old-school page layout: the cells are page regions, not data.
            foreach (var cell in rows.SelectMany(r => r.Cells).Where(c => !writer.IsChrome(c)))
            {
                writer.WriteBlockChildren(cell, depth + 1);
            }
            return;
        }
        var header = rows[0].IsHeader ? rows[0] : null;
        var body = header is null ? rows : rows.Skip(1).ToList();
        if (rows.All(r => r.Cells.TrueForAll(c => writer.IsChrome(c) || TableShape.FitsGfmCell(c))))
        {
            WriteGfm(writer, header, body, depth);
        }
        else
        {
            WriteRowList(writer, header, body, depth);
        }
    }

    private static void WriteGfm(MarkdownWriter writer, Row? header, List<Row> body, int depth)
    {
        var lines = new List<List<string>>();
        var held = 0L;
        foreach (var row in header is null ? body : body.Prepend(header))
        {
            // The rows gathered so far count toward the page's Markdown bound: a huge table stops being read there.
            if (!writer.HasRoom(held))
            {
                break;
            }
            var cells = new List<string>();
            foreach (var cell in row.Cells)
            {
                cells.Add(writer.IsChrome(cell) ? "" : CellText(writer, cell, depth).Replace("|", "\\|", StringComparison.Ordinal));
                for (var span = Math.Min(TableShape.ColSpan(cell), 50); span > 1; span--)
                {
                    cells.Add("");
                }
            }
            if (cells.Exists(c => c.Length > 0))
            {
                lines.Add(cells);
                held += cells.Sum(c => c.Length + 3L);
            }
        }
        if (lines.Count == 0)
        {
            return;
        }
        var columns = lines.Max(r => r.Count);
        if (lines.Count == 1)
        {
            // A lone row reads better as a paragraph.
            writer.EmitBlock(MarkdownText.EscapeLineStart(string.Join(" ", lines[0].Where(c => c.Length > 0)).Replace("\\|", "|", StringComparison.Ordinal)));
            return;
        }
        var text = new List<string>(lines.Count + 1);
        for (var i = 0; i < lines.Count; i++)
        {
            var row = lines[i];
            while (row.Count < columns)
            {
                row.Add("");
            }
            text.Add("| " + string.Join(" | ", row) + " |");
            if (i == 0)
            {
                text.Add("|" + string.Concat(Enumerable.Repeat(" --- |", columns)));
            }
        }
        writer.EmitBlock(string.Join('\n', text));
    }

    /// <summary>One list item per row; with several columns each cell is labelled with its column's header.</summary>
    private static void WriteRowList(MarkdownWriter writer, Row? header, List<Row> body, int depth)
    {
        var labels = header?.Cells.Select(c => CellText(writer, c, depth)).ToList() ?? [];
        var columns = body.Count == 0 ? 0 : body.Max(r => r.Cells.Count);
        if (labels.Count > 0 && columns <= 1)
        {
            // One column: its header names what every item holds.
            writer.EmitBlock("**" + string.Join(" · ", labels.Where(l => l.Length > 0)) + "**");
        }
        foreach (var row in body)
        {
            var cells = row.Cells.Where(c => !writer.IsChrome(c)).ToList();
            if (cells.Count == 0)
            {
                continue;
            }
            writer.WriteItem("- ", () =>
            {
                for (var i = 0; i < cells.Count; i++)
                {
                    var label = columns > 1 && i < labels.Count && labels[i].Length > 0 ? "**" + labels[i] + ":** " : "";
                    if (TableShape.FitsGfmCell(cells[i]))
                    {
                        var text = CellText(writer, cells[i], depth);
                        if (text.Length > 0)
                        {
                            writer.AppendInline(label + text);
                            writer.EndParagraph();
                        }
                        continue;
                    }
                    if (label.Length > 0)
                    {
                        writer.AppendInline(label.TrimEnd());
                        writer.EndParagraph();
                    }
                    writer.WriteBlockChildren(cells[i], depth + 1);
                }
            });
        }
    }

    /// <summary>A simple cell's inline Markdown; a short list becomes "a; b; c".</summary>
    private static string CellText(MarkdownWriter writer, IElement cell, int depth)
    {
        var parts = new List<string>();
        foreach (var child in cell.ChildNodes)
        {
            if (child is IElement { LocalName: "ul" or "ol" } list)
            {
                parts.Add(writer.Take());
                var items = new List<string>();
                foreach (var item in list.Children.Where(i => i.LocalName == "li" && !writer.IsChrome(i)))
                {
                    writer.WriteInlineChildren(item, depth + 2);
                    items.Add(writer.Take());
                }
                parts.Add(string.Join("; ", items.Where(i => i.Length > 0)));
                continue;
            }
            writer.WriteInlineNode(child, depth + 1);
        }
        parts.Add(writer.Take());
        return CollapseSpaces(string.Join(" ", parts.Where(p => p.Length > 0)));
    }

    /// <summary>Blocks inside a cell leave double spaces behind; code spans keep theirs.</summary>
    private static string CollapseSpaces(string text)
    {
        if (!text.Contains("  ", StringComparison.Ordinal))
        {
            return text;
        }
        var sb = new System.Text.StringBuilder(text.Length);
        var inCode = false;
        foreach (var c in text)
        {
            inCode ^= c == '`';
            if (c == ' ' && !inCode && sb.Length > 0 && sb[^1] == ' ')
            {
                continue;
            }
            sb.Append(c);
        }
        return sb.ToString();
    }

    private static IEnumerable<(IElement Row, bool InHead)> Rows(IElement table)
    {
        foreach (var child in table.Children)
        {
            if (child.LocalName == "tr")
            {
                yield return (child, false);
            }
            else if (child.LocalName is "thead" or "tbody" or "tfoot")
            {
                foreach (var row in child.Children)
                {
                    if (row.LocalName == "tr")
                    {
                        yield return (row, child.LocalName == "thead");
                    }
                }
            }
        }
    }
}

/// <summary>A table row's cells, and whether it is a header row (in &lt;thead&gt; or all &lt;th&gt;).</summary>
internal sealed record Row(List<IElement> Cells, bool IsHeader);
