using System.Text;

namespace LlmsTxt.Core.Writing;

/// <summary>
/// Fits a page's headings under its <c>## Title</c> in llms-full.txt. Rule "title once": a heading before the
/// first paragraph that repeats the title is dropped (the page block already names it). Rule "relative levels":
/// each heading sits one level below the nearest shallower heading before it, starting at H3, so the outline keeps
/// its shape without skipped levels whatever levels the site's HTML used (DocBook starts a page at h2, Sphinx at
/// h1). Fenced code is left alone; a fence the page leaves open is closed.
/// </summary>
public static class PageHeadings
{
    public const int PageLevel = 2;

    public static string Normalize(string markdown, string title)
    {
        var sb = new StringBuilder(markdown.Length + 64);
        Append(sb, markdown, title);
        return sb.ToString();
    }

    /// <summary>Appends <see cref="Normalize"/>'s text to <paramref name="sb"/> (a page's text is not copied once more as a string).</summary>
    internal static void Append(StringBuilder sb, string markdown, string title)
    {
        var start = sb.Length;
        var fence = "";
        var body = markdown.AsSpan(0, markdown.EndsWith('\n') ? markdown.Length - 1 : markdown.Length);
        var open = new Stack<(int Source, int Written)>();
        var beforeContent = true;
        var skipBlank = false;
        foreach (var range in body.Split('\n'))
        {
            var line = body[range];
            if (skipBlank && line.IsWhiteSpace())
            {
                continue;
            }
            skipBlank = false;
            var trimmed = line.TrimStart(' ');
            if (fence.Length > 0)
            {
                if (trimmed.StartsWith(fence) && trimmed.TrimEnd().Trim(fence[0]).Length == 0)
                {
                    fence = "";
                }
            }
            else if (trimmed.StartsWith("```") || trimmed.StartsWith("~~~"))
            {
                fence = new string(trimmed[0], trimmed.Length - trimmed.TrimStart(trimmed[0]).Length);
                beforeContent = false;
            }
            else if (Level(line) is var level and > 0)
            {
                var text = line[level..].Trim();
                if (beforeContent && SameText(text, title))
                {
                    skipBlank = true;
                    continue;
                }
                while (open.Count > 0 && open.Peek().Source >= level)
                {
                    open.Pop();
                }
                var written = Math.Min(6, open.Count == 0 ? PageLevel + 1 : open.Peek().Written + 1);
                open.Push((level, written));
                sb.Append('#', written).Append(' ').Append(text).Append('\n');
                continue;
            }
            else if (!line.IsWhiteSpace())
            {
                beforeContent = false;
            }
            sb.Append(line).Append('\n');
        }
        if (fence.Length > 0)
        {
            // Close a fence the page left open, or it would swallow the pages after it.
            sb.Append(fence).Append('\n');
        }
        else if (!markdown.EndsWith('\n') && sb.Length > start)
        {
            sb.Length--;
        }
    }

    /// <summary>The ATX heading level of a line (1–6), or 0 when it is not a heading ("#hashtag").</summary>
    public static int Level(ReadOnlySpan<char> line)
    {
        var level = 0;
        while (level < line.Length && line[level] == '#')
        {
            level++;
        }
        return level is > 0 and <= 6 && (level == line.Length || line[level] is ' ' or '\t') ? level : 0;
    }

    /// <summary>Heading and title compared as a reader sees them: Markdown marks, case and spacing ignored.</summary>
    public static bool SameText(ReadOnlySpan<char> heading, string title) =>
        string.Equals(Plain(heading), Plain(title), StringComparison.OrdinalIgnoreCase);

    private static string Plain(ReadOnlySpan<char> text)
    {
        var sb = new StringBuilder(text.Length);
        var inTarget = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inTarget)
            {
                inTarget = c != ')';
                continue;
            }
            if (c == ']' && i + 1 < text.Length && text[i + 1] == '(')
            {
                inTarget = true;
                i++;
                continue;
            }
            if (char.IsLetterOrDigit(c))
            {
                sb.Append(c);
            }
            else if (sb.Length > 0 && sb[^1] != ' ')
            {
                sb.Append(' ');
            }
        }
        return sb.ToString().Trim();
    }
}
