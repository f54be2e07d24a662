using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace LlmsTxt.Core.Extraction;

/// <summary>Plain text of the main content as blocks (paragraphs, list items, headings), plus a word count.</summary>
internal sealed class TextCollector
{
    private static readonly HashSet<string> BlockNames = new(StringComparer.Ordinal)
    {
        "p", "div", "section", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "table", "tr", "td", "th",
        "figure", "figcaption", "header", "h1", "h2", "h3", "h4", "h5", "h6", "br", "hr", "article", "main",
        "details", "summary", "address", "caption", "tbody", "thead", "tfoot",
    };


    private readonly StringBuilder _current = new(256);
    private int _currentLinkChars;
    private readonly bool _bodyFallback;
    private readonly int _keepChars;
    private int _keptChars;

    private TextCollector(bool bodyFallback, int keepChars)
    {
        _bodyFallback = bodyFallback;
        _keepChars = keepChars;
    }

    public List<TextBlock> Blocks { get; } = [];
    public int WordCount { get; private set; }

    /// <summary>Collects blocks until about <paramref name="keepChars"/> characters are kept; counts all words.</summary>
    public static TextCollector Collect(IElement root, bool bodyFallback, int keepChars)
    {
        var collector = new TextCollector(bodyFallback, keepChars);
        collector.Walk(root, 0, Context.None);
        collector.Flush(BlockKind.Text);
        return collector;
    }

    /// <summary>What the walk is inside of; decides the kind of the blocks found there.</summary>
    [Flags]
    private enum Context
    {
        None = 0,
        Pre = 1,
        Link = 2,
        Table = 4,
        Aside = 8,
    }

    private void Walk(INode node, int depth, Context context)
    {
        var children = node.ChildNodes;
        // Indexing, not NextSibling: AngleSharp finds a sibling by searching the parent's list (quadratic).
        for (var index = 0; index < children.Length; index++)
        {
            var child = children[index];
            if (child is IText text)
            {
                var data = text.Data;
                WordCount += TextTools.CountWords(data);
                if (_keptChars < _keepChars)
                {
                    var before = _current.Length;
                    // Only what the budget can keep: one 10 MB text node must not become a 20 MB builder and its copies.
                    // (Twice the budget: a cut block still holds a whole description of up to keepChars / 4.)
                    var room = (2 * _keepChars) - _keptChars - _current.Length;
                    TextTools.AppendCollapsed(_current, data.AsSpan(0, Math.Clamp(room, 0, data.Length)), pendingSpace: false);
                    if ((context & Context.Link) != 0)
                    {
                        _currentLinkChars += _current.Length - before;
                    }
                }
                continue;
            }
            if (child is not IElement element || depth > ContentRules.MaxDepth
                || ContentRules.IsSkipped(element, _bodyFallback))
            {
                continue;
            }
            var name = element.LocalName;
            var inner = context | Inner(element, name);
            if (!BlockNames.Contains(name))
            {
                Walk(element, depth + 1, inner);
                continue;
            }
            var kind = ContentRules.IsHeading(name) ? BlockKind.Heading
                : (inner & Context.Pre) != 0 ? BlockKind.Code
                : (inner & Context.Table) != 0 || name is "td" or "th" or "caption" ? BlockKind.Table
                : (inner & Context.Aside) != 0 ? BlockKind.Aside : BlockKind.Text;
            Flush(BlockKind.Text);
            Walk(element, depth + 1, inner);
            Flush(kind, listItem: name == "li");
        }
    }

    /// <summary>The context an element opens: links, code, tables, and metadata (history, stability, captions).</summary>
    private static Context Inner(IElement element, string name)
    {
        var context = name switch
        {
            "a" => Context.Link,
            "pre" => Context.Pre,
            // Layout tables (old sites put the whole page in one) hold prose; data tables hold values.
            "table" when IsDataTable(element) => Context.Table,
            "details" or "summary" or "figcaption" => Context.Aside,
            _ => Context.None,
        };
        var classes = element.GetAttribute("class");
        if (classes is not null && ContentRules.HasTokenPart(classes, Understanding.Words.VersionNoticeParts))
        {
            context |= Context.Aside;
        }
        return context;
    }

    /// <summary>A table with header cells, a head or a caption holds data, not the page's running text.</summary>
    private static bool IsDataTable(IElement table)
    {
        if (table is not IHtmlTableElement html)
        {
            return false;
        }
        if (html.Head is not null || html.Caption is not null)
        {
            return true;
        }
        foreach (var row in html.Rows)
        {
            foreach (var cell in row.Cells)
            {
                if (cell.LocalName == "th")
                {
                    return true;
                }
            }
        }
        return false;
    }

    private void Flush(BlockKind kind, bool listItem = false)
    {
        if (_current.Length == 0)
        {
            return;
        }
        var text = _current.ToString().Trim();
        var linkChars = Math.Min(_currentLinkChars, text.Length);
        _current.Clear();
        _currentLinkChars = 0;
        if (text.Length == 0 || _keptChars >= _keepChars)
        {
            return;
        }
        _keptChars += text.Length;
        Blocks.Add(new TextBlock(text, kind, linkChars, listItem));
    }
}

internal enum BlockKind
{
    Text,
    Heading,
    Code,
    /// <summary>Table cells: counted as words, kept out of excerpts (a cell is rarely a sentence about the page).</summary>
    Table,
    /// <summary>Version history, stability notices, details/summary and captions: content, but not what a page is about.</summary>
    Aside,
}

/// <param name="LinkChars">Characters of the text that are link text: a block that is mostly links is navigation.</param>
/// <param name="IsListItem">An &lt;li&gt;: one point of a list, which rarely says what the whole page is about.</param>
internal readonly record struct TextBlock(string Text, BlockKind Kind, int LinkChars = 0, bool IsListItem = false)
{
    /// <summary>More than half link text: a list of links, never a description.</summary>
    public bool IsMostlyLinks => LinkChars * 2 > Text.Length;
}
