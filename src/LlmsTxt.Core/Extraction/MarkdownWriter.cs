using System.Text;
using AngleSharp.Dom;

namespace LlmsTxt.Core.Extraction;

/// <summary>
/// The block/inline state machine behind <see cref="MarkdownConverter"/>. Inline text gathers in a paragraph
/// buffer with collapsed whitespace; each block boundary flushes it with the current prefix (list indentation,
/// blockquote markers). Inside inline constructs (links, emphasis, table cells) block elements become spaces.
/// The writer's only knowledge of the page is the content root it is given and <paramref name="isChrome"/>, the
/// one decision of which elements are navigation or chrome (shared with the text excerpt). The text is bounded by
/// <paramref name="maxChars"/> (see MarkdownWriter.Bound.cs).
/// </summary>
internal sealed partial class MarkdownWriter(UrlResolver resolver, Func<IElement, bool> isChrome, int maxChars)
{
    private const int RoomyInline = 64 * 1024;
    private readonly StringBuilder _out = new();
    // A roomy single-chunk paragraph buffer: shrinking or clearing a StringBuilder that grew in chunks allocates. One
    // grown past RoomyInline (64K characters, far beyond a documentation paragraph) is replaced instead of cleared.
    private StringBuilder _inline = new(512);
    private readonly List<string> _prefixes = [];
    private string? _marker;
    private int _inlineDepth;
    private bool _needBlank;
    private bool _tight;
    private int _lastPrefixCount;

    public string Finish() => Close() ? _out.ToString() : "";

    /// <summary>Like <see cref="Finish"/>, packed straight from the builder (see <see cref="CompactText"/>).</summary>
    internal CompactText FinishPacked() => Close() ? CompactText.Of(_out) : CompactText.Empty;

    /// <summary>Ends the text with one line break (a shortened one with the cut note); false when it is empty.</summary>
    private bool Close()
    {
        FlushParagraph();
        if (_stopped)
        {
            EndShortened();
            return true;
        }
        TrimEnd();
        if (_out.Length == 0)
        {
            return false;
        }
        _out.Append('\n');
        return true;
    }

    private void TrimEnd()
    {
        var end = _out.Length;
        while (end > 0 && _out[end - 1] is '\n' or ' ')
        {
            end--;
        }
        _out.Length = end;
    }

    public void WriteChildren(INode node, int depth)
    {
        var children = node.ChildNodes;
        // Indexing, not NextSibling: AngleSharp finds a sibling by searching the parent's list (quadratic).
        for (var index = 0; index < children.Length && HasRoom(); index++)
        {
            WriteNode(children[index], depth);
        }
    }

    private void WriteNode(INode child, int depth)
    {
        if (child is IText text)
        {
            var start = _inline.Length;
            if (!TextTools.AppendCollapsed(_inline, text.Data, pendingSpace: false, InlineLimit))
            {
                _stopped = true;
            }
            if (text.Data.Contains('<', StringComparison.Ordinal))
            {
                EscapeTags(start);
            }
        }
        else if (child is IElement element && depth <= ContentRules.MaxDepth && !isChrome(element))
        {
            WriteElement(element, depth + 1);
        }
    }

    private void WriteElement(IElement element, int depth)
    {
        var name = element.LocalName;
        switch (name)
        {
            case "a":
                WriteLink(element, depth);
                return;
            case "strong" or "b":
                WrapInline(element, depth, "**");
                return;
            case "em" or "i" or "cite" or "dfn":
                WrapInline(element, depth, "*");
                return;
            case "del" or "s" or "strike":
                WrapInline(element, depth, "~~");
                return;
            case "code" or "kbd" or "samp" or "tt":
                WriteInlineCode(element);
                return;
            case "img":
                WriteImage(element);
                return;
            case "br":
                if (_inlineDepth > 0)
                {
                    _inline.Append(' ');
                }
                else
                {
                    FlushParagraph();
                }
                return;
        }
        if (_inlineDepth > 0 || !IsBlock(name))
        {
            if (IsBlock(name))
            {
                _inline.Append(' ');
            }
            WriteChildren(element, depth);
            return;
        }
        WriteBlock(element, name, depth);
    }

    private void WriteBlock(IElement element, string name, int depth)
    {
        switch (name)
        {
            case "h1" or "h2" or "h3" or "h4" or "h5" or "h6":
                FlushParagraph();
                WriteChildren(element, depth);
                var heading = Take();
                if (heading.Length > 0)
                {
                    EmitBlock(new string('#', name[1] - '0') + " " + heading, heading: true);
                }
                return;
            case "ul" or "ol" or "menu":
                WriteList(element, name == "ol", depth);
                return;
            case "pre":
                WriteCodeBlock(element);
                return;
            case "blockquote":
                FlushParagraph();
                _prefixes.Add("> ");
                WriteChildren(element, depth);
                FlushParagraph();
                _prefixes.RemoveAt(_prefixes.Count - 1);
                _needBlank = true;
                return;
            case "table":
                FlushParagraph();
                TableWriter.Write(this, element, depth);
                return;
            case "hr":
                FlushParagraph();
                EmitBlock("---");
                return;
            case "dt":
                FlushParagraph();
                WriteChildren(element, depth);
                var term = Take();
                if (term.Length > 0)
                {
                    EmitBlock("**" + term + "**", heading: true);
                }
                return;
            default:
                FlushParagraph();
                WriteChildren(element, depth);
                FlushParagraph();
                return;
        }
    }

