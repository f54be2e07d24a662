using System.Globalization;
using LlmsTxt.Core.Extraction;
using LlmsTxt.Core.Urls;
using LlmsTxt.Core.Understanding;

namespace LlmsTxt.Core.Writing;

/// <summary>The H1 site name, the one-line summary and the paragraph about the site.</summary>
internal static class SiteHeader
{
    public const int MaxSummaryLength = 200;

    /// <summary>A summary, or a sentence of the about paragraph, is at least this long ("Docs." is not one).</summary>
    private const int MinSentenceChars = 20;
    private static readonly string[] Separators = Understanding.Words.TitleSeparators;

    /// <summary>og:site_name, a title suffix most pages share, the start page's title, else the domain.</summary>
    public static string SiteName(LlmsTxtInput input, Page? start, IReadOnlyList<Candidate> pages)
    {
        var host = UrlIdentity.SiteHost(input.StartUrl);
        string?[] choices =
        [
            input.SiteName,
            start?.SiteName,
            pages.Select(p => p.Page.SiteName).Where(n => !string.IsNullOrWhiteSpace(n))
                .GroupBy(n => n!, StringComparer.Ordinal).Where(g => g.Count() >= 2)
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key).FirstOrDefault(),
            SharedTitleSuffix(pages),
            FromStartTitle(start, input.StartUrl),
        ];
        foreach (var choice in choices)
        {
            var name = Sanitize(choice);
            if (name.Length > 0 && !TitleCleaner.IsGeneric(name))
            {
                return name;
            }
        }
        return host;
    }

    private static string? SharedTitleSuffix(IReadOnlyList<Candidate> pages)
    {
        if (pages.Count < Limits.SiteWidePages)
        {
            return null;
        }
        var suffixes = new List<string>();
        foreach (var page in pages)
        {
            var title = page.Page.HtmlTitle;
            foreach (var separator in Separators)
            {
                var at = title.LastIndexOf(separator, StringComparison.Ordinal);
                if (at > 0)
                {
                    suffixes.Add(title[(at + separator.Length)..].Trim());
                    break;
                }
            }
        }
        var top = suffixes.GroupBy(s => s, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).FirstOrDefault();
        return top is not null && top.Count() * 2 >= pages.Count && top.Count() >= Limits.SiteWidePages ? top.Key : null;
    }

    private static string? FromStartTitle(Page? start, Uri startUrl)
    {
        if (start is null)
        {
            return null;
        }
        var title = start.HtmlTitle.Length > 0 ? start.HtmlTitle : start.Title;
        var parts = title.Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(p => !TitleCleaner.IsGeneric(p)).ToList();
        if (parts.Count == 0)
        {
            return null;
        }
        var named = parts.FirstOrDefault(p => TitleCleaner.NamesSite(p, null, startUrl.Host));
        if (named is not null)
        {
            return named;
        }
        if (parts.Count == 1)
        {
            return parts[0].Length <= Limits.MaxNameLength ? parts[0] : null;
        }
        // Home pages put the brand first ("Acme | Widgets"), inner pages last ("Install | Acme").
        var isRoot = startUrl.AbsolutePath.Trim('/').Length == 0;
        return isRoot ? parts[0] : parts[^1];
    }

    /// <summary>One clean line without leading Markdown markers, at most 80 characters.</summary>
    public static string Sanitize(string? name)
    {
        var clean = TextTools.Clean(name).TrimStart('#', '>', '-', '*', '+', ' ').Trim();
        return TextTools.Cut(clean, Limits.MaxLabelLength);
    }

    /// <summary>
    /// The start page's description; else its excerpt or the first page's note when that reads as a sentence;
    /// else a generated sentence naming the site's sections or first pages. Never a run of link labels.
    /// </summary>
    /// <param name="firstOutlinePage">The first page of the site's outline, if it has one: when the start page has no
    /// words of its own, a manual's preface speaks for the site.</param>
    public static string Summary(Page? start, IReadOnlyList<PlannedSection> sections, string siteName, Page? firstOutlinePage)
    {
        var texts = new List<(string? Text, bool NeedsSentence)> { (start?.Description, false), (start?.Excerpt, true) };
        if (firstOutlinePage is not null)
        {
            texts.Add((firstOutlinePage.Description.Length > 0 ? firstOutlinePage.Description : firstOutlinePage.Excerpt, true));
        }
        else
        {
            texts.AddRange(sections.SelectMany(s => s.Pages).Take(1).Select(p => ((string?)p.Note, true)));
        }
        foreach (var (text, needsSentence) in texts)
        {
            var clean = TextTools.Clean(text);
            if (clean.Length >= MinSentenceChars && !EntryText.RepeatsTitle(clean, siteName) && (!needsSentence || Limits.IsSentence(clean)))
            {
                return TextTools.Cut(clean, MaxSummaryLength);
            }
        }
        return TextTools.Cut(Generated(start, sections, siteName), MaxSummaryLength);
    }

    /// <summary>"Acme Docs, in sections Guides, API and Blog." from what the file lists: never the host name.</summary>
    private static string Generated(Page? start, IReadOnlyList<PlannedSection> sections, string siteName)
    {
        var main = sections.Where(s => s.Name != LlmsTxtWriter.OptionalSection).ToList();
        var names = main.Count > 1 ? main.Select(s => s.Name).ToList()
            : main.SelectMany(s => s.Pages).Where(p => !ReferenceEquals(p.Page, start)).Select(p => TextTools.Cut(p.Title, Limits.QuotedTitleLength)).ToList();
        if (names.Count == 0)
        {
            return $"{siteName}.";
        }
        var shown = Limits.NameList(names);
        return main.Count > 1 ? $"{siteName}, in sections {shown}." : $"{siteName}, among them {shown}.";
    }

    public static string About(Page? start, string summary, IReadOnlyList<PlannedSection> sections, string siteName)
    {
        var lead = "";
        var excerpt = TextTools.Clean(start?.Excerpt);
        var summaryText = summary.TrimEnd('…', ' ');
        if (excerpt.Length >= Limits.MinParagraphChars && !excerpt.StartsWith(summaryText, StringComparison.Ordinal)
            && !summaryText.StartsWith(excerpt.TrimEnd('…', ' '), StringComparison.Ordinal))
        {
            lead = WholeSentences(excerpt, 300);
            // A listing page's text is its entries' summaries: that says what one page is, not the site.
            var others = sections.SelectMany(s => s.Pages).Where(p => !ReferenceEquals(p.Page, start))
                .Select(p => p.Note).Where(n => n.Length > 0).ToList();
            var opening = lead.Length > Limits.MinParagraphChars ? lead[..Limits.MinParagraphChars] : lead;
            if (others.Exists(n => n.StartsWith(opening, StringComparison.Ordinal)
                || (n.Length >= Limits.MinParagraphChars && lead.Contains(n.TrimEnd('…', ' '), StringComparison.Ordinal))))
            {
                lead = "";
            }
            lead = lead.Length > 0 ? lead + " " : "";
        }
        var listed = sections.Sum(s => s.Pages.Count);
        var main = sections.Where(s => s.Name != LlmsTxtWriter.OptionalSection).Select(s => s.Name).ToList();
        var optional = sections.Where(s => s.Name == LlmsTxtWriter.OptionalSection).SelectMany(s => s.Pages)
            .Select(p => TextTools.Cut(p.Title, Limits.QuotedTitleLength)).ToList();
        var count = listed == 1 ? "1 page" : listed.ToString(CultureInfo.InvariantCulture) + " pages";
        var about = $"This file lists {count} of {siteName}";
        if (main.Count > 0)
        {
            var shown = Limits.NameList(main);
            about += main.Count == 1 ? $" in one section, {shown}" : $", grouped into {shown}";
        }
        if (optional.Count > 0)
        {
            var examples = Limits.NameList(optional);
            about += optional.Count == 1 ? $"; a secondary page ({examples}) is under Optional." : $"; secondary pages ({examples}) are under Optional.";
        }
        else
        {
            about += ".";
        }
        return MarkdownText.EscapeLineStart(lead + about);
    }

    /// <summary>The leading complete sentences of the text within the budget ("" when the first is too long).</summary>
    private static string WholeSentences(string text, int max)
    {
        var end = -1;
        for (var i = 0; i < text.Length && i < max; i++)
        {
            if (text[i] is '.' or '!' or '?' && (i + 1 == text.Length || text[i + 1] == ' ') && i >= MinSentenceChars)
            {
                end = i;
            }
        }
        return end < 0 ? "" : text[..(end + 1)];
    }
}
