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
        Assert.Contains("\n#### With npm\n", full.Text);
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
    public void HeadingDemotionLeavesCodeFencesAlone()
    {
        var demoted = LlmsFullWriter.DemoteHeadings("# Title\n\n```sh\n# comment\n## not heading\n```\n\n## Sub\n###### Deep\n#hashtag\n");
        Assert.Equal("### Title\n\n```sh\n# comment\n## not heading\n```\n\n#### Sub\n###### Deep\n#hashtag\n", demoted);
        Assert.Equal("text\n```\n## open\n```\n", LlmsFullWriter.DemoteHeadings("text\n```\n## open"));
    }

    [Fact]
    public void CapBelowOneCharacterIsRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => LlmsFullWriter.Write(Sites.JaneBlog(), maxChars: 0));
}
