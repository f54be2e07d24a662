using System.Numerics;

namespace LlmsTxt.Core.Extraction;

/// <summary>
/// Where a page is cut before it is parsed. Each element costs a DOM node of several hundred bytes, so a
/// generated page of 100,000 links would cost hundreds of MB to parse whole. The largest real documentation
/// pages measured have about 50,000 elements (Python's full table of contents) and 17,000 links (its general
/// index); pages are read up to their <see cref="MaxElements"/>th element or <see cref="LinkCollector.MaxLinks"/>th
/// link, whichever comes first.
/// </summary>
internal static class PageCut
{
    public const int MaxElements = 40_000;

    /// <summary>Where the cut falls in raw bytes (before decoding: a cut page is never decoded whole), or the length.</summary>
    public static int End(ReadOnlySpan<byte> html) => End<byte>(html);

    /// <summary>Where the cut falls in decoded HTML, or its length.</summary>
    public static int End(ReadOnlySpan<char> html) => End<char>(html);

    private static int End<T>(ReadOnlySpan<T> html)
        where T : unmanaged, IBinaryInteger<T>
    {
        // Every element needs at least three characters ("<a>"): short pages can't reach either cap.
        if (html.Length / 3 < LinkCollector.MaxLinks)
        {
            return html.Length;
        }
        var open = T.CreateTruncating('<');
        var (elements, links) = (0, 0);
        for (var at = 0; at < html.Length - 2; at++)
        {
            var next = html[at..].IndexOf(open);
            if (next < 0 || at + next + 2 >= html.Length)
            {
                break;
            }
            at += next;
            var name = char.ToLowerInvariant((char)int.CreateTruncating(html[at + 1]));
            if (!char.IsAsciiLetter(name))
            {
                continue;
            }
            var after = (char)int.CreateTruncating(html[at + 2]);
            var anchor = name == 'a' && (after == '>' || char.IsWhiteSpace(after));
            if (++elements > MaxElements || (anchor && ++links > LinkCollector.MaxLinks))
            {
                return at;
            }
        }
        return html.Length;
    }
}
