using System.Text;
using LlmsTxt.Core.Extraction;

namespace LlmsTxt.Core.Tests.Extraction;

public sealed class TextAndMarkdownTests
{
    private static string Markdown(string body, string url = "https://m.example/docs/page") =>
        new PageExtractor().Extract($"<html><body><main>{body}</main></body></html>", new Uri(url)).Markdown;

    [Theory]
    [InlineData("Short text.", 100, "Short text.")]
    [InlineData("First sentence is here. Second sentence is a bit longer than the first one.", 40, "First sentence is here. …")]
    [InlineData("one two three four five six seven eight nine ten", 20, "one two three four…")]
    [InlineData("averyveryverylongwordwithoutanyspacesatall", 10, "averyvery…")]
    public void CutStopsAtSentenceOrWordAndMarksTheCut(string text, int max, string expected)
    {
        var cut = TextTools.Cut(text, max);
        Assert.Equal(expected, cut);
        Assert.True(cut.Length <= max);
    }

    [Fact]
    public void CleanCollapsesWhitespaceAndDropsInvisibleCharacters() =>
        Assert.Equal("a b c d", TextTools.Clean("  a\u200B \t\n b\u00AD  c\u202E\u0007 d\uFEFF "));

    [Fact]
    public void CleanDropsLoneSurrogates() => Assert.Equal("ab 🚀", TextTools.Clean("a\uD800b 🚀"));

    [Theory]
    [InlineData("<meta charset=\"iso-8859-1\">", "windows-1252")]
    [InlineData("<meta http-equiv=\"content-type\" content=\"text/html; charset=Windows-1252\">", "windows-1252")]
    [InlineData("<meta charset=\"utf-16\">", "utf-8")]
    [InlineData("<meta charset=\"no-such-charset\">", "utf-8")]
    public void MetaCharsetIsHonoured(string meta, string expected) =>
        Assert.Equal(expected, HtmlEncoding.Detect(Encoding.ASCII.GetBytes($"<html><head>{meta}</head></html>"), null).WebName);

    [Fact]
    public void HeaderCharsetBeatsMetaButNotTheByteOrderMark()
    {
        var html = Encoding.ASCII.GetBytes("<meta charset=\"utf-8\">");
        Assert.Equal("windows-1252", HtmlEncoding.Detect(html, "latin1").WebName);
        Assert.Equal("utf-8", HtmlEncoding.Detect([0xEF, 0xBB, 0xBF, .. html], "latin1").WebName);
        Assert.Equal("utf-8", HtmlEncoding.Detect(html, "bogus").WebName);
    }

    [Fact]
    public void HeadingsParagraphsAndEmphasisConvert() =>
        Assert.Equal("## Title\n\nSome **bold**, *italic* and ~~gone~~ text.\n", Markdown("<h2>Title</h2><p>Some <b>bold</b>, <em>italic</em> and <del>gone</del> text.</p>"));

    [Fact]
    public void LinksBecomeAbsoluteAndKeepTheirFragments() =>
        Assert.Equal("See [setup](https://m.example/docs/setup#top), [dict](https://m.example/lib/stdtypes.html#dict) and [the section below](https://m.example/docs/page#below).\n",
            Markdown("<p>See <a href=\"setup#top\">setup</a>, <a href=\"../lib/stdtypes.html#dict\">dict</a> and <a href=\"#below\">the section below</a>.</p>"));

    [Fact]
    public void OrderedListsKeepStartAndNestedLists() =>
        Assert.Equal("3. three\n4. four\n   - nested\n", Markdown("<ol start=\"3\"><li>three</li><li>four<ul><li>nested</li></ul></li></ol>"));

    [Fact]
    public void CodeFenceGrowsPastBackticksInTheCode() =>
        Assert.Equal("````md\n```js\nx\n```\n````\n", Markdown("<pre><code class=\"language-md\">```js\nx\n```</code></pre>"));

    [Fact]
    public void ParagraphsThatLookLikeMarkdownSyntaxAreEscaped() =>
        Assert.Equal("\\# not a heading\n\n\\- not a list\n\n1\\. not a list\n\n\\> not a quote\n",
            Markdown("<p># not a heading</p><p>- not a list</p><p>1. not a list</p><p>&gt; not a quote</p>"));

    [Fact]
    public void ImagesWithoutAltTextAreDropped() =>
        Assert.Equal("![A chart](https://m.example/c.png)\n", Markdown("<p><img src=\"/c.png\" alt=\"A chart\"><img src=\"/d.png\"><img src=\"/e.png\" alt=\"\"></p>"));

    [Fact]
    public void BlockLinksStayOneLink() =>
        Assert.Equal("[Card title Card text](https://m.example/card)\n", Markdown("<a href=\"/card\"><div><h3>Card title</h3><p>Card text</p></div></a>"));

    [Fact]
    public void NoEmptyLineRuns() =>
        Assert.DoesNotContain("\n\n\n", Markdown("<div><p>a</p><div></div><p> </p><div><div><p>b</p></div></div><br><br><br><p>c</p></div>"));

    [Fact]
    public void DescLengthOutsideRangeIsRejectedWithTheRange()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new PageExtractor(new ExtractionOptions { DescLength = 99 }));
        Assert.Contains("between 100 and 2000", error.Message);
    }

    [Fact]
    public void MarkdownCanBeTurnedOff() =>
        Assert.Equal("", new PageExtractor(new ExtractionOptions { ConvertMarkdown = false }).Extract("<main><p>Text here.</p></main>", new Uri("https://x.example/")).Markdown);

    [Fact]
    public void StreamOverloadReadsBytes()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes("<title>From a stream</title>"));
        Assert.Equal("From a stream", new PageExtractor().Extract(stream, new Uri("https://x.example/")).Title);
    }

    [Fact]
    public void ExtractionIsSafeFromManyThreads()
    {
        var bytes = Fixtures.Bytes("docs-installation.html");
        var extractor = new PageExtractor();
        var expected = extractor.Extract(bytes, new Uri("https://docs.acme.dev/getting-started/installation"));
        Parallel.For(0, 64, _ =>
        {
            var page = extractor.Extract(bytes, new Uri("https://docs.acme.dev/getting-started/installation"));
            Assert.Equal(expected.Markdown, page.Markdown);
            Assert.Equal(expected.Links, page.Links);
        });
    }

    [Fact]
    public void ARepeatedNavigationLinkKeepsItsPlaceAndGainsItsSidebarGroup()
    {
        var page = new PageExtractor().Extract(
            "<body><nav><a href=\"/docs/intro\">Docs</a></nav><aside><h4>Getting started</h4><a href=\"/docs/intro\">Intro</a><a href=\"/docs/setup\">Setup</a></aside></body>",
            new Uri("https://n.example/"));
        Assert.Equal([("Docs", "Getting started"), ("Setup", "Getting started")], page.Links.Select(l => (l.Text, l.NavGroup)));
    }

    [Fact]
    public void TagsWrittenAsTextStayTextInTheMarkdown() =>
        Assert.Equal("Wrap it in \\<div class=\"x\"> and close with \\</div>; a < b stays; `<span>` in code stays.\n",
            Markdown("<p>Wrap it in &lt;div class=\"x\"&gt; and close with &lt;/div&gt;; a &lt; b stays; <code>&lt;span&gt;</code> in code stays.</p>"));
}
