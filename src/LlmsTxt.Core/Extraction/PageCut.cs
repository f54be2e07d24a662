using System.Numerics;

namespace LlmsTxt.Core.Extraction;

/// <summary>
/// Where a page is cut before it is parsed. Each element costs a DOM node of several hundred bytes, so a
/// generated page of 100,000 links would cost hundreds of MB to parse whole. The largest real documentation
/// pages measured have about 50,000 elements (Python's full table of contents, 48,862 elements and 13,962 anchors,
/// most of them to fragments of the same pages) and 17,000 anchors (its general index), and the site outline needs
/// a contents page whole (a 40,000-element cut lost the end of Python's table of contents and with it the
/// outline's order); pages are read up to their <see cref="MaxElements"/>th element, <see cref="MaxAnchors"/>th
/// anchor or the anchor that links one page more than <see cref="LinkCollector.MaxLinks"/>, whichever comes
/// first. The anchors after the cut are still counted, so the user is told how many links the page had.
/// </summary>
internal static class PageCut
{
    public const int MaxElements = 60_000;

    /// <summary>Anchors read before the cut (not distinct links: a contents page links many fragments of one page).</summary>
    public const int MaxAnchors = 20_000;

    /// <summary>Where the cut falls in raw bytes (before decoding: a cut page is never decoded whole), or the length;
    /// <paramref name="anchorsAfter"/> counts the anchors after the cut.</summary>
    public static int End(ReadOnlySpan<byte> html, out int anchorsAfter) => End<byte>(html, out anchorsAfter);

    /// <summary>Where the cut falls in decoded HTML, or its length.</summary>
    public static int End(ReadOnlySpan<char> html, out int anchorsAfter) => End<char>(html, out anchorsAfter);

    private static int End<T>(ReadOnlySpan<T> html, out int anchorsAfter)
        where T : unmanaged, IBinaryInteger<T>
    {
        anchorsAfter = 0;
        // Every element needs at least three characters ("<a>"): short pages can't reach either cap.
        if (html.Length / 3 < MaxAnchors)
        {
            return html.Length;
        }
        var (elements, anchors) = (0, 0);
        HashSet<int>? targets = null;
        for (var at = 0; Next(html, ref at, out var anchor); at++)
        {
            if (++elements > MaxElements || (anchor && (++anchors > MaxAnchors || NewTarget(html, at, targets ??= []) > LinkCollector.MaxLinks)))
            {
                // The cut falls before this element: it is the first one not read.
                anchorsAfter = anchor ? 1 : 0;
                for (var rest = at + 1; Next(html, ref rest, out var more); rest++)
                {
                    anchorsAfter += more ? 1 : 0;
                }
                return at;
            }
        }
        return html.Length;
    }

    /// <summary>
    /// Adds the anchor's target (its href up to any '#', hashed) to <paramref name="targets"/> and returns how many
    /// distinct targets there are: a page is cut once it links more distinct pages than <see cref="LinkCollector"/>
    /// keeps, so a link flood is never parsed past the links that are kept. Anchors to a fragment of the same page count
    /// for nothing; a hash collision only undercounts.
    /// </summary>
    private static int NewTarget<T>(ReadOnlySpan<T> html, int at, HashSet<int> targets)
        where T : unmanaged, IBinaryInteger<T>
    {
        var end = html[at..].IndexOf(T.CreateTruncating('>'));
        var tag = end < 0 ? html[at..] : html.Slice(at, end);
        for (var i = 3; i + 4 < tag.Length; i++)
        {
            if (!(Char(tag, i - 1) is ' ' or '\t' or '\n' or '\r' or '\f') || !IsHref(tag, i))
            {
                continue;
            }
            var j = SkipSpace(tag, i + 4);
            if (j >= tag.Length || Char(tag, j) != '=')
            {
                continue;
            }
            j = SkipSpace(tag, j + 1);
            var quote = j < tag.Length && Char(tag, j) is '"' or '\'' ? Char(tag, j++) : '\0';
            var hash = new HashCode();
            var length = 0;
            for (; j < tag.Length; j++)
            {
                var c = Char(tag, j);
                if (c == '#' || (quote != '\0' ? c == quote : char.IsWhiteSpace(c)))
                {
                    break;
                }
                hash.Add(c);
                length++;
            }
            if (length > 0)
            {
                targets.Add(hash.ToHashCode());
            }
            break;
        }
        return targets.Count;
    }

    private static char Char<T>(ReadOnlySpan<T> html, int at)
        where T : unmanaged, IBinaryInteger<T> => (char)int.CreateTruncating(html[at]);

    private static bool IsHref<T>(ReadOnlySpan<T> tag, int at)
        where T : unmanaged, IBinaryInteger<T> =>
        (Char(tag, at) | ' ') == 'h' && (Char(tag, at + 1) | ' ') == 'r' && (Char(tag, at + 2) | ' ') == 'e' && (Char(tag, at + 3) | ' ') == 'f';

    private static int SkipSpace<T>(ReadOnlySpan<T> tag, int at)
        where T : unmanaged, IBinaryInteger<T>
    {
        while (at < tag.Length && char.IsWhiteSpace(Char(tag, at)))
        {
            at++;
        }
        return at;
    }

    /// <summary>Moves <paramref name="at"/> to the next start tag; false when there is none.</summary>
    private static bool Next<T>(ReadOnlySpan<T> html, ref int at, out bool anchor)
        where T : unmanaged, IBinaryInteger<T>
    {
        anchor = false;
        var open = T.CreateTruncating('<');
        while (at < html.Length - 2)
        {
            var next = html[at..].IndexOf(open);
            if (next < 0 || at + next + 2 >= html.Length)
            {
                return false;
            }
            at += next;
            var name = char.ToLowerInvariant((char)int.CreateTruncating(html[at + 1]));
            if (char.IsAsciiLetter(name))
            {
                var after = (char)int.CreateTruncating(html[at + 2]);
                anchor = (name == 'a' && (after == '>' || char.IsWhiteSpace(after)));
                return true;
            }
            at++;
        }
        return false;
    }
}
