using LlmsTxt.Core.Extraction;
using LlmsTxt.Core.Writing;

namespace LlmsTxt.Core.Tests.Writing;

public sealed class LlmsFullWriterTests
{
    [Fact]
    public void InlinesEveryPageUnderItsTitleWithSourceAndDemotedHeadings()
    {
        var full = LlmsFullWriter.Write(Sites.AcmeDocs());
        Sites.AssertValid(full.Text, fullText: true);
        Assert.Equal(7, full.InlinedPages);
        Assert.Equal(0, full.SkippedPages);
        Assert.Equal(full.Text.Length / 4, full.ApproximateTokens);
        Assert.Contains("\n## Installation\n\nSource: https://docs.acme.dev/getting-started/installation\n\nAcme needs **Node.js 20**", full.Text);
        Assert.Contains("\n### With npm\n", full.Text); // the page's h2 sits right below its title
        Assert.Contains("Source: https://docs.acme.dev/api/users\n", full.Text); // the page, not its Markdown twin
        Assert.DoesNotContain("\n\n\n", full.Text);
        var header = LlmsTxtWriter.Write(Sites.AcmeDocs()).Text;
        Assert.StartsWith(header[..header.IndexOf("\n## ", StringComparison.Ordinal)], full.Text);
    }

    [Fact]
    public void SizeCapListsThePagesItCouldNotInline()
    {
        var uncapped = LlmsFullWriter.Write(Sites.AcmeDocs());
        var full = LlmsFullWriter.Write(Sites.AcmeDocs(), maxChars: uncapped.Text.Length / 2);
        Sites.AssertValid(full.Text, fullText: true);
        Assert.True(full.Text.Length <= uncapped.Text.Length / 2);
        Assert.True(full.SkippedPages > 0);
        Assert.Equal(7, full.InlinedPages + full.SkippedPages);
        Assert.Contains($"## {LlmsFullWriter.NotInlinedSection}", full.Text);
        foreach (var url in full.SkippedUrls)
        {
            Assert.Contains($"]({url.AbsoluteUri})", full.Text);
        }
    }

    [Fact]
    public void LongPagesAreShortenedSoThatEveryPageFitsUnderTheCap()
    {
        // Two long pages first (a release-notes essay, a reference with code), eight short ones after them: inlined
        // whole in order, the long ones would take the cap and the short ones would only be listed.
        static string Essay(int sections) => string.Concat(Enumerable.Range(1, sections).Select(i =>
            $"## Change {i}\n\n{string.Join(' ', Enumerable.Repeat($"Paragraph {i} explains what changed and why it matters.", 12))}\n\n"
            + $"```python\nimport example  # step {i}\n\nexample.run({i})\n```\n\n"));
        var pages = new List<Page>
        {
            Sites.Page("https://docs.example/", "Home", "The example documentation.") with { Markdown = "Welcome to the docs.\n" },
            Sites.Page("https://docs.example/whatsnew.html", "What's New", "Changes.") with { Markdown = Essay(60) },
            Sites.Page("https://docs.example/reference.html", "Reference", "Every function.") with { Markdown = Essay(50) },
        };
        pages.AddRange(Enumerable.Range(1, 8).Select(i =>
            Sites.Page($"https://docs.example/guide-{i}.html", $"Guide {i}", $"Guide {i}.") with { Markdown = $"Guide {i} shows one task from start to end.\n" }));
        var input = new LlmsTxtInput { StartUrl = new Uri("https://docs.example/"), Pages = pages };
        var uncapped = LlmsFullWriter.Write(input);
        const int Cap = 20_000;

        var full = LlmsFullWriter.Write(input, Cap);

        Assert.True(uncapped.Text.Length > 3 * Cap);
        Sites.AssertValid(full.Text, fullText: true);
        Assert.True(full.Text.Length <= Cap);
        Assert.Equal(11, full.InlinedPages);
        Assert.Equal(0, full.SkippedPages);
        Assert.Equal(2, full.ShortenedPages);
        Assert.Contains("Guide 8 shows one task from start to end.", full.Text);
        Assert.Equal(2, full.Text.Split(FairShare.CutNote).Length - 1);
        Assert.Contains("pages longer than", full.Text[..full.Text.IndexOf("\n## ", StringComparison.Ordinal)]);
        foreach (var line in full.Text.Split('\n').Where(l => l.StartsWith("*(Shortened", StringComparison.Ordinal)))
        {
            var before = full.Text[..full.Text.IndexOf(line, StringComparison.Ordinal)].TrimEnd('\n');
            Assert.False(before[(before.LastIndexOf('\n') + 1)..].StartsWith('#'), "a cut page ends on a heading");
        }
        Assert.Equal(0, full.Text.Split('\n').Count(l => l.StartsWith("```", StringComparison.Ordinal)) % 2);
    }

