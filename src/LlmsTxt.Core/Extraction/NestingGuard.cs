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

    /// <summary>The html itself when it nests within the cap (the usual case, no copy), else a trimmed copy.</summary>
    public static string Limit(string html, int maxDepth = MaxDepth)
    {
        return Scan(html, maxDepth, null) ? html : Rewrite(html, maxDepth);
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
