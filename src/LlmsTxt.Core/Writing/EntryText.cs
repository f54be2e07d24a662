using System.Text;
using LlmsTxt.Core.Extraction;

namespace LlmsTxt.Core.Writing;

/// <summary>Link titles and notes: cleaned, one line, site name removed, never a note that only repeats the title.</summary>
internal static class EntryText
{
    public const int MaxTitleLength = 120;

    public static string Title(Candidate candidate, string siteName, bool isStart)
    {
        var page = candidate.Page;
        var title = TitleCleaner.StripSiteName(StripHeadingMarks(TextTools.Clean(page.Title)), siteName, candidate.Url.Host);
        if (TitleCleaner.IsGeneric(title) || title.Length == 0)
        {
            title = isStart ? "Overview" : TitleCleaner.FromUrl(candidate.Url);
        }
        else if (!isStart && EntryText.RepeatsTitle(title, siteName) && EntryText.RepeatsTitle(siteName, title))
        {
            // Every page titled just "Acme": the URL says more.
            title = TitleCleaner.FromUrl(candidate.Url);
        }
        return TextTools.Cut(TextTools.Clean(title), MaxTitleLength);
    }

    /// <summary>"## Title" → "Title": heading marks copied into a title would read as Markdown.</summary>
    private static string StripHeadingMarks(string title)
    {
        var level = 0;
        while (level < title.Length && title[level] == '#')
        {
            level++;
        }
        return level is > 0 and <= 6 && level < title.Length && title[level] == ' ' ? title[(level + 1)..].Trim() : title;
    }

    /// <summary>Where the note of a hub page comes from when it has no description or paragraph of its own.</summary>
    public const string FromTableOfContents = "the entries of its own table of contents";

    /// <summary>True when the page has nothing of its own to say but its table of contents (a contents or hub page).</summary>
    public static bool IsTableOfContentsOnly(Page page, string title)
    {
        Note(page, title, 300, sharedDescription: false, isStart: false, out var source);
        return source == FromTableOfContents;
    }

    /// <param name="sharedDescription">True when many pages carry this same description (a site-wide default):
    /// the page's own excerpt says more, so it goes first.</param>
    public static string Note(Page page, string title, int descLength, bool sharedDescription = false) =>
        Note(page, title, descLength, sharedDescription, isStart: false, out _);

    /// <summary>The note and where it came from: description, excerpt, else (a hub page) its table of contents' entries.</summary>
    /// <param name="isStart">The start page is not described by its table of contents: that is the whole file.</param>
    public static string Note(Page page, string title, int descLength, bool sharedDescription, bool isStart, out string source)
    {
        var description = (page.Description, page.DescriptionSource.Length > 0 ? page.DescriptionSource : "its description");
        var excerpt = (page.Excerpt, "the opening text of its main content");
        (string, string)[] texts = sharedDescription ? [excerpt, description] : [description, excerpt];
        foreach (var (text, from) in texts.Append((isStart ? "" : page.Structure?.ChildrenSummary ?? "", FromTableOfContents)))
        {
            var note = TextTools.Clean(text);
            if (note.Length >= 3 && !RepeatsTitle(note, title) && !StartsWithTitle(note, title) && !Understanding.Words.IsCopyright(note))
            {
                source = from;
                return TextTools.Cut(note, descLength);
            }
        }
        source = "none (no description, paragraph or table of contents)";
        return "";
    }

    /// <summary>"Chapter 1. Getting Started Part I. Tutorial …": a heading glued to the text after it is not a description.</summary>
    private static bool StartsWithTitle(string note, string title) =>
        title.Length >= 3 && note.Length > title.Length + 1 && note.StartsWith(title, StringComparison.OrdinalIgnoreCase)
        && note[title.Length] == ' ' && char.IsUpper(note[title.Length + 1]);

    /// <summary>True when the note says nothing the title doesn't (same words, or the title plus a site name).</summary>
    public static bool RepeatsTitle(string note, string title)
    {
        var n = Letters(note);
        var t = Letters(title);
        return n.Length == 0 || n == t || (t.Length > 0 && t.Contains(n, StringComparison.Ordinal))
            || (n.StartsWith(t, StringComparison.Ordinal) && n.Length - t.Length < 12 && t.Length > 0);
    }

    private static string Letters(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                sb.Append(char.ToLowerInvariant(c));
            }
        }
        return sb.ToString();
    }
}
