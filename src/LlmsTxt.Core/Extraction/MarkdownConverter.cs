using AngleSharp.Dom;

namespace LlmsTxt.Core.Extraction;

/// <summary>
/// Converts the main content of a parsed page to Markdown: headings, paragraphs, lists, absolute links,
/// fenced code with its language, tables, emphasis, images with alt text. Page chrome is skipped by the
/// same rules as the text excerpt; no HTML is emitted.
/// </summary>
public static class MarkdownConverter
{
    /// <summary>Converts the page's main content (main, article, [role=main], else the body without chrome).</summary>
    public static string Convert(IDocument document, Uri baseUrl)
    {
        var (root, isBody) = ContentRules.FindRoot(document);
        return Convert(root, baseUrl, isBody);
    }

    /// <summary>Converts one element's content; <paramref name="bodyFallback"/> also drops headers and menus.</summary>
    public static string Convert(IElement root, Uri baseUrl, bool bodyFallback = false) =>
        Convert(root, new UrlResolver(baseUrl), bodyFallback);

    internal static string Convert(IElement root, UrlResolver resolver, bool bodyFallback) => Written(root, resolver, bodyFallback).Finish();

    /// <summary>The Markdown packed as the page holds it, never made a string (a huge page's string is one more copy).</summary>
    internal static CompactText ConvertPacked(IElement root, UrlResolver resolver, bool bodyFallback) =>
        Written(root, resolver, bodyFallback).FinishPacked();

    private static MarkdownWriter Written(IElement root, UrlResolver resolver, bool bodyFallback)
    {
        var writer = new MarkdownWriter(resolver, element => ContentRules.IsSkipped(element, bodyFallback));
        writer.WriteChildren(root, 0);
        return writer;
    }
}
