using System.Text;

namespace LlmsTxt.Core.Crawling;

/// <summary>Thrown when a sitemap URL answers with something that is not a sitemap; the message says what it is.</summary>
public sealed class NotASitemapException(string message) : Exception(message);

/// <summary>
/// Looks at the first bytes of a would-be sitemap: sites often answer a missing <c>/sitemap.xml</c> with their
/// HTML "not found" page and status 200 (a soft 404), and a sitemap never needs a DTD (which we don't read).
/// </summary>
internal static class SitemapSniff
{
    public const int Bytes = 1024;

    /// <summary>Null when the head may be a sitemap, else "not a sitemap (why)".</summary>
    public static string? NotASitemap(ReadOnlySpan<byte> head)
    {
        var text = Encoding.Latin1.GetString(head).TrimStart('\uFEFF', '\u00EF', '\u00BB', '\u00BF', ' ', '\t', '\r', '\n');
        if (text.Length == 0)
        {
            return "not a sitemap (the answer was empty)";
        }
        if (StartsHtml(text))
        {
            return "not a sitemap (HTML page)";
        }
        if (text.Contains("<!DOCTYPE", StringComparison.OrdinalIgnoreCase))
        {
            return "not a sitemap (the XML declares a DTD, which sitemaps don't use and this crawler doesn't read)";
        }
        if (text[0] != '<')
        {
            return "not a sitemap (plain text, not XML)";
        }
        return null;
    }

    private static bool StartsHtml(string text)
    {
        foreach (var marker in (string[])["<!doctype html", "<html", "<head", "<body"])
        {
            if (text.StartsWith(marker, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        // Comments or an XML declaration first, the HTML right after.
        return text.Contains("<html", StringComparison.OrdinalIgnoreCase) && !text.Contains("<urlset", StringComparison.OrdinalIgnoreCase)
            && !text.Contains("<sitemapindex", StringComparison.OrdinalIgnoreCase);
    }
}
