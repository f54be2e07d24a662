using LlmsTxt.Core.Enhancement;

namespace LlmsTxt.Core.Tests.Enhancement;

public sealed class LlmOutputCheckTests
{
    [Fact]
    public void AcceptsARewordingWithTheSameUrls()
    {
        LlmFiles.AssertValid(LlmFiles.Original);
        var result = LlmOutputCheck.Check(LlmFiles.Original, LlmFiles.Improved);
        Assert.True(result.Accepted, result.Reason);
        Assert.Equal(LlmFiles.Improved, result.Text);
    }

    [Theory]
    [InlineData("```markdown\n{0}```")]
    [InlineData("```\n{0}\n```\n")]
    [InlineData("~~~md\r\n{0}~~~")]
    public void StripsASurroundingFence(string wrapper)
    {
        var result = LlmOutputCheck.Check(LlmFiles.Original, string.Format(System.Globalization.CultureInfo.InvariantCulture, wrapper, LlmFiles.Improved));
        Assert.True(result.Accepted, result.Reason);
        Assert.Equal(LlmFiles.Improved, result.Text);
    }

    [Fact]
    public void CountsDroppedUrls()
    {
        var answer = LlmFiles.Improved.Replace("- [Guide](https://docs.example.com/guide): Everyday commands, options and examples.\n", "", StringComparison.Ordinal)
            .Replace("- [Install](https://docs.example.com/install)", "- [Install](https://docs.example.com/setup)", StringComparison.Ordinal);
        var result = LlmOutputCheck.Check(LlmFiles.Original, answer);
        Assert.False(result.Accepted);
        Assert.Equal("the model dropped 2 URLs and added 1 URL", result.Reason);
    }

    [Fact]
    public void RefusesAUrlMentionedOnlyInProse()
    {
        var answer = LlmFiles.Improved.Replace("Start with", "See https://example.org. Start with", StringComparison.Ordinal);
        Assert.Equal("the model added 1 URL", LlmOutputCheck.Check(LlmFiles.Original, answer).Reason);
    }

    [Fact]
    public void RefusesTwoH1s()
    {
        var answer = LlmFiles.Improved.Replace("## Optional", "# Optional", StringComparison.Ordinal);
        Assert.Equal("the answer had 2 H1s", LlmOutputCheck.Check(LlmFiles.Original, answer).Reason);
    }

    [Fact]
    public void RefusesTwoBlockquotes()
    {
        var answer = LlmFiles.Improved.Replace("Start with", "> A second quote.\n\nStart with", StringComparison.Ordinal);
        Assert.Equal("the answer had 2 blockquotes", LlmOutputCheck.Check(LlmFiles.Original, answer).Reason);
    }

    [Fact]
    public void RefusesProseInsideASection()
    {
        var answer = LlmFiles.Improved.Replace("## Docs\n\n", "## Docs\n\nThese pages explain everything.\n\n", StringComparison.Ordinal);
        var reason = LlmOutputCheck.Check(LlmFiles.Original, answer).Reason;
        Assert.StartsWith("line 9 of the answer is inside an H2 section", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void RefusesAnAnswerTheValidatorRejects()
    {
        var answer = LlmFiles.Improved.Replace("## Optional", "## ", StringComparison.Ordinal);
        var reason = LlmOutputCheck.Check(LlmFiles.Original, answer).Reason;
        Assert.StartsWith("the answer failed validation (line", reason, StringComparison.Ordinal);
        Assert.Contains("H2 without a name", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void RefusesAnEmptyAnswer() =>
        Assert.Equal("the answer was empty", LlmOutputCheck.Check(LlmFiles.Original, "```\n\n```").Reason);
}
