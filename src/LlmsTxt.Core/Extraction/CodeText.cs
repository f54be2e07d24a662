using System.Text;
using AngleSharp.Dom;

namespace LlmsTxt.Core.Extraction;

/// <summary>Verbatim text and language of code elements.</summary>
internal static class CodeText
{
    /// <summary>
    /// Text with whitespace kept (trailing spaces too: code is copied byte for byte), &lt;br&gt; as newlines,
    /// invisible characters dropped, outer line breaks trimmed. Gathering stops once the text is longer than
    /// <paramref name="maxChars"/> (a page's Markdown bound): a 5 MiB code block is not copied whole.
    /// </summary>
    public static string Of(IElement element, int maxChars = int.MaxValue)
    {
        // Fast path for the common <code>name</code>: one plain text child.
        if (element.ChildNodes.Length == 1 && element.FirstChild is AngleSharp.Dom.IText only && only.Data.Length <= maxChars
            && only.Data.AsSpan().IndexOfAny('\n', '\r', '\u00A0') < 0 && !only.Data.Any(TextTools.IsInvisible))
        {
            return only.Data;
        }
        var sb = new StringBuilder();
        Append(sb, element, 0, maxChars);
        sb.Replace("\r\n", "\n").Replace('\r', '\n');
        return sb.ToString().Trim('\n');
    }

    private static void Append(StringBuilder sb, INode node, int depth, int maxChars)
    {
        var children = node.ChildNodes;
        // Indexing, not NextSibling: AngleSharp finds a sibling by searching the parent's list (quadratic).
        for (var index = 0; index < children.Length && sb.Length <= maxChars; index++)
        {
            var child = children[index];
            if (child is IText text)
            {
                var data = text.Data.AsSpan();
                // Each character adds at most one: a text longer than the room is read only up to one past it.
                foreach (var c in data[..(int)Math.Min(data.Length, (long)maxChars - sb.Length + 1)])
                {
                    if (c == '\t' || c == '\n' || c == '\r' || !TextTools.IsInvisible(c))
                    {
                        sb.Append(c == '\u00A0' ? ' ' : c);
                    }
                }
            }
            else if (child is IElement element && depth <= ContentRules.MaxDepth)
            {
                if (element.LocalName == "br")
                {
                    sb.Append('\n');
                }
                else if (element.LocalName is not ("script" or "style" or "button" or "template" or "iframe" or "noscript"
                         or "textarea" or "noembed" or "noframes" or "object" or "embed" or "select"))
                {
                    Append(sb, element, depth + 1, maxChars);
                }
            }
        }
    }

    public static int LongestBacktickRun(string text)
    {
        int longest = 0, run = 0;
        foreach (var c in text)
        {
            run = c == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }
        return longest;
    }

    /// <summary>Language from language-x / lang-x / highlight-source-x classes or data-lang on the block or near it.</summary>
    public static string Language(IElement pre)
    {
        IElement?[] candidates = [pre, Dom.FindDescendant(pre, "code"), pre.ParentElement, pre.ParentElement?.ParentElement];
        foreach (var element in candidates)
        {
            if (element is null)
            {
                continue;
            }
            var language = element.GetAttribute("data-lang") ?? element.GetAttribute("data-language")
                ?? FromClass(element.GetAttribute("class"));
            language = Sanitize(language);
            if (language.Length > 0)
            {
                return language;
            }
        }
        return "";
    }

    private static string? FromClass(string? classes)
    {
        if (string.IsNullOrEmpty(classes))
        {
            return null;
        }
        foreach (var token in classes.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var prefix in (string[])["language-", "lang-", "highlight-source-", "highlight-", "sourcecode-", "brush:"])
            {
                if (token.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && token.Length > prefix.Length)
                {
                    return token[prefix.Length..];
                }
            }
        }
        return null;
    }

    private static string Sanitize(string? language)
    {
        if (string.IsNullOrEmpty(language) || language.Length > 24)
        {
            return "";
        }
        foreach (var c in language)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '#' or '-' or '_' or '.'))
            {
                return "";
            }
        }
        var lower = language.ToLowerInvariant();
        return lower is "none" or "text" or "plaintext" or "nohighlight" or "default" ? "" : lower;
    }
}
