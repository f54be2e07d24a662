using LlmsTxt.Core.Extraction;

namespace LlmsTxt.Core.Writing;

/// <summary>Readable section names and the default order of sections the site gives no order for.</summary>
internal static class SectionNames
{
    /// <summary>Dated streams (blog, news) go after the documentation when no outline orders the sections.</summary>
    public static bool IsLate(string name) => Understanding.Words.LateSections.Contains(name);

    /// <summary>"getting-started" → "Getting Started", "api" → "API", "user_guide.html" → "User Guide".</summary>
    public static string FromSegment(string segment)
    {
        var words = SecondaryPages.StripExtension(segment).Replace('-', ' ').Replace('_', ' ').Replace('+', ' ');
        return Sanitize(TitleCleaner.Humanize(TextTools.Clean(words)));
    }

    /// <summary>A navigation group label usable as a section name, or null.</summary>
    public static string? CleanGroup(string? group)
    {
        var name = Sanitize(group);
        return name.Length is > 0 and <= Understanding.Limits.MaxNameLength ? name : null;
    }

    /// <summary>One line, no heading markers, never the reserved name "Optional".</summary>
    public static string Sanitize(string? name)
    {
        var clean = TextTools.Clean(name).Trim('#', ' ', ':', '>', '|');
        if (clean.Length > Understanding.Limits.MaxNameLength)
        {
            clean = TextTools.Cut(clean, Understanding.Limits.MaxNameLength);
        }
        return string.Equals(clean, LlmsTxtWriter.OptionalSection, StringComparison.OrdinalIgnoreCase)
            ? clean + " Pages"
            : clean;
    }
}
