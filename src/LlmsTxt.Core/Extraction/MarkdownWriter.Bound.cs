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
    internal void EmitBlock(string block, bool verbatim = false, bool heading = false)
    {
        if (_cut)
        {
            return;
        }
        var (start, marker, needBlank, lastPrefixCount) = (_out.Length, _marker, _needBlank, _lastPrefixCount);
        AppendBlock(block, verbatim);
        if (_out.Length <= Budget)
        {
            _headingAt = heading ? start : -1;
            return;
        }
        var over = _out.Length - Budget;
        _cut = _stopped = true;
        _out.Length = start;
        // Rule: with half the bound written, the text ends at the block boundary; with less, the block that did not fit
        // is kept in part, so a page that is one huge paragraph or code block still says what it holds.
        if (heading || start >= Budget / 2 || Shorten(block, verbatim, block.Length - over) is not { } part)
        {
            return;
        }
        (_marker, _needBlank, _lastPrefixCount) = (marker, needBlank, lastPrefixCount);
        AppendBlock(part, verbatim);
        _headingAt = -1;
        if (_out.Length > Budget)
        {
            _out.Length = start;
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
    /// The start of a block in at most <paramref name="max"/> characters, or null when none of it fits usefully: code up
    /// to a whole line with its fence closed, a table up to a whole row (header, rule and a row at least), a paragraph up
    /// to a sentence end in its last half, else up to a space.
    /// </summary>
    private static string? Shorten(string block, bool verbatim, int max)
    {
        if (max <= 1)
        {
            return null;
        }
        if (verbatim)
        {
            var fence = block[..Math.Max(0, block.AsSpan().IndexOfAnyExcept('`'))];
            var room = max - fence.Length - 1;
            var end = room <= 0 ? -1 : block.LastIndexOf('\n', Math.Min(room, block.Length - 1));
            return fence.Length >= 3 && end > block.IndexOf('\n') ? string.Concat(block.AsSpan(0, end), "\n", fence) : null;
        }
        if (block.Contains('\n'))
        {
            var end = block.LastIndexOf('\n', Math.Min(max, block.Length - 1));
            var lines = end < 0 ? 0 : block.AsSpan(0, end).Count('\n') + 1;
            return lines >= (block[0] == '|' ? 3 : 1) ? block[..end] : null;
        }
        var sentence = block.LastIndexOf(". ", max - 1, StringComparison.Ordinal);
        if (sentence >= max / 2)
        {
            return block[..(sentence + 1)];
        }
        var space = block.LastIndexOf(' ', max - 1);
        var cut = space > 0 ? space : char.IsHighSurrogate(block[max - 1]) ? max - 1 : max;
        return cut > 0 ? block[..cut] : null;
    }
}
