using LlmsTxt.Core.Extraction;

namespace LlmsTxt.Core.Writing;

/// <summary>Readable section names and the default order of sections the site gives no order for.</summary>
internal static class SectionNames
{
    private static readonly HashSet<string> FirstWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "getting started", "get started", "quickstart", "quick start", "introduction", "intro", "overview", "docs",
        "documentation", "guide", "guides", "tutorial", "tutorials", "learn", "manual", "handbook", "start",
        "basics", "concepts", "installation", "install", "setup", "fundamentals", "user guide", "how to", "how-to",
    };

    private static readonly HashSet<string> SecondWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "api", "apis", "api reference", "reference", "sdk", "sdks", "cli", "examples", "recipes", "cookbook",
        "integrations", "components", "features", "products", "product", "platform", "solutions", "resources",
        "plugins", "libraries", "modules", "configuration", "deployment", "security", "faq", "help", "support",
    };

    private static readonly HashSet<string> LateWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "blog", "news", "articles", "posts", "updates", "podcast", "podcasts", "webinars", "case studies",
        "customers", "stories", "videos", "press", "announcements", "newsletter",
    };

    /// <summary>0 docs/guides, 1 API/reference, 2 anything else, 3 blog/news.</summary>
    public static int DefaultWeight(string name) =>
        FirstWords.Contains(name) ? 0 : SecondWords.Contains(name) ? 1 : LateWords.Contains(name) ? 3 : 2;

    public static bool IsLate(string name) => LateWords.Contains(name);

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
        return name.Length is > 0 and <= 60 ? name : null;
    }

    /// <summary>One line, no heading markers, never the reserved name "Optional".</summary>
    public static string Sanitize(string? name)
    {
        var clean = TextTools.Clean(name).Trim('#', ' ', ':', '>', '|');
        if (clean.Length > 60)
        {
            clean = TextTools.Cut(clean, 60);
        }
        return string.Equals(clean, LlmsTxtWriter.OptionalSection, StringComparison.OrdinalIgnoreCase)
            ? clean + " Pages"
            : clean;
    }
}
