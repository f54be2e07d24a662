using System.Runtime.CompilerServices;
using LlmsTxt.Core.Writing;

namespace LlmsTxt.Core.Tests.Writing;

/// <summary>
/// The llms.txt of three small fixture sites, compared byte for byte with reviewed golden files.
/// Set LLMSTXT_UPDATE_GOLDEN=1 to rewrite them after an intended change, then review the diff.
/// </summary>
public sealed class GoldenFileTests
{
    [Fact]
    public void DocsSiteMatchesGoldenFile() => AssertGolden("acme-docs.llms.txt", Sites.WriteChecked(Sites.AcmeDocs()).Text);

    [Fact]
    public void BlogMatchesGoldenFile() => AssertGolden("jane-blog.llms.txt", Sites.WriteChecked(Sites.JaneBlog()).Text);

    [Fact]
    public void FlatSiteMatchesGoldenFile() => AssertGolden("footool-manual.llms.txt", Sites.WriteChecked(Sites.FlatManual()).Text);

    [Fact]
    public void DocsSiteFullTextMatchesGoldenFile()
    {
        var full = LlmsFullWriter.Write(Sites.AcmeDocs());
        Sites.AssertValid(full.Text, fullText: true);
        AssertGolden("acme-docs.llms-full.txt", full.Text);
    }

    /// <summary>
    /// llms-full.txt of every HTML fixture as one site, whole, shortened to a fair share, and mostly listed: the
    /// golden files were written before the Markdown was held packed, so these prove the packed storage changes no byte.
    /// </summary>
    [Theory]
    [InlineData(null, "fixtures.llms-full.txt")]
    [InlineData(22_000, "fixtures.fair-share.llms-full.txt")]
    [InlineData(9_000, "fixtures.listed.llms-full.txt")]
    public void FixtureSiteFullTextMatchesGoldenFile(int? cap, string golden)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Fixtures");
        var extractor = new LlmsTxt.Core.Extraction.PageExtractor();
        var pages = Directory.GetFiles(folder, "*.html").Order(StringComparer.Ordinal)
            .Select(f => extractor.Extract(File.ReadAllBytes(f), new Uri("https://fixtures.example/" + Path.GetFileName(f))))
            .ToList();
        var input = new LlmsTxtInput { StartUrl = new Uri("https://fixtures.example/docs-home.html"), Pages = pages };

        var full = LlmsFullWriter.Write(input, cap);

        AssertGolden(golden, full.Text);
    }

    private static void AssertGolden(string name, string actual, [CallerFilePath] string source = "")
    {
        if (Environment.GetEnvironmentVariable("LLMSTXT_UPDATE_GOLDEN") == "1")
        {
            var folder = Path.Combine(Path.GetDirectoryName(source)!, "..", "Golden");
            File.WriteAllText(Path.Combine(folder, name), actual);
            return;
        }
        var expected = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Golden", name));
        Assert.Equal(expected, actual);
    }
}