    [Fact]
    public void AContentsPageIsDescribedByItsChildrenNotCopiedAsAListOfLinks()
    {
        var pages = new List<Page>
        {
            Sites.Page("https://docs.example/", "Home", "The example documentation.") with { Markdown = "Welcome to the docs.\n" },
            Sites.Page("https://docs.example/contents.html", "Contents") with
            {
                Markdown = string.Concat(Enumerable.Range(1, 40).Select(i => $"- [Chapter {i}](https://docs.example/c{i}.html)\n")),
                Structure = new Understanding.PageStructure { ChildrenSummary = "Installation, Configuration and Upgrading." },
            },
            Sites.Page("https://docs.example/c1.html", "Chapter 1", "How to install.") with { Markdown = "Install it with the package manager.\n" },
        };

        var full = LlmsFullWriter.Write(new LlmsTxtInput { StartUrl = new Uri("https://docs.example/"), Pages = pages });

        Sites.AssertValid(full.Text, fullText: true);
        Assert.Contains("Source: https://docs.example/contents.html\n\nInstallation, Configuration and Upgrading.\n", full.Text);
        Assert.DoesNotContain("- [Chapter 40]", full.Text);
        Assert.Contains("Install it with the package manager.", full.Text);
    }

    [Fact]
    public void APageThatIsOneLongListIsCutAfterALineNotEmptied()
    {
        var list = "\n## Contents\n\nSource: https://docs.example/contents.html\n\n"
            + string.Concat(Enumerable.Range(1, 500).Select(i => $"- [Chapter {i}](https://docs.example/c{i}.html)\n"));

        var cut = FairShare.Cut(list, 3_000);

        Assert.True(cut.Length <= 3_000);
        Assert.Contains("- [Chapter 20](https://docs.example/c20.html)\n", cut);
        Assert.EndsWith(FairShare.CutNote, cut);
        Assert.StartsWith("\n## Contents\n\nSource: https://docs.example/contents.html\n\n- [Chapter 1]", cut);
    }

    [Fact]
    public void HeadingsFitUnderThePageTitleWithoutSkippedLevelsAndLeaveCodeFencesAlone()
    {
        var fitted = PageHeadings.Normalize("# Title\n\n```sh\n# comment\n## not heading\n```\n\n## Sub\n###### Deep\n#hashtag\n", "Other");
        Assert.Equal("### Title\n\n```sh\n# comment\n## not heading\n```\n\n#### Sub\n##### Deep\n#hashtag\n", fitted);
        Assert.Equal("text\n```\n## open\n```\n", PageHeadings.Normalize("text\n```\n## open", "Other"));
    }

    [Fact]
    public void TitleIsWrittenOnceAndTheOutlineStartsBelowIt()
    {
        // DocBook: the title is an h2 and sections are h2/h3; Sphinx: the title is an h1 with inline code.
        Assert.Equal("Intro.\n\n### Synopsis\n\n### Description\n\n#### Details\n",
            PageHeadings.Normalize("## SELECT\n\nIntro.\n\n## Synopsis\n\n## Description\n\n### Details\n", "SELECT"));
        Assert.Equal("Text.\n\n### Functions\n\n#### `re.compile`\n",
            PageHeadings.Normalize("# `re` — Regular expression operations\n\nText.\n\n## Functions\n\n#### `re.compile`\n", "re — Regular expression operations"));
    }

    [Fact]
    public void CapBelowOneCharacterIsRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => LlmsFullWriter.Write(Sites.JaneBlog(), maxChars: 0));
}
