using System.Text;
using AngleSharp.Dom;

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
        collector.Walk(root, 0, inPre: false);
        collector.Flush(BlockKind.Text);
        return collector;
    }

    private void Walk(INode node, int depth, bool inPre)
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
                    TextTools.AppendCollapsed(_current, data, pendingSpace: false);
                }
                continue;
            }
            if (child is not IElement element || depth > ContentRules.MaxDepth
                || ContentRules.IsSkipped(element, _bodyFallback))
            {
                continue;
            }
            var name = element.LocalName;
            if (!BlockNames.Contains(name))
            {
                Walk(element, depth + 1, inPre);
                continue;
            }
            var kind = ContentRules.IsHeading(name) ? BlockKind.Heading
                : name == "pre" || inPre ? BlockKind.Code
                : name is "td" or "th" or "caption" ? BlockKind.Table : BlockKind.Text;
            Flush(BlockKind.Text);
            Walk(element, depth + 1, inPre || name == "pre");
            Flush(kind);
        }
    }

    private void Flush(BlockKind kind)
    {
        if (_current.Length == 0)
        {
            return;
        }
        var text = _current.ToString().Trim();
        _current.Clear();
        if (text.Length == 0 || _keptChars >= _keepChars)
        {
            return;
        }
        _keptChars += text.Length;
        Blocks.Add(new TextBlock(text, kind));
    }
}

internal enum BlockKind
{
    Text,
    Heading,
    Code,
    /// <summary>Table cells: counted as words, kept out of excerpts (a cell is rarely a sentence about the page).</summary>
    Table,
}

internal readonly record struct TextBlock(string Text, BlockKind Kind);
