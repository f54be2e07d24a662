using System.Text.RegularExpressions;

namespace LlmsTxt.Core.Understanding;

/// <summary>
/// The word lists and patterns structure reading needs, in one place. Each says why it exists; everything else is
/// read from markup (lists, headings, rel links), never from words.
/// </summary>
internal static partial class StructureWords
{
    /// <summary>
    /// Headings that title a navigation block rather than name a group of pages ("Table of Contents" above a
    /// chapter's TOC): used as a group label they would become a section called "Contents".
    /// </summary>
    public static readonly HashSet<string> GenericLabels = new(StringComparer.OrdinalIgnoreCase)
    {
        "table of contents", "contents", "on this page", "in this article", "navigation", "menu", "toc", "sections",
        "this page", "pages", "site navigation", "main navigation", "documentation", "docs",
    };

    /// <summary>
    /// Top-level outline groups that are back matter by convention (appendices, release notes, legal): they go
    /// under Optional by their place in the outline, whatever words their pages' titles hold.
    /// </summary>
    public static readonly HashSet<string> BackMatter = new(StringComparer.OrdinalIgnoreCase)
    {
        "appendix", "appendixes", "appendices", "release notes", "changelog", "change log", "history", "legal",
        "license", "licence", "history and license", "copyright", "about", "about these documents", "bibliography",
        "index", "credits", "acknowledgements", "acknowledgments", "colophon",
    };

    /// <summary>rel values that place a page in the site's structure (HTML living standard link types).</summary>
    public static readonly HashSet<string> Relations = new(StringComparer.OrdinalIgnoreCase)
    {
        "up", "prev", "previous", "next", "contents", "toc", "index", "search", "start", "first", "home",
    };

    /// <summary>
    /// The numbering documentation generators put before titles: "Part II.", "Chapter 5.", "Appendix A.", "1.2.",
    /// "IV.", "A." — part of the label's position, not of its name.
    /// </summary>
    [GeneratedRegex(@"^(?:(?:part|chapter|appendix|section|book)\s+)?(?:\d+(?:\.\d+)*\.?|[IVXLCDM]+\.|[A-Z]\.)\s+(?=\S)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Numbering();

    /// <summary>"Part II. The SQL Language" → "The SQL Language"; "1.1. Installation" → "Installation".</summary>
    public static string WithoutNumbering(string label)
    {
        var match = Numbering().Match(label);
        return match.Success && match.Length < label.Length ? label[match.Length..].Trim() : label;
    }

    /// <summary>Copyright lines are site boilerplate, never what a page is about.</summary>
    public static bool IsCopyright(string text) =>
        text.Contains('©', StringComparison.Ordinal) || text.StartsWith("copyright", StringComparison.OrdinalIgnoreCase)
        || text.Contains("all rights reserved", StringComparison.OrdinalIgnoreCase);
}
