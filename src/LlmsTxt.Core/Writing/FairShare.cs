namespace LlmsTxt.Core.Writing;

/// <summary>
/// How llms-full.txt shares its size cap between pages. Inlining pages whole in file order lets a handful of long
/// pages (release-note essays, type references of 150,000 characters each) use the whole cap while hundreds of
/// pages after them are only listed. Instead every page gets the same share, a page shorter than its share keeps
/// its whole text and leaves the rest to the others ("water-filling"), and a page longer than the share is cut
/// at a paragraph boundary with a line saying where the rest is.
/// </summary>
internal static class FairShare
{
    /// <summary>
    /// Rule: below about 500 tokens a shortened page no longer says what it is about; when the cap can't give every
    /// page that much, pages are inlined whole in file order and the rest are listed instead.
    /// </summary>
    public const int MinShare = 2_000;

    /// <summary>The line that ends a shortened page.</summary>
    public const string CutNote = "\n*(Shortened to fit the size cap of this file; the whole page is at its Source URL.)*\n";

    /// <summary>
    /// The largest share L such that the blocks, each cut to at most L characters, fit in <paramref name="budget"/>;
    /// null when every block fits whole, or when L would be under <see cref="MinShare"/>.
    /// </summary>
    public static int? Share(IReadOnlyList<int> lengths, long budget)
    {
        if (lengths.Sum(l => (long)l) <= budget)
        {
            return null;
        }
        int low = 0, high = lengths.Max();
        while (low < high)
        {
            var mid = low + ((high - low + 1) / 2);
            if (lengths.Sum(l => (long)Math.Min(l, mid)) <= budget)
            {
                low = mid;
            }
            else
            {
                high = mid - 1;
            }
        }
        return low >= MinShare ? low : null;
    }

    /// <summary>
    /// The block cut to at most <paramref name="share"/> characters (cut note included) at the last blank line
    /// outside a code fence, so no fence is left open and no paragraph is cut in the middle.
    /// </summary>
    public static string Cut(string block, int share)
    {
        if (block.Length <= share)
        {
            return block;
        }
        var limit = share - CutNote.Length;
        var cut = 0;
        var lineCut = 0;
        var inFence = false;
        var afterHeading = false;
        var at = 0;
        while (at < block.Length)
        {
            var end = block.IndexOf('\n', at);
            var lineEnd = end < 0 ? block.Length : end;
            if (lineEnd > limit)
            {
                break;
            }
            var line = block.AsSpan(at, lineEnd - at).TrimStart(' ');
            if (line.StartsWith("```", StringComparison.Ordinal) || line.StartsWith("~~~", StringComparison.Ordinal))
            {
                inFence = !inFence;
            }
            else if (!inFence && line.IsWhiteSpace())
            {
                // Never end on a heading whose text was cut away.
                if (!afterHeading)
                {
                    cut = at;
                }
                at = lineEnd + 1;
                continue;
            }
            afterHeading = !inFence && line.StartsWith("#", StringComparison.Ordinal);
            if (!inFence && !afterHeading)
            {
                lineCut = lineEnd + 1;
            }
            at = lineEnd + 1;
        }
        // A page that is one long list (a table of contents) has no paragraph break to cut at: end after a line.
        if (cut < limit / 2 && lineCut > cut)
        {
            cut = lineCut;
        }
        return block[..cut].TrimEnd('\n') + "\n" + CutNote;
    }
}
