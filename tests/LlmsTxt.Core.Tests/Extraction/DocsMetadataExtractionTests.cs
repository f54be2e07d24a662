using LlmsTxt.Core.Extraction;

namespace LlmsTxt.Core.Tests.Extraction;

/// <summary>
/// Reference docs in the style of the Node.js API pages: a version-history table and a stability notice come before
/// the first paragraph, and the index page is only lists of links. Neither may become a page's description.
/// </summary>
public sealed class DocsMetadataExtractionTests
{
    private static Page Extract(string html) => new PageExtractor().Extract(html, new Uri("https://docs.example/api/page.html"));

    [Fact]
    public void DescriptionSkipsTheHistoryTableAndStabilityNoticeForTheFirstProseParagraph()
    {
        var page = Fixtures.Extract("node-api-esm.html", "https://nodejs.org/api/esm.html");
        Assert.StartsWith("Modules: ECMAScript modules", page.Title); // the writer strips the shared site suffix
        Assert.Equal("ECMAScript modules are the official standard format to package JavaScript code for reuse. "
            + "Modules are defined using a variety of import and export statements.", page.Description);
        Assert.StartsWith("ECMAScript modules are the official standard format", page.Excerpt);
        Assert.DoesNotContain("Import attributes", page.Excerpt);
        Assert.DoesNotContain("Stability", page.Excerpt);
        // The history and stability notice stay in the Markdown: they are content, just not a summary.
        Assert.Contains("Import attributes are no longer experimental.", page.Markdown);
        Assert.Contains("Stability: 2", page.Markdown);
        // The sidebar's <hr>-separated groups are navigation, not content.
        Assert.DoesNotContain("Code repository and issue tracker", page.Markdown);
    }

    [Fact]
    public void TableOfContentsPageHasNoDescriptionMadeOfLinkTexts()
    {
        var page = Fixtures.Extract("node-api-index.html", "https://nodejs.org/api/index.html");
        Assert.Equal("", page.Description);
        Assert.Equal("", page.Excerpt);
        Assert.Contains(page.Links, l => l.Text == "Modules: ECMAScript modules");
    }

    [Fact]
    public void StabilityAndAddedInNoticesWithoutClassesAreNotDescriptions()
    {
        var page = Extract("""
            <main><h1>Widgets</h1>
            <p>Stability: 1 - Experimental. This API may change in a future release without notice.</p>
            <p>Added in: v2.4.0. Earlier releases shipped a private version of this module.</p>
            <p>The widgets module draws widgets on any canvas. It supports themes and animation.</p></main>
            """);
        Assert.Equal("The widgets module draws widgets on any canvas. It supports themes and animation.", page.Description);
        Assert.Equal(page.Description, page.Excerpt);
    }

    [Fact]
    public void CaptionsDetailsAndSphinxVersionNotesAreSkippedForTheDescription()
    {
        var page = Extract("""
            <main><h1>Parser</h1>
            <figure><img src="a.png" alt=""><figcaption><p>Figure 1. The parser pipeline from bytes to tree.</p></figcaption></figure>
            <details><summary>Show the legacy notes</summary><p>The legacy parser was removed in version four of the library.</p></details>
            <div class="versionchanged"><p>Changed in version 3.1: the parser now streams its input.</p></div>
            <p>The parser turns a byte stream into a syntax tree. It never loads the whole input.</p></main>
            """);
        Assert.Equal("The parser turns a byte stream into a syntax tree. It never loads the whole input.", page.Description);
    }

    [Fact]
    public void ATrailingLeadInToACodeSampleIsCutFromTheDescription()
    {
        var page = Extract("""
            <main><h1>OS</h1><p>The os module provides operating system-related utility methods and properties.
            It can be accessed using:</p><pre><code>import os from 'node:os';</code></pre></main>
            """);
        Assert.Equal("The os module provides operating system-related utility methods and properties.", page.Description);
    }

    [Fact]
    public void AParagraphThatIsMostlyLinksIsNotADescription()
    {
        var page = Extract("""
            <main><h1>See also</h1>
            <p><a href="/a">The first related guide on setup</a>, <a href="/b">the second related guide on deployment</a>.</p>
            <p>This page collects guides about running the service in production environments.</p></main>
            """);
        Assert.Equal("This page collects guides about running the service in production environments.", page.Description);
    }

    [Fact]
    public void ProseInALayoutTableIsStillTheDescription()
    {
        var page = Extract("""
            <body><table><tr><td><p>Bob has built model railway layouts since 1987, mostly in HO scale.</p></td></tr></table></body>
            """);
        Assert.Equal("Bob has built model railway layouts since 1987, mostly in HO scale.", page.Description);
    }

    [Fact]
    public void ALeadInToAListDescribesThePageRatherThanOneListItem()
    {
        var page = Extract("""
            <main><h1>Errors</h1><p>Applications running in Node.js will generally experience four categories of errors:</p>
            <ul><li>System errors triggered by underlying operating system constraints such as a closed socket.</li>
            <li>User-specified errors triggered by application code.</li></ul></main>
            """);
        Assert.Equal("Applications running in Node.js will generally experience four categories of errors.", page.Description);
    }

    [Fact]
    public void AnFaqMadeOfDetailsStillHasADescription()
    {
        var page = Extract("""
            <main><h1>FAQ</h1>
            <details><summary>Can I cancel any time?</summary><p>Yes, you can cancel your plan at any time from the billing page.</p></details>
            <details><summary>Do you offer refunds?</summary><p>We refund the unused part of an annual plan on request.</p></details></main>
            """);
        Assert.Equal("Yes, you can cancel your plan at any time from the billing page.", page.Description);
        Assert.Contains("Can I cancel any time? Yes, you can cancel", page.Excerpt);
    }
}
