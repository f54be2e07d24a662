using LlmsTxt.Core.Writing;

namespace LlmsTxt.Core.Extraction;

/// <summary>
/// The bound on one page's Markdown (<see cref="ExtractionOptions.MaxMarkdownChars"/>). Reading stops once the text
/// written and the paragraph being gathered reach it, so a page of one 5 MiB paragraph is never gathered, copied and
/// packed whole. The block that did not fit ends the text: it is dropped at a block boundary, or, when less than half
/// the bound was written before it, kept in part (a paragraph up to a sentence or word, a table or code block up to
/// a whole line with its fence closed). The text then ends with the note a page shortened in llms-full.txt carries.
/// </summary>
internal sealed partial class MarkdownWriter
{
    // Reading stopped: the page's content reached the bound, so the rest of it is not read.
    private bool _stopped;
    // A block did not fit: nothing more is written.
    private bool _cut;
    // Where the last block started when it was a heading (a text never ends on a heading whose section was cut away).
    private int _headingAt = -1;

    /// <summary>True when the page's Markdown reached its bound and was shortened.</summary>
    public bool Shortened => _stopped;

    // The characters the text may hold before the line break and cut note that end a shortened page.
    private int Budget => maxChars - FairShare.CutNote.Length - 1;

    /// <summary>
    /// False once the text, the paragraph being gathered and <paramref name="pending"/> characters held elsewhere (a
    /// table's rows) pass the bound; from then on nothing more of the page is read.
    /// </summary>
    internal bool HasRoom(long pending = 0)
    {
        if (!_stopped && _out.Length + _inline.Length + pending > Budget)
        {
            _stopped = true;
        }
        return !_stopped;
    }

    /// <summary>The length the paragraph buffer may reach (one character more shows the bound was passed).</summary>
    private int InlineLimit => Math.Max(0, Budget - _out.Length + 1);

    /// <summary>Writes a block with the current prefixes; list items stay tight, other blocks get a blank line.</summary>
    /// <param name="heading">A heading or term: dropped rather than shortened, and a text is not left ending on it.</param>
    internal void EmitBlock(string block, bool verbatim = false, bool heading = false)
    {
        if (_cut)
        {
            return;
        }
        // The room is taken before writing, with every line's prefixes counted in full: a block that does not fit is
        // never written and taken back (shrinking a builder that grew in chunks allocates its whole capacity again).
        var width = 0;
        foreach (var prefix in _prefixes)
        {
            width += prefix.Length;
        }
        var room = Budget - _out.Length - (_out.Length > 0 ? 2 + width : 0) - ((block.AsSpan().Count('\n') + 1) * width);
        if (block.Length <= room)
        {
            _headingAt = heading ? _out.Length : -1;
            AppendBlock(block, verbatim);
            return;
        }
        _cut = _stopped = true;
        // Rule: with half the bound written, the text ends at the block boundary; with less, the block that did not fit
        // is kept in part, so a page that is one huge paragraph or code block still says what it holds.
        if (heading || _out.Length >= Budget / 2)
        {
            return;
        }
        var (length, closing) = Shorten(block, verbatim, room - width);
        if (length > 0)
        {
            _headingAt = -1;
            AppendBlock(block.AsSpan(0, length), verbatim, closing);
        }
    }

    /// <summary>Ends a shortened text with the cut note (after removing a heading left without its section).</summary>
    private void EndShortened()
    {
        if (_headingAt >= 0 && _headingAt <= _out.Length)
        {
            _out.Length = _headingAt;
        }
        TrimEnd();
        if (_out.Length > 0)
        {
            _out.Append('\n').Append(FairShare.CutNote);
        }
        else
        {
            _out.Append(FairShare.CutNote.AsSpan(1));
        }
    }

    /// <summary>
    /// How much of a block's start fits in <paramref name="max"/> characters (0: none of it usefully), and the line that
    /// closes it: code up to a whole line with its fence closed again, a table up to a whole row (its header, rule and
    /// a row at least), a paragraph up to a sentence end in its last half, else up to a space.
    /// </summary>
    private static (int Length, string? Closing) Shorten(string block, bool verbatim, int max)
    {
        if (max <= 1)
        {
            return (0, null);
        }
        if (verbatim)
        {
            var fence = block[..Math.Max(0, block.AsSpan().IndexOfAnyExcept('`'))];
            var room = Math.Min(max - fence.Length - 1, block.Length - 1);
            var end = room <= 0 ? -1 : block.LastIndexOf('\n', room);
            return fence.Length >= 3 && end > block.IndexOf('\n') ? (end, fence) : (0, null);
        }
        if (block.Contains('\n'))
        {
            var end = block.LastIndexOf('\n', Math.Min(max, block.Length - 1));
            var lines = end < 0 ? 0 : block.AsSpan(0, end).Count('\n') + 1;
            return lines >= (block[0] == '|' ? 3 : 1) ? (end, null) : (0, null);
        }
        max = Math.Min(max, block.Length);
        var sentence = block.LastIndexOf(". ", max - 1, StringComparison.Ordinal);
        if (sentence >= max / 2)
        {
            return (sentence + 1, null);
        }
        var space = block.LastIndexOf(' ', max - 1);
        return (space > 0 ? space : char.IsHighSurrogate(block[max - 1]) ? max - 1 : max, null);
    }
}
