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

    /// <summary>Backslash-escapes a paragraph that would otherwise start a heading, list, quote, rule or code fence.</summary>
    public static string EscapeLineStart(string text)
    {
        if (text.Length == 0)
        {
            return text;
        }
        var c = text[0];
        var next = text.Length > 1 ? text[1] : ' ';
        var allSame = text.Length >= 3 && text.AsSpan().Trim(c).Trim(' ').Length == 0;
        if (c == '>' || (c is '-' or '*' or '+' && (next == ' ' || allSame)) || (c is '=' or '_' && allSame)
            || (c is '`' or '~' && text.StartsWith(c == '`' ? "```" : "~~~", StringComparison.Ordinal))
            || (c == '#' && IsAtxHeading(text)))
        {
            return "\\" + text;
        }
        var digits = 0;
        while (digits < text.Length && char.IsAsciiDigit(text[digits]))
        {
            digits++;
        }
        if (digits is > 0 and < 10 && digits + 1 < text.Length && text[digits] is '.' or ')' && text[digits + 1] == ' ')
        {
            return string.Concat(text.AsSpan(0, digits), "\\", text.AsSpan(digits));
        }
        return text;
    }

    private static bool IsAtxHeading(string text)
    {
        var level = 0;
        while (level < text.Length && text[level] == '#')
        {
            level++;
        }
        return level <= 6 && (level == text.Length || text[level] == ' ');
    }
}
