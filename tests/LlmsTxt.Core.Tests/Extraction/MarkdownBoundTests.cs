using System.Text;
using LlmsTxt.Core.Extraction;
using LlmsTxt.Core.Writing;

namespace LlmsTxt.Core.Tests.Extraction;

/// <summary>One page's Markdown is bounded (ExtractionOptions.MaxMarkdownChars): cut at a block boundary, saying so.</summary>
public sealed class MarkdownBoundTests
{
    private const int Bound = 5_000;

    private static Page Extract(string body, int bound = Bound) =>
        new PageExtractor(new ExtractionOptions { MaxMarkdownChars = bound })
            .Extract($"<html><head><title>Big</title></head><body><main>{body}</main></body></html>", new Uri("https://b.example/big"));

    private static string Words(int count, string word = "lorem") =>
        string.Join(' ', Enumerable.Range(0, count).Select(i => i % 12 == 11 ? word + "." : word));

    [Fact]
    public void HugeSingleParagraphIsCutAtAWordAndSaysItWasShortened()
    {
        var page = Extract("<h1>Big</h1><p>" + Words(200_000) + "</p>");

        var markdown = page.Markdown;
        Assert.True(page.MarkdownShortened);
        Assert.True(markdown.Length <= Bound, $"{markdown.Length} characters");
        Assert.True(markdown.Length > Bound / 2, $"only {markdown.Length} characters kept");
        Assert.StartsWith("# Big\n\nlorem lorem", markdown, StringComparison.Ordinal);
        Assert.EndsWith("lorem.\n" + FairShare.CutNote, markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void ManyParagraphsAreCutBetweenParagraphsNeverAfterAHeading()
    {
        var body = new StringBuilder();
        for (var i = 0; i < 400; i++)
        {
            body.Append("<h2>Part ").Append(i).Append("</h2><p>Paragraph ").Append(i).Append(" ends here.</p>");
        }

        var page = Extract(body.ToString());

        var markdown = page.Markdown;
        Assert.True(page.MarkdownShortened);
        Assert.True(markdown.Length <= Bound, $"{markdown.Length} characters");
        var kept = markdown[..^FairShare.CutNote.Length].TrimEnd('\n');
        Assert.Matches(@"Paragraph \d+ ends here\.$", kept);
        Assert.DoesNotContain("Part 399", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void HugeCodeBlockKeepsWholeLinesAndClosesItsFence()
    {
        var code = string.Concat(Enumerable.Range(0, 5_000).Select(i => $"line {i} = compute({i})\n"));
        var page = Extract("<p>Intro.</p><pre><code class=\"language-python\">" + code + "</code></pre><p>After the code.</p>");

        var markdown = page.Markdown;
        Assert.True(markdown.Length <= Bound, $"{markdown.Length} characters");
        Assert.StartsWith("Intro.\n\n```python\nline 0 = compute(0)\n", markdown, StringComparison.Ordinal);
        Assert.EndsWith(")\n```\n" + FairShare.CutNote, markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("After the code", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void HugeTableKeepsItsHeaderAndWholeRows()
    {
        var rows = string.Concat(Enumerable.Range(0, 2_000).Select(i => $"<tr><td>name{i}</td><td>value {i}</td></tr>"));
        var page = Extract("<table><tr><th>Name</th><th>Value</th></tr>" + rows + "</table>");

        var markdown = page.Markdown;
        Assert.True(markdown.Length <= Bound, $"{markdown.Length} characters");
        Assert.StartsWith("| Name | Value |\n| --- | --- |\n| name0 | value 0 |\n", markdown, StringComparison.Ordinal);
        Assert.Matches(@"\| name\d+ \| value \d+ \|\n" + System.Text.RegularExpressions.Regex.Escape(FairShare.CutNote) + "$", markdown);
    }

    [Fact]
    public void PageUnderTheBoundIsWrittenWholeWithoutANote()
    {
        var body = "<h1>Big</h1><p>" + Words(500) + "</p><ul><li>one</li><li>two</li></ul>";

        var bounded = Extract(body);
        var roomy = Extract(body, ExtractionOptions.DefaultMaxMarkdownChars);

        Assert.False(bounded.MarkdownShortened);
        Assert.Equal(roomy.Markdown, bounded.Markdown);
        Assert.DoesNotContain("Shortened", bounded.Markdown, StringComparison.Ordinal);
        Assert.EndsWith("- one\n- two\n", bounded.Markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void BoundBelowTheMinimumIsRefusedInPlainWords()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new PageExtractor(new ExtractionOptions { MaxMarkdownChars = 10 }));
        Assert.Contains("at least 1,000 characters", error.Message, StringComparison.Ordinal);
    }
}
