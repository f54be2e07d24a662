using System.Text;

namespace LlmsTxt.Core.Extraction;

/// <summary>
/// Caps how deeply tags nest before the HTML reaches the parser. Tree building checks element scopes by walking
/// the stack of open elements, so hostile pages with 100,000 nested tags take minutes to parse; real pages nest
/// well under a hundred deep. Tags beyond the cap (and their end tags) are dropped; their text is kept.
/// </summary>
internal static class NestingGuard
{
    public const int MaxDepth = 300;

    private static readonly HashSet<string> Uncounted = new(StringComparer.OrdinalIgnoreCase)
    {
        // void elements and elements whose end tags are usually implied
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
        "param", "keygen", "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "tbody", "thead",
        "tfoot", "colgroup", "rb", "rt", "rp", "html", "head", "body", "!doctype",
    };

    private static readonly HashSet<string> RawText = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "plaintext",
    };

    /// <summary>
    /// Elements parsed per page. The largest real documentation pages have about 50,000 (a full table of contents,
    /// a general index); a generated page of 100,000 links has 200,000, and each element costs a DOM node of a few
    /// hundred bytes, so the page is cut at this many.
    /// </summary>
    public const int MaxElements = 50_000;

    /// <summary>The html itself when it nests within the cap (the usual case, no copy), else a trimmed copy.</summary>
    public static string Limit(string html, int maxDepth = MaxDepth) => Limit(html, maxDepth, int.MaxValue, out _);

    /// <summary>Like <see cref="Limit(string, int)"/>, and cut before the element after <paramref name="maxElements"/>.</summary>
    public static string Limit(string html, int maxDepth, int maxElements, out bool cut)
    {
        var end = ElementsEnd(html, maxElements);
        cut = end < html.Length;
        if (cut)
        {
            html = html[..end];
        }
        return Scan(html, maxDepth, null) ? html : Rewrite(html, maxDepth);
    }

    /// <summary>The same cut on raw bytes, before decoding: a cut page is never decoded whole.</summary>
    public static int ElementsEnd(ReadOnlySpan<byte> html, int maxElements = MaxElements)
    {
        if (html.Length / 2 < maxElements)
        {
            return html.Length;
        }
        var count = 0;
        var at = 0;
        while (at < html.Length - 1)
        {
            var next = html[at..].IndexOf((byte)'<');
            if (next < 0 || at + next + 1 >= html.Length)
            {
                break;
            }
            at += next;
            if (char.IsAsciiLetter((char)html[at + 1]) && ++count > maxElements)
            {
                return at;
            }
            at++;
        }
        return html.Length;
    }

    /// <summary>Where the element after the first <paramref name="maxElements"/> start tags begins (html.Length if none).</summary>
    private static int ElementsEnd(string html, int maxElements)
    {
        if (html.Length / 2 < maxElements)
        {
            return html.Length;
        }
        var count = 0;
        for (var at = html.IndexOf('<'); at >= 0 && at + 1 < html.Length; at = html.IndexOf('<', at + 1))
        {
            if (char.IsAsciiLetter(html[at + 1]) && ++count > maxElements)
            {
                return at;
            }
        }
        return html.Length;
    }

    private static string Rewrite(string html, int maxDepth)
    {
        var sb = new StringBuilder(html.Length);
        Scan(html, maxDepth, sb);
        return sb.ToString();
    }

    /// <summary>Where the raw text of a script/style/… ends: its "&lt;/name", whatever the case.</summary>
    private static int RawTextEnd(string html, int from, ReadOnlySpan<char> name)
    {
        var at = from;
        while ((at = html.IndexOf("</", at, StringComparison.Ordinal)) >= 0)
        {
            if (at + 2 + name.Length <= html.Length && html.AsSpan(at + 2, name.Length).Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return at;
            }
            at += 2;
        }
        return html.Length;
    }

    /// <summary>Walks the tags; with a builder, copies everything except over-deep tags. Returns true if within the cap.</summary>
    private static bool Scan(string html, int maxDepth, StringBuilder? output)
    {
        var depth = 0;
        var within = true;
        var copied = 0;
        var i = 0;
        while (i < html.Length)
        {
            var lt = html.IndexOf('<', i);
            if (lt < 0 || lt + 1 >= html.Length)
            {
                break;
            }
            var next = html[lt + 1];
            if (next == '!' && string.CompareOrdinal(html, lt, "<!--", 0, 4) == 0)
            {
                var endComment = html.IndexOf("-->", lt + 4, StringComparison.Ordinal);
                i = endComment < 0 ? html.Length : endComment + 3;
                continue;
            }
            var closing = next == '/';
            var nameStart = closing ? lt + 2 : lt + 1;
            var nameEnd = nameStart;
            while (nameEnd < html.Length && (char.IsAsciiLetterOrDigit(html[nameEnd]) || html[nameEnd] is '-' or '!' or ':'))
            {
                nameEnd++;
            }
            if (nameEnd == nameStart || !char.IsAsciiLetter(html[nameStart]) && html[nameStart] != '!')
            {
                i = lt + 1;
                continue;
            }
            var gt = html.IndexOf('>', nameEnd);
            var tagEnd = gt < 0 ? html.Length : gt + 1;
            var name = html.AsSpan(nameStart, nameEnd - nameStart);
            var lookup = Uncounted.GetAlternateLookup<ReadOnlySpan<char>>();
            var selfClosing = gt > 0 && html[gt - 1] == '/';
            var drop = false;
            if (!lookup.Contains(name) && !selfClosing)
            {
                if (closing)
                {
                    drop = depth > maxDepth;
                    depth = Math.Max(0, depth - 1);
                }
                else
                {
                    depth++;
                    drop = depth > maxDepth;
                }
            }
            if (drop)
            {
                within = false;
                if (output is null)
                {
                    return false;
                }
                output.Append(html, copied, lt - copied);
                copied = tagEnd;
            }
            i = tagEnd;
            if (!closing && RawText.GetAlternateLookup<ReadOnlySpan<char>>().Contains(name))
            {
                i = RawTextEnd(html, tagEnd, name);
            }
        }
        output?.Append(html, copied, html.Length - copied);
        return within;
    }
}
