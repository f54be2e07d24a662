using System.Text;

namespace LlmsTxt.Core.Extraction;

/// <summary>Whitespace, invisible-character and length handling shared by extraction and writing.</summary>
public static class TextTools
{
    /// <summary>Collapses whitespace to single spaces, drops control, zero-width and bidi characters, trims.</summary>
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }
        if (IsAlreadyClean(text))
        {
            return text;
        }
        var sb = new StringBuilder(text.Length);
        AppendCollapsed(sb, text, pendingSpace: false);
        var end = sb.Length;
        while (end > 0 && sb[end - 1] == ' ')
        {
            end--;
        }
        sb.Length = end;
        return sb.ToString();
    }

    /// <summary>Appends text with whitespace collapsed and invisible characters removed; never starts with a space
    /// when the builder is empty or already ends with one.</summary>
    public static void AppendCollapsed(StringBuilder sb, ReadOnlySpan<char> text, bool pendingSpace) =>
        AppendCollapsed(sb, text, pendingSpace, int.MaxValue);

    /// <summary>Like <see cref="AppendCollapsed(StringBuilder, ReadOnlySpan{char}, bool)"/>, stopping once the builder
    /// is longer than <paramref name="maxLength"/>; false when it stopped before the end of the text.</summary>
    public static bool AppendCollapsed(StringBuilder sb, ReadOnlySpan<char> text, bool pendingSpace, int maxLength)
    {
        var space = pendingSpace;
        for (var i = 0; i < text.Length; i++)
        {
            if (sb.Length > maxLength)
            {
                return false;
            }
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }
            if (IsInvisible(c))
            {
                continue;
            }
            if (char.IsSurrogate(c))
            {
                // Keep only well-formed pairs; lone surrogates would make invalid UTF-8 downstream.
                if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    AppendSpaceIfNeeded(sb, ref space);
                    sb.Append(c).Append(text[i + 1]);
                    i++;
                }
                continue;
            }
            AppendSpaceIfNeeded(sb, ref space);
            sb.Append(c);
        }
        if (space && sb.Length > 0 && sb[^1] != ' ')
        {
            sb.Append(' ');
        }
        return true;
    }

    private static void AppendSpaceIfNeeded(StringBuilder sb, ref bool space)
    {
        if (space && sb.Length > 0 && sb[^1] != ' ' && sb[^1] != '\n')
        {
            sb.Append(' ');
        }
        space = false;
    }

    /// <summary>Control characters (other than whitespace), zero-width, soft hyphen, bidi overrides, BOM.</summary>
    public static bool IsInvisible(char c) =>
        (c < ' ' && c != '\t' && c != '\n' && c != '\r')
        || (c >= '\u007F' && c <= '\u009F')
        || c == '\u00AD'
        || (c >= '\u200B' && c <= '\u200F')
        || (c >= '\u202A' && c <= '\u202E')
        || (c >= '\u2060' && c <= '\u206F')
        || c == '\uFEFF'
        || c == '\uFFFD' || c == '\uFFFE' || c == '\uFFFF';

    private static bool IsAlreadyClean(string text)
    {
        if (text.Length == 0 || text[0] == ' ' || text[^1] == ' ')
        {
            return false;
        }
        var prevSpace = false;
        foreach (var c in text)
        {
            if (c == ' ')
            {
                if (prevSpace)
                {
                    return false;
                }
                prevSpace = true;
                continue;
            }
            prevSpace = false;
            if (char.IsWhiteSpace(c) || IsInvisible(c) || char.IsSurrogate(c))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// Cuts clean text to at most <paramref name="max"/> characters: at a sentence end when that keeps most of
    /// the budget, else at a word boundary; a cut is always marked with "…" (counted in the budget).
    /// </summary>
    public static string Cut(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }
        if (max < 2)
        {
            return "…";
        }
        var budget = max - 2; // room for " …" or "…"
        var minKeep = budget * 6 / 10;
        for (var i = budget - 1; i >= minKeep; i--)
        {
            var c = text[i];
            if ((c is '.' or '!' or '?' or '。') && i + 1 < text.Length && (text[i + 1] == ' ' || c == '。'))
            {
                return string.Concat(text.AsSpan(0, i + 1), " …");
            }
        }
        var limit = max - 1;
        var cut = limit;
        while (cut > limit / 2 && text[cut] != ' ')
        {
            cut--;
        }
        if (text[cut] != ' ')
        {
            cut = limit; // one enormous word (a URL, CJK text): cut inside it
            if (char.IsLowSurrogate(text[cut]) && cut > 0)
            {
                cut--;
            }
        }
        var kept = text.AsSpan(0, cut).TrimEnd();
        kept = kept.TrimEnd(",;:-–—(");
        return string.Concat(kept.TrimEnd(), "…");
    }

    /// <summary>Number of whitespace-separated words.</summary>
    public static int CountWords(ReadOnlySpan<char> text)
    {
        var count = 0;
        var inWord = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                inWord = false;
            }
            else if (!inWord)
            {
                inWord = true;
                count++;
            }
        }
        return count;
    }
}