    private void WriteList(IElement list, bool ordered, int depth)
    {
        FlushParagraph();
        var number = ordered && int.TryParse(list.GetAttribute("start"), out var start) ? start : 1;
        var wasTight = _tight;
        foreach (var item in list.Children)
        {
            if (item.LocalName != "li" || isChrome(item))
            {
                continue;
            }
            var marker = ordered ? number++ + ". " : "- ";
            _marker = marker;
            _tight = true;
            _prefixes.Add(new string(' ', marker.Length));
            WriteChildren(item, depth + 1);
            FlushParagraph();
            _prefixes.RemoveAt(_prefixes.Count - 1);
            _marker = null;
        }
        _tight = wasTight;
        // A nested list ends inside its parent item: the parent list stays tight.
        _needBlank = !wasTight;
    }

    private void WriteCodeBlock(IElement pre)
    {
        FlushParagraph();
        var code = CodeText.Of(pre, InlineLimit);
        if (code.AsSpan().IsWhiteSpace())
        {
            return;
        }
        var fence = new string('`', Math.Max(3, CodeText.LongestBacktickRun(code) + 1));
        var block = new StringBuilder(code.Length + 16).Append(fence).Append(CodeText.Language(pre)).Append('\n');
        block.Append(code).Append('\n').Append(fence);
        EmitBlock(block.ToString(), verbatim: true);
    }

    /// <summary>"&lt;div&gt;" written as text in the page must not become HTML in the Markdown: "\&lt;div&gt;".</summary>
    private void EscapeTags(int start)
    {
        // Written again in one pass: inserting into the buffer would move its tail once for every tag.
        var text = _inline.ToString(start, _inline.Length - start);
        _inline.Length = start;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '<' && i + 1 < text.Length && (char.IsAsciiLetter(text[i + 1]) || text[i + 1] is '/' or '!' or '?'))
            {
                _inline.Append('\\');
            }
            _inline.Append(text[i]);
        }
    }

    /// <summary>Returns and clears the inline buffer, trimmed.</summary>
    internal string Take()
    {
        var text = _inline.ToString().Trim();
        if (_inline.Capacity > RoomyInline)
        {
            // Let go, not cleared: clearing a builder that grew in chunks allocates its whole capacity again.
            _inline = new StringBuilder(512);
        }
        else
        {
            _inline.Clear();
        }
        return text;
    }

    internal void WriteBlockChildren(INode node, int depth)
    {
        FlushParagraph();
        WriteChildren(node, depth);
        FlushParagraph();
    }

    internal void WriteInlineChildren(INode node, int depth)
    {
        _inlineDepth++;
        WriteChildren(node, depth);
        _inlineDepth--;
    }

    private void FlushParagraph()
    {
        var text = Take();
        if (text.Length > 0)
        {
            EmitBlock(MarkdownText.EscapeLineStart(text));
        }
    }

    /// <summary>Appends a block line by line with the prefixes; <paramref name="lastLine"/> is one more line (a closing fence).</summary>
    private void AppendBlock(ReadOnlySpan<char> block, bool verbatim, string? lastLine = null)
    {
        if (_out.Length > 0)
        {
            _out.Append('\n');
            var tightItem = _marker is not null && _tight && !_needBlank;
            if (!tightItem)
            {
                AppendPrefix(blankLine: true);
                _out.Append('\n');
            }
        }
        _needBlank = !(_tight && _marker is not null);
        _lastPrefixCount = _prefixes.Count;
        var first = true;
        foreach (var range in block.Split('\n'))
        {
            var line = block[range];
            if (!first)
            {
                _out.Append('\n');
            }
            AppendPrefix(blankLine: false, markerLine: first);
            _out.Append(verbatim ? line : line.TrimEnd());
            first = false;
        }
        if (lastLine is not null)
        {
            _out.Append('\n');
            AppendPrefix(blankLine: false);
            _out.Append(lastLine);
        }
        _marker = null;
    }

    private void AppendPrefix(bool blankLine, bool markerLine = false)
    {
        // The blank line before a block only carries the markers the previous block shares (no '>' before a quote),
        // and no trailing spaces: a blank line inside a blockquote keeps its '>' only.
        var count = blankLine ? Math.Min(_prefixes.Count, _lastPrefixCount) : _prefixes.Count;
        if (blankLine)
        {
            var last = count - 1;
            while (last >= 0 && _prefixes[last].Trim().Length == 0)
            {
                last--;
            }
            for (var i = 0; i <= last; i++)
            {
                _out.Append(i == last ? _prefixes[i].TrimEnd() : _prefixes[i]);
            }
            return;
        }
        for (var i = 0; i < count; i++)
        {
            _out.Append(i == count - 1 && markerLine && _marker is not null ? _marker : _prefixes[i]);
        }
    }

    private static bool IsBlock(string name) => name switch
    {
        "p" or "div" or "section" or "article" or "main" or "header" or "ul" or "ol" or "menu" or "li" or "dl"
            or "dt" or "dd" or "blockquote" or "pre" or "table" or "figure" or "figcaption" or "hr" or "h1" or "h2"
            or "h3" or "h4" or "h5" or "h6" or "details" or "summary" or "address" or "center" or "body"
            or "fieldset" or "hgroup" => true,
        _ => false,
    };
}
