using LlmsTxt.Core.Extraction;

namespace LlmsTxt.Core.Understanding;

/// <summary>
/// Named limits that several rules share, each defined once: what a label is, what a sentence is, when a part is
/// "most" of a whole. A rule that needs one of these ideas uses it from here instead of a number of its own.
/// </summary>
internal static class Limits
{
    /// <summary>
    /// A label (a list caption, a group heading, a site name) is a short phrase: longer text is prose, not a name.
    /// </summary>
    public const int MaxLabelLength = 80;

    /// <summary>A name shown as a section heading or judged as a page's name ("Contact us"): longer is a sentence.</summary>
    public const int MaxNameLength = 60;

    /// <summary>A page title quoted inside the summary or the about paragraph ("among them Install, Configure …").</summary>
    public const int QuotedTitleLength = 40;

    /// <summary>
    /// Text on this many pages is the site's, not one page's: a shared meta description is a default, a shared title
    /// suffix is the site's name.
    /// </summary>
    public const int SiteWidePages = 3;

    /// <summary>Text this long is a paragraph that can stand for a page or a site, not a caption or a fragment.</summary>
    public const int MinParagraphChars = 40;

    /// <summary>
    /// A part is "most" of a whole when it holds more than half: a section that big is a catch-all, a folder that
    /// big is the site itself and is split by its sub-folders.
    /// </summary>
    public static bool IsMostOf(long part, long whole) => part * 2 > whole;

    /// <summary>A sentence names at most this many things (sections, chapters, pages), then says how many more.</summary>
    public const int MaxNamesInSentence = 6;

    /// <summary>"A, B and C"; past <see cref="MaxNamesInSentence"/>: "A, B, C, D, E, F and 3 more".</summary>
    public static string NameList(IReadOnlyList<string> names) =>
        names.Count > MaxNamesInSentence ? string.Join(", ", names.Take(MaxNamesInSentence)) + " and " + (names.Count - MaxNamesInSentence).ToString(System.Globalization.CultureInfo.InvariantCulture) + " more"
        : names.Count <= 1 ? string.Concat(names) : string.Join(", ", names.Take(names.Count - 1)) + " and " + names[^1];

    /// <summary>Running text, not labels: six words or more and a full stop (labels and link lists have none).</summary>
    public static bool IsSentence(string text)
    {
        var trimmed = text.TrimEnd('…', ' ');
        return trimmed.Length > 0 && TextTools.CountWords(trimmed) >= 6
            && (trimmed[^1] is '.' or '!' or '?' or '。' || trimmed.Contains(". ", StringComparison.Ordinal));
    }
}
