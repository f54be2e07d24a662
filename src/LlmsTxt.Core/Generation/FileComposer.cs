using System.Globalization;
using LlmsTxt.Core.Crawling;
using LlmsTxt.Core.Writing;

namespace LlmsTxt.Core.Generation;

/// <summary>The files written from one crawl.</summary>
internal sealed record ComposedFiles(LlmsTxtResult LlmsTxt, LlmsFullResult? Full, IReadOnlyList<Planning.PageExplanation> Explanations);

/// <summary>Turns a crawl into llms.txt (and llms-full.txt) with the Writing feature, and reports what it did.</summary>
internal static class FileComposer
{
    public static ComposedFiles Compose(CrawlResult crawl, GenerationRequest request, int? maxFullChars, CrawlEventRelay events)
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
            Pages = [.. crawl.Pages.Select(p => p.Page)],
            SitemapOrder = crawl.SitemapUrls,
            MarkdownTwins = twins,
            DescLength = request.DescLength,
            MaxPages = request.MaxPages,
        });
        var llms = LlmsTxtWriter.Write(plan);
        if (twins.Count > 0) events.Log($"{twins.Count} pages have a Markdown twin; the file links the twins.");
        if (llms.LanguageDuplicatesDropped > 0)
            events.Log($"Left out {llms.LanguageDuplicatesDropped} pages that are other-language versions of listed pages.");
        if (llms.DuplicatesDropped > 0) events.Log($"Merged {llms.DuplicatesDropped} duplicate URLs (canonical, slash or scheme variants).");
        if (llms.NoIndexDropped > 0) events.Log($"Left out {llms.NoIndexDropped} pages marked noindex.");
        events.Log($"Sections: {string.Join(", ", llms.Sections)}");

        LlmsFullResult? full = null;
        if (request.Full)
        {
            full = LlmsFullWriter.Write(plan, maxFullChars);
            events.Log(string.Create(CultureInfo.InvariantCulture,
                $"llms-full.txt: {full.InlinedPages} pages inlined, about {full.ApproximateTokens:N0} tokens, {full.Text.Length / 1024.0:0.#} KiB"));
            if (full.SkippedPages > 0)
                events.Log($"llms-full.txt reached its size cap: {full.SkippedPages} pages are listed at the end instead of inlined.", GenerationLogLevel.Warning);
        }
        return new ComposedFiles(llms, full, plan.Explanations);
    }

    public static ValidationVerdict Validate(string llmsTxt)
    {
        var findings = LlmsTxtValidator.Validate(llmsTxt);
        return new ValidationVerdict(
            !LlmsTxtValidator.HasErrors(findings),
            [.. findings.Select(f => new ValidationFinding(f.Line, f.Severity == FindingSeverity.Error, f.Message))]);
    }
}
