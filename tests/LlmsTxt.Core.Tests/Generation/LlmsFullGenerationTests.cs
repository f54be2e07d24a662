using LlmsTxt.Core.Extraction;
using LlmsTxt.Core.Generation;
using LlmsTxt.Core.Writing;
using LlmsTxt.TestSites;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace LlmsTxt.Core.Tests.Generation;

/// <summary>llms-full.txt through the whole pipeline: Markdown twins as page bodies, the cap per request, validation.</summary>
public sealed class LlmsFullGenerationTests
{
    private sealed class Collect : IProgress<GenerationEvent>
    {
        private readonly List<string> _lines = [];
        public void Report(GenerationEvent value) { if (value is GenerationLog log) lock (_lines) _lines.Add(log.Message); }
        public List<string> Lines { get { lock (_lines) return [.. _lines]; } }
    }

    private static Task<TestWebServer> StartTwinSiteAsync() => TestWebServer.StartAsync(app =>
    {
        app.MapGet("/", () => SiteKit.Html(SiteKit.Page("Home", ["/guide.html", "/api.html", "/faq.html"], body: "Welcome to the tool's documentation.")));
        app.MapGet("/guide.html", () => SiteKit.Html(SiteKit.Page("Guide", body: "HTML text of the guide.")));
        // page.html -> page.md, with front matter the reader never sees.
        app.MapGet("/guide.md", () => Results.Text("---\ntitle: Guide\n---\n# Guide\n\nThe guide, written in Markdown.\n\n## Install\n\n```sh\nmake install  \n```\n", "text/markdown"));
        app.MapGet("/api.html", () => SiteKit.Html(SiteKit.Page("API", body: "HTML text of the API.")));
        // page.html -> page.html.md (llmstxt.org's convention).
        app.MapGet("/api.html.md", () => Results.Text("# API\n\nThe API, from its twin.\n", "text/plain; charset=utf-8"));
        app.MapGet("/faq.html", () => SiteKit.Html(SiteKit.Page("FAQ", body: "Questions, in HTML only. " + string.Concat(Enumerable.Repeat("Each answer is short and to the point. ", 40)))));
    });

    [Fact]
    public async Task MarkdownTwinTextIsThePageBodyInLlmsFull()
    {
        await using var site = await StartTwinSiteAsync();
        using var generator = new LlmsTxtGenerator();
        var events = new Collect();

        var result = await generator.GenerateAsync(new GenerationRequest { Url = site.Url("/"), AllowPrivateNetworks = true, Full = true }, events);

        Assert.Contains($"]({site.Url("/guide.md")})", result.LlmsTxt, StringComparison.Ordinal);
        Assert.Contains($"]({site.Url("/api.html.md")})", result.LlmsTxt, StringComparison.Ordinal);
        var full = result.LlmsFullTxt!;
        Assert.Contains($"\n## Guide\n\nSource: {site.Url("/guide.html")}\n\nThe guide, written in Markdown.\n\n### Install\n\n```sh\nmake install  \n```\n", full, StringComparison.Ordinal);
        Assert.Contains("The API, from its twin.", full, StringComparison.Ordinal);
        Assert.Contains("Questions, in HTML only.", full, StringComparison.Ordinal);
        Assert.DoesNotContain("HTML text of the guide", full, StringComparison.Ordinal);
        Assert.DoesNotContain("title: Guide", full, StringComparison.Ordinal);
        Assert.Contains(events.Lines, l => l.Contains("2 pages have a Markdown twin", StringComparison.Ordinal) && l.Contains("uses their text", StringComparison.Ordinal));
        Assert.True(LlmsTxtGenerator.Validate(full, full: true).IsValid, string.Join("\n", LlmsTxtGenerator.Validate(full, full: true).Findings));
    }

