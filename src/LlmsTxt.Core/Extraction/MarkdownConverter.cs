using AngleSharp.Dom;

namespace LlmsTxt.Core.Extraction;

/// <summary>
/// Converts the main content of a parsed page to Markdown: headings, paragraphs, lists, absolute links,
/// fenced code with its language, tables, emphasis, images with alt text. Page chrome is skipped by the
/// same rules as the text excerpt; no HTML is emitted. The text is bounded (see <see cref="ExtractionOptions.MaxMarkdownChars"/>).
/// </summary>
public static class MarkdownConverter
{
    /// <summary>Converts the page's main content (main, article, [role=main], else the body without chrome).</summary>
    public static string Convert(IDocument document, Uri baseUrl, int maxChars = ExtractionOptions.DefaultMaxMarkdownChars)
    {
        var (root, isBody) = ContentRules.FindRoot(document);
        return Convert(root, baseUrl, isBody, maxChars);
    }

    /// <summary>Converts one element's content; <paramref name="bodyFallback"/> also drops headers and menus.</summary>
    public static string Convert(IElement root, Uri baseUrl, bool bodyFallback = false, int maxChars = ExtractionOptions.DefaultMaxMarkdownChars) =>
        Written(root, new UrlResolver(baseUrl), bodyFallback, maxChars).Finish();

    /// <summary>
    /// The Markdown packed as the page holds it, never made a string (a huge page's string is one more copy), and
    /// whether it was cut at <paramref name="maxChars"/>.
    /// </summary>
    internal static (CompactText Text, bool Shortened) ConvertPacked(IElement root, UrlResolver resolver, bool bodyFallback, int maxChars)
    {
        var writer = Written(root, resolver, bodyFallback, maxChars);
        return (writer.FinishPacked(), writer.Shortened);
    }

    private static MarkdownWriter Written(IElement root, UrlResolver resolver, bool bodyFallback, int maxChars)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxChars, ExtractionOptions.MinMaxMarkdownChars);
        var writer = new MarkdownWriter(resolver, element => ContentRules.IsSkipped(element, bodyFallback), maxChars);
        writer.WriteChildren(root, 0);
        return writer;
    }
}
