using LlmsTxt.Core.Extraction;
using LlmsTxt.Core.Tests.Extraction;
using LlmsTxt.Core.Writing;
using static LlmsTxt.Core.Tests.Writing.Sites;

namespace LlmsTxt.Core.Tests.Writing;

/// <summary>Reference-docs sites: a start page that is only a table of contents, and API pages with everyday names.</summary>
public sealed class DocsSiteWritingTests
{
    private static LlmsTxtInput Input(string start, params Page[] pages) => new() { StartUrl = new Uri(start), Pages = pages };

    private static string SummaryLine(string text) => text.Split('\n')[2];

    private static string OptionalPart(string text)
    {
        var at = text.IndexOf("## Optional", StringComparison.Ordinal);
        return at < 0 ? "" : text[at..];
    }

    [Fact]
    public void TableOfContentsStartPageTakesItsSummaryFromTheFirstPageOfItsOutlineNotLinkTexts()
    {
        var start = Fixtures.Extract("node-api-index.html", "https://nodejs.org/api/index.html");
        var esm = Fixtures.Extract("node-api-esm.html", "https://nodejs.org/api/esm.html");
        var result = WriteChecked(Input("https://nodejs.org/api/index.html", start, esm,
            Page("https://nodejs.org/api/assert.html", "Assert | Node.js v20.20.2 Documentation", "The node:assert module provides a set of assertion functions."),
            Page("https://nodejs.org/api/events.html", "Events | Node.js v20.20.2 Documentation", "Much of the Node.js core API is built around events.")));
        var summary = SummaryLine(result.Text);
        // The start page has no words of its own: the first page its table of contents leads to speaks for the site.
        Assert.StartsWith("> The node:assert module provides a set of assertion functions.", summary);
        Assert.EndsWith(".", summary);
        Assert.DoesNotContain("issue tracker", summary);
        Assert.DoesNotContain("About this documentation Usage", result.Text);
        // The start page's own line carries no note rather than its link texts.
        Assert.Contains("- [Overview](https://nodejs.org/api/index.html)\n", result.Text);
        Assert.Contains("): ECMAScript modules are the official standard format", result.Text);
    }

    [Fact]
    public void AnExcerptOfLabelsIsNotUsedAsTheSummary()
    {
        var start = Page("https://docs.example/", "Docs") with { Excerpt = "C/C++ addons with Node-API Code repository and issue tracker" };
        var result = WriteChecked(Input("https://docs.example/", start,
            Page("https://docs.example/guide/install", "Install", "How to install the tool on every platform."),
            Page("https://docs.example/guide/configure", "Configure", "Every setting of the configuration file."),
            Page("https://docs.example/api/client", "Client", "The client class and its methods.")));
        var summary = SummaryLine(result.Text);
        Assert.DoesNotContain("issue tracker", summary);
        Assert.EndsWith(".", summary);
        Assert.Contains("Guide", summary); // names the sections the file lists
    }

    [Fact]
    public void ADocsPageTitledEventsIsNotOptional()
    {
        var result = WriteChecked(Input("https://nodejs.org/api/index.html", Page("https://nodejs.org/api/index.html", "Index"),
            Page("https://nodejs.org/api/events.html", "Events", "The event emitter API."),
            Page("https://nodejs.org/api/stream.html", "Stream", "The stream API."),
            Page("https://nodejs.org/api/buffer.html", "Buffer", "The buffer API.")));
        Assert.DoesNotContain("[Events]", OptionalPart(result.Text));
        Assert.Contains("- [Events](https://nodejs.org/api/events.html): The event emitter API.", result.Text);
        Assert.Equal(0, result.OptionalPages);
    }

    [Fact]
    public void AnEventsFolderOfAConferenceSiteStaysOptional()
    {
        var result = WriteChecked(Input("https://acme.example/", Page("https://acme.example/", "Acme"),
            Page("https://acme.example/docs/start", "Start", "Where to begin."),
            Page("https://acme.example/docs/api", "API", "The API."),
            Page("https://acme.example/events/", "Events", "Meet the team."),
            Page("https://acme.example/events/berlin-2025", "Berlin meetup 2025", "Our conference in Berlin."),
            Page("https://acme.example/events/tokyo-2025", "Tokyo meetup 2025", "Our conference in Tokyo.")));
        var optional = OptionalPart(result.Text);
        Assert.Contains("[Berlin meetup 2025]", optional);
        Assert.Contains("[Tokyo meetup 2025]", optional);
        Assert.Contains("[Events]", optional);
    }
}