    [Fact]
    public async Task CapPerRequestIsReportedInTheLogAndTheResult()
    {
        await using var site = await StartTwinSiteAsync();
        using var generator = new LlmsTxtGenerator();
        var events = new Collect();
        var uncapped = await generator.GenerateAsync(new GenerationRequest { Url = site.Url("/"), AllowPrivateNetworks = true, Full = true });
        var cap = uncapped.LlmsFullTxt!.Length - 40;

        var result = await generator.GenerateAsync(new GenerationRequest { Url = site.Url("/"), AllowPrivateNetworks = true, Full = true, FullMaxChars = cap }, events);

        Assert.NotNull(result.Full);
        Assert.Equal(4, uncapped.Full!.InlinedPages);
        Assert.True(result.Full!.InlinedPages < 4);
        Assert.Equal(4, result.Full.InlinedPages + result.Full.SkippedPages);
        Assert.Equal(cap, result.Full.MaxChars);
        Assert.Equal(result.LlmsFullTxt!.Length / 4, result.Full.ApproximateTokens);
        Assert.True(result.LlmsFullTxt.Length <= cap);
        Assert.Contains(events.Lines, l => l.StartsWith($"llms-full.txt: {result.Full.InlinedPages} of 4 pages inlined, about ", StringComparison.Ordinal));
        Assert.Contains(events.Lines, l => l.Contains("reached its size cap", StringComparison.Ordinal));
        // The pages are inlined in llms.txt order: the long last page is the one listed instead.
        Assert.Contains($"## {LlmsFullWriter.NotInlinedSection}\n\n- [FAQ]({site.Url("/faq.html")})", result.LlmsFullTxt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HugeSingleParagraphPageIsBoundedInLlmsFullAndSaysItWasShortened()
    {
        // 3 MiB of one paragraph (under the 5 MiB page cap): about 3,000,000 characters of Markdown if it were not bounded.
        var big = HostileSites.Bomb("identity", 3L * 1024 * 1024);
        await using var site = await TestWebServer.StartAsync(app =>
        {
            app.MapGet("/", () => SiteKit.Html(SiteKit.Page("Home", ["/big"], body: "Welcome.")));
            app.MapGet("/big", HostileSites.Encoded(big, "identity"));
        });
        using var generator = new LlmsTxtGenerator();
        var events = new Collect();

        var result = await generator.GenerateAsync(new GenerationRequest { Url = site.Url("/"), AllowPrivateNetworks = true, Full = true }, events);

        var full = result.LlmsFullTxt!;
        var source = $"Source: {site.Url("/big")}\n\n";
        var start = full.IndexOf(source, StringComparison.Ordinal) + source.Length;
        Assert.True(start > source.Length, full[..Math.Min(full.Length, 2000)]);
        var next = full.IndexOf("\n## ", start, StringComparison.Ordinal);
        var block = next < 0 ? full[start..] : full[start..next];
        Assert.InRange(block.Length, ExtractionOptions.DefaultMaxMarkdownChars / 2, ExtractionOptions.DefaultMaxMarkdownChars);
        Assert.Contains("lorem ipsum dolor sit amet", block, StringComparison.Ordinal);
        Assert.EndsWith(FairShare.CutNote, block, StringComparison.Ordinal);
        Assert.Equal(2, result.Full!.InlinedPages);
        Assert.Contains(events.Lines, l => l.Contains("1 pages hold more than 1,000,000 characters of text", StringComparison.Ordinal));
        Assert.True(LlmsTxtGenerator.Validate(full, full: true).IsValid, string.Join("\n", LlmsTxtGenerator.Validate(full, full: true).Findings));
    }

    [Fact]
    public async Task CapBelowTheMinimumIsRefusedWithAPlainMessage()
    {
        using var generator = new LlmsTxtGenerator();
        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            generator.GenerateAsync(new GenerationRequest { Url = new Uri("http://127.0.0.1:9/"), Full = true, FullMaxChars = 10 }));
        Assert.Contains("at least 1000 characters", error.Message, StringComparison.Ordinal);
    }
}
