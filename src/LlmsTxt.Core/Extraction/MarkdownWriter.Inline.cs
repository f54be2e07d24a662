using AngleSharp.Dom;

namespace LlmsTxt.Core.Extraction;

/// <summary>Inline constructs: links, emphasis, inline code and images, written into the paragraph buffer.</summary>
internal sealed partial class MarkdownWriter
{
    private void WriteLink(IElement anchor, int depth)
    {
        var start = _inline.Length;
        _inlineDepth++;
        WriteChildren(anchor, depth);
        _inlineDepth--;
        var url = resolver.ResolveKeepingFragment(anchor.GetAttribute("href"));
        var content = _inline.ToString(start, _inline.Length - start);
        if (content.Trim().Length <= 2 && !content.Any(char.IsLetterOrDigit))
        {
            // Permalink symbols ("¶", "#") are not content.
            _inline.Length = start;
            return;
        }
        if (url is null)
        {
            // Keep the text, drop the link (javascript:, mailto:).
            return;
        }
        _inline.Length = start;
        var text = content.Trim();
        if (text.Length == 0)
        {
            return;
        }
        if (content[0] == ' ')
        {
            AppendSpace();
        }
        _inline.Append('[').Append(MarkdownText.EscapeLinkText(text)).Append("](")
            .Append(MarkdownText.EscapeUrl(url)).Append(')');
        if (content[^1] == ' ')
        {
            _inline.Append(' ');
        }
    }

    private void WrapInline(IElement element, int depth, string marker)
    {
        var start = _inline.Length;
        _inlineDepth++;
        WriteChildren(element, depth);
        _inlineDepth--;
        var content = _inline.ToString(start, _inline.Length - start);
        _inline.Length = start;
        var text = content.Trim();
        if (text.Length == 0)
        {
            _inline.Append(content);
            return;
        }
        if (content[0] == ' ')
        {
            AppendSpace();
        }
        _inline.Append(marker).Append(text).Append(marker);
        if (content[^1] == ' ')
        {
            _inline.Append(' ');
        }
    }

    private void WriteInlineCode(IElement element)
    {
        var text = TextTools.Clean(CodeText.Of(element, Math.Max(0, InlineLimit - _inline.Length)));
        if (text.Length == 0)
        {
            return;
        }
        var ticks = new string('`', CodeText.LongestBacktickRun(text) + 1);
        var pad = text[0] == '`' || text[^1] == '`' ? " " : "";
        _inline.Append(ticks).Append(pad).Append(text).Append(pad).Append(ticks);
    }

    private void WriteImage(IElement image)
    {
        var alt = TextTools.Clean(image.GetAttribute("alt"));
        var src = resolver.Resolve(image.GetAttribute("src") ?? image.GetAttribute("data-src"));
        if (alt.Length == 0 || src is null)
        {
            return;
        }
        _inline.Append("![").Append(MarkdownText.EscapeLinkText(alt)).Append("](")
            .Append(MarkdownText.EscapeUrl(src)).Append(')');
    }

    private void AppendSpace()
    {
        if (_inline.Length > 0 && _inline[^1] != ' ')
        {
            _inline.Append(' ');
        }
    }
}
