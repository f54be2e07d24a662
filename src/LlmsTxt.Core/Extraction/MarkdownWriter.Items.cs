using AngleSharp.Dom;

namespace LlmsTxt.Core.Extraction;

/// <summary>Entry points the table writer uses: chrome test, single inline nodes, and list items of blocks.</summary>
internal sealed partial class MarkdownWriter
{
    /// <summary>True when the element is navigation or chrome and must not be written.</summary>
    internal bool IsChrome(IElement element) => isChrome(element);

    /// <summary>Writes one node (not only its children) into the paragraph buffer as inline text.</summary>
    internal void WriteInlineNode(INode node, int depth)
    {
        _inlineDepth++;
        WriteNode(node, depth);
        _inlineDepth--;
    }

    /// <summary>Appends literal Markdown (already escaped) to the paragraph buffer.</summary>
    internal void AppendInline(string markdown) => _inline.Append(markdown);

    /// <summary>Writes a paragraph break: what the buffer holds becomes its own block.</summary>
    internal void EndParagraph() => FlushParagraph();

    /// <summary>Writes one list item whose body may hold several blocks (paragraphs, code), like an HTML &lt;li&gt;.</summary>
    internal void WriteItem(string marker, Action writeBody)
    {
        FlushParagraph();
        var wasTight = _tight;
        _marker = marker;
        _tight = true;
        _prefixes.Add(new string(' ', marker.Length));
        writeBody();
        FlushParagraph();
        _prefixes.RemoveAt(_prefixes.Count - 1);
        _marker = null;
        _tight = wasTight;
        _needBlank = !wasTight;
    }
}
