using System.Text;

namespace LlmsTxt.Core.Extraction;

/// <summary>Escaping for Markdown link text, link targets and paragraph starts.</summary>
public static class MarkdownText
{
    private static readonly System.Buffers.SearchValues<char> UrlSpecials = System.Buffers.SearchValues.Create("() <>\"`");

    /// <summary>Escapes '\', '[' and ']' so the text can't end or nest a link.</summary>
    public static string EscapeLinkText(string text)
    {
        if (text.AsSpan().IndexOfAny('\\', '[', ']') < 0)
        {
            return text;
        }
        var sb = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (c is '\\' or '[' or ']')
            {
                sb.Append('\\');
            }
            sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>The absolute URL with parentheses, spaces and angle brackets percent-encoded.</summary>
    public static string EscapeUrl(Uri url) => EscapeUrl(url.AbsoluteUri);

    public static string EscapeUrl(string url)
    {
        if (url.AsSpan().IndexOfAny(UrlSpecials) < 0)
        {
            return url;
        }
        return url.Replace("(", "%28", StringComparison.Ordinal).Replace(")", "%29", StringComparison.Ordinal)
            .Replace(" ", "%20", StringComparison.Ordinal).Replace("<", "%3C", StringComparison.Ordinal)
            .Replace(">", "%3E", StringComparison.Ordinal).Replace("\"", "%22", StringComparison.Ordinal)
            .Replace("`", "%60", StringComparison.Ordinal);
    }

    /// <summary>Backslash-escapes a paragraph that would otherwise start a heading, list, quote or rule.</summary>
    public static string EscapeLineStart(string text)
    {
        if (text.Length == 0)
        {
            return text;
        }
        var c = text[0];
        if (c is '#' or '>' or '=' || ((c is '-' or '*' or '+') && (text.Length == 1 || text[1] == ' ' || text[1] == c)))
        {
            return "\\" + text;
        }
        var digits = 0;
        while (digits < text.Length && char.IsAsciiDigit(text[digits]))
        {
            digits++;
        }
        if (digits is > 0 and < 10 && digits < text.Length && text[digits] is '.' or ')')
        {
            return string.Concat(text.AsSpan(0, digits), "\\", text.AsSpan(digits));
        }
        return text;
    }
}
