using LlmsTxt.Core.Writing;

namespace LlmsTxt.Core.Tests.Writing;

public sealed class LlmsTxtValidatorTests
{
    private const string Valid = """
        # Site

        > One-line summary.

        A paragraph about the site.

        ## Docs

        - [Intro](https://s.example/intro): Notes about it.
        - [Guide](https://s.example/guide)

        ## Optional

        - [Privacy](https://s.example/privacy): The policy.

        """;

    private static IReadOnlyList<LlmsTxtFinding> Check(string text) => LlmsTxtValidator.Validate(text.Replace("\r\n", "\n", StringComparison.Ordinal));

    private static void AssertFinding(string text, FindingSeverity severity, int line, string messagePart)
    {
        var findings = LlmsTxtValidator.Validate(text);
        Assert.Contains(findings, f => f.Severity == severity && f.Line == line && f.Message.Contains(messagePart, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void AWellFormedFileHasNoFindings() => Assert.Empty(Check(Valid));

    [Fact]
    public void FirstLineMustBeAnH1() =>
        AssertFinding("Intro text\n\n> x\n\npara\n", FindingSeverity.Error, 1, "first non-blank line");

    [Fact]
    public void ASecondH1IsAnError() =>
        AssertFinding(Valid.Replace("## Docs", "# Docs", StringComparison.Ordinal), FindingSeverity.Error, 7, "second H1");

    [Fact]
    public void HeadingsDeeperThanH2AreErrors() =>
        AssertFinding(Valid.Replace("## Docs", "### Docs", StringComparison.Ordinal), FindingSeverity.Error, 7, "H3");

    [Fact]
    public void NonLinkLinesInsideSectionsAreErrors() =>
        AssertFinding(Valid.Replace("- [Guide](https://s.example/guide)", "Just some text", StringComparison.Ordinal), FindingSeverity.Error, 10, "Only");

    [Fact]
    public void EmptyLinkTextIsAnError() =>
        AssertFinding(Valid.Replace("[Guide]", "[ ]", StringComparison.Ordinal), FindingSeverity.Error, 10, "Empty link text");

    [Theory]
    [InlineData("/relative")]
    [InlineData("ftp://s.example/x")]
    [InlineData("javascript:alert(1)")]
    public void UrlsMustBeAbsoluteHttp(string url) =>
        AssertFinding(Valid.Replace("https://s.example/guide", url, StringComparison.Ordinal), FindingSeverity.Error, 10, "not an absolute http(s) URL");

    [Fact]
    public void UnescapedParenthesisInUrlIsAnError() =>
        AssertFinding(Valid.Replace("https://s.example/guide", "https://s.example/a_(b)", StringComparison.Ordinal), FindingSeverity.Error, 10, "unescaped");

    [Fact]
    public void DuplicateUrlsAreErrors() =>
        AssertFinding(Valid.Replace("https://s.example/guide", "https://s.example/intro", StringComparison.Ordinal), FindingSeverity.Error, 10, "Duplicate URL");

    [Fact]
    public void OptionalMustBeLast() =>
        AssertFinding(Valid + "## More\n\n- [More](https://s.example/more)\n", FindingSeverity.Error, 12, "must be the last");

    [Fact]
    public void SectionMarkerInsideACodeFenceIsAnError() =>
        AssertFinding(Valid.Replace("A paragraph about the site.", "A paragraph.\n\n```\n## Not a section\n```", StringComparison.Ordinal), FindingSeverity.Error, 8, "inside a code fence");

    [Fact]
    public void MissingBlockquoteIsAWarning() =>
        AssertFinding(Valid.Replace("> One-line summary.\n\n", "", StringComparison.Ordinal), FindingSeverity.Warning, 5, "blockquote");

    [Fact]
    public void LongOrMultiLineBlockquoteIsAWarning()
    {
        AssertFinding(Valid.Replace("One-line summary.", new string('x', 201), StringComparison.Ordinal), FindingSeverity.Warning, 3, "201 characters");
        AssertFinding(Valid.Replace("> One-line summary.", "> One\n> Two", StringComparison.Ordinal), FindingSeverity.Warning, 4, "several lines");
    }

    [Fact]
    public void MissingParagraphBeforeFirstSectionIsAWarning() =>
        AssertFinding(Valid.Replace("A paragraph about the site.\n\n", "", StringComparison.Ordinal), FindingSeverity.Warning, 5, "No paragraph");

    [Fact]
    public void DuplicateSectionNamesAreWarnings() =>
        AssertFinding(Valid.Replace("## Optional", "## Docs", StringComparison.Ordinal), FindingSeverity.Warning, 12, "Duplicate section");

    [Fact]
    public void CrlfLineEndingsAreAWarning()
    {
        var findings = LlmsTxtValidator.Validate(Valid.Replace("\n", "\r\n", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Severity == FindingSeverity.Warning && f.Message.Contains("CRLF", StringComparison.Ordinal));
        Assert.DoesNotContain(findings, f => f.Severity == FindingSeverity.Error);
    }

    [Fact]
    public void NotesWithoutColonSpaceAreWarnings() =>
        AssertFinding(Valid.Replace("[Guide](https://s.example/guide)", "[Guide](https://s.example/guide) - notes", StringComparison.Ordinal), FindingSeverity.Warning, 10, "\": \"");

    [Fact]
    public void EmptyFileIsAnError() => Assert.Contains(LlmsTxtValidator.Validate(""), f => f.Severity == FindingSeverity.Error);

    [Fact]
    public void FindingsPrintWithLineNumbers() =>
        Assert.Equal("line 10: error: Empty link text.", LlmsTxtValidator.Validate(Valid.Replace("[Guide]", "[]", StringComparison.Ordinal)).Single(f => f.Severity == FindingSeverity.Error).ToString());

    [Fact]
    public void LlmsFullTheWriterProducesIsRecognisedAndValid()
    {
        var full = LlmsFullWriter.Write(Sites.AcmeDocs(), maxChars: 3000).Text;
        Assert.True(LlmsTxtValidator.LooksLikeFull(full));
        Assert.False(LlmsTxtValidator.LooksLikeFull(LlmsTxtWriter.Write(Sites.AcmeDocs()).Text));
        Assert.DoesNotContain(LlmsTxtValidator.Validate(full, fullText: true), f => f.Severity == FindingSeverity.Error);
        // Read as an llms.txt the same file is full of errors: the page content is not a link list.
        Assert.Contains(LlmsTxtValidator.Validate(full), f => f.Severity == FindingSeverity.Error);
    }

    [Fact]
    public void BrokenLlmsFullGetsNamedErrors()
    {
        var text = string.Join('\n',
            "# Site", "", "> Summary.", "", "About the site.", "",
            "## Guide", "", "Text without a source line.", "",
            "## API", "", "Source: api.html", "",
            "### Calls", "",
            "##### Deep", "",
            "## Pages not included", "", "- [FAQ](https://s.example/faq)", "Some prose.", "### Heading", "",
            "## Code", "", "Source: https://s.example/code", "", "```sh", "make", "");
        var findings = LlmsTxtValidator.Validate(text, fullText: true);
        Assert.Contains(findings, f => f is { Severity: FindingSeverity.Error, Line: 7 } && f.Message.Contains("\"Guide\" has no \"Source: url\" line", StringComparison.Ordinal));
        Assert.Contains(findings, f => f is { Severity: FindingSeverity.Error, Line: 13 } && f.Message.Contains("\"api.html\" is not an absolute http(s) URL", StringComparison.Ordinal));
        Assert.Contains(findings, f => f is { Severity: FindingSeverity.Warning, Line: 17 } && f.Message.Contains("H5 follows H3", StringComparison.Ordinal));
        Assert.Contains(findings, f => f is { Severity: FindingSeverity.Error, Line: 22 } && f.Message.Contains("Only \"- [Title](url): notes\" lines", StringComparison.Ordinal));
        Assert.Contains(findings, f => f is { Severity: FindingSeverity.Error, Line: 23 } && f.Message.Contains("inside \"Pages not included\"", StringComparison.Ordinal));
        Assert.Contains(findings, f => f is { Severity: FindingSeverity.Error, Line: 29 } && f.Message.Contains("never closed", StringComparison.Ordinal));
    }
}
