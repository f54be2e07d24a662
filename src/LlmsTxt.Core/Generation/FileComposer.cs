using System.Globalization;
using LlmsTxt.Core.Crawling;
using LlmsTxt.Core.Extraction;
using LlmsTxt.Core.Urls;
using LlmsTxt.Core.Writing;

namespace LlmsTxt.Core.Generation;

/// <summary>The plan of one crawl and the llms.txt written from it (before any enhancement).</summary>
internal sealed record ComposedFiles(SitePlan Plan, LlmsTxtResult LlmsTxt);

/// <summary>Turns a crawl into llms.txt (and llms-full.txt) with the Writing feature, and reports what it did.</summary>
internal static class FileComposer
{
    public static ComposedFiles Compose(CrawlResult crawl, GenerationRequest request, CrawlEventRelay events)
    {
        var twins = new Dictionary<Uri, Uri>();
        foreach (var page in crawl.Pages.Where(p => p.MarkdownTwin is not null))
        {
            twins.TryAdd(page.Page.Url, page.MarkdownTwin!);
            twins.TryAdd(page.Url, page.MarkdownTwin!);
        }
        var plan = SectionPlanner.Plan(new LlmsTxtInput
        {
            StartUrl = crawl.StartUrl,
            // A Markdown twin is the site's own Markdown of the page: it is the page's body in llms-full.txt.
            Pages = [.. crawl.Pages.Select(p => p.PackedTwinText is { Length: > 1 } twin ? p.Page with { PackedMarkdown = twin, MarkdownShortened = false } : p.Page)],
            SitemapOrder = crawl.SitemapUrls,
            MarkdownTwins = twins,
            DescLength = request.DescLength,
            MaxPages = request.MaxPages,
        });
        var llms = LlmsTxtWriter.Write(plan);
        var twinTexts = crawl.Pages.Count(p => p.PackedTwinText is { Length: > 1 });
        if (twins.Count > 0)
            events.Log($"{crawl.Pages.Count(p => p.MarkdownTwin is not null)} pages have a Markdown twin; the file links the twins"
                + (request.Full && twinTexts > 0 ? $" and llms-full.txt uses their text ({twinTexts} pages)." : "."));
        if (llms.LanguageDuplicatesDropped > 0)
            events.Log($"Left out {llms.LanguageDuplicatesDropped} pages that are other-language versions of listed pages.");
        if (llms.DuplicatesDropped > 0) events.Log($"Merged {llms.DuplicatesDropped} duplicate URLs (canonical, slash or scheme variants).");
        if (llms.NoIndexDropped > 0) events.Log($"Left out {llms.NoIndexDropped} pages marked noindex.");
        events.Log($"Sections: {string.Join(", ", llms.Sections)}");

        return new ComposedFiles(plan, llms);
    }

    /// <summary>llms-full.txt from the final plan (the enhanced one when enhancement ran), so both files share one header.</summary>
    public static LlmsFullResult WriteFull(SitePlan plan, int? maxFullChars, CrawlEventRelay events)
    {
        var full = LlmsFullWriter.Write(plan, maxFullChars);
        events.Log(string.Create(CultureInfo.InvariantCulture,
            $"llms-full.txt: {full.InlinedPages} of {full.InlinedPages + full.SkippedPages} pages inlined, about {full.ApproximateTokens:N0} tokens, {full.Text.Length / 1024.0:0.#} KiB (cap {(maxFullChars is { } cap ? cap.ToString("N0", CultureInfo.InvariantCulture) + " characters" : "none")})"));
        if (full.ShortenedPages > 0)
            events.Log($"llms-full.txt reached its size cap: {full.ShortenedPages} long pages are shortened so that every page fits.");
        if (plan.Sections.SelectMany(s => s.Pages).Count(p => p.Page.MarkdownShortened) is > 0 and var bounded)
            events.Log(string.Create(CultureInfo.InvariantCulture,
                $"llms-full.txt: {bounded} pages hold more than {ExtractionOptions.DefaultMaxMarkdownChars:N0} characters of text, the most one page gives; each is cut there at a block boundary and says so."));
        if (full.SkippedPages > 0)
            events.Log($"llms-full.txt reached its size cap: {full.SkippedPages} pages are listed at the end instead of inlined.", GenerationLogLevel.Warning);
        return full;
    }

    /// <summary>The page the user asked for (or its canonical twin), else the first page fetched: the header is about it.</summary>
    public static Page? StartPage(CrawlResult crawl)
    {
        var key = UrlIdentity.Key(crawl.StartUrl);
        return crawl.Pages.Select(p => p.Page).FirstOrDefault(p => UrlIdentity.Key(p.Url) == key || (p.CanonicalUrl is { } c && UrlIdentity.Key(c) == key))
            ?? (crawl.Pages.Count > 0 ? crawl.Pages[0].Page : null);
    }

    public static ValidationVerdict Validate(string llmsTxt, bool full = false)
    {
        var findings = LlmsTxtValidator.Validate(llmsTxt, full);
        return new ValidationVerdict(
            !LlmsTxtValidator.HasErrors(findings),
            [.. findings.Select(f => new ValidationFinding(f.Line, f.Severity == FindingSeverity.Error, f.Message))]);
    }
}
