using LlmsTxt.Core.Extraction;
using LlmsTxt.Core.Writing;

namespace LlmsTxt.Core.Tests.Extraction;

/// <summary>The Markdown of trimmed real Sphinx and DocBook pages: tables, navigation bars, links, code, headings.</summary>
public sealed class FullMarkdownFixtureTests
{
    private static string Markdown(string body) =>
        new PageExtractor().Extract($"<html><body><main>{body}</main></body></html>", new Uri("https://m.example/docs/page.html")).Markdown;

    [Fact]
    public void SphinxTablesWithParagraphCellsStayTables()
    {
        var page = Fixtures.Extract("sphinx-tables.html", "https://docs.python.example/3/howto/logging.html");
        Assert.Contains(
            "| Task you want to perform | The best tool for the task |\n| --- | --- |\n"
            + "| Display console output for ordinary usage of a command line script or program | [`print()`](https://docs.python.example/3/library/functions.html#print) |\n"
            + "| Report an error regarding a particular runtime event | Raise an exception |\n", page.Markdown);
        // Short lists in cells become "a; b" inside the cell.
        Assert.Contains("| in the same pattern itself | `(?P=quote)` (as shown); `\\1` |\n", page.Markdown);
    }

    [Fact]
    public void SphinxLinksKeepTheirFragmentsAndPermalinksAndSidebarsAreDropped()
    {
        var page = Fixtures.Extract("sphinx-tables.html", "https://docs.python.example/3/howto/logging.html");
        Assert.Contains("see [`dict`](https://docs.python.example/3/library/stdtypes.html#dict) and [Logging levels](https://docs.python.example/3/howto/logging.html#logging-levels).", page.Markdown);
        Assert.DoesNotContain("¶", page.Markdown);
        Assert.DoesNotContain("Table of Contents", page.Markdown);
        Assert.DoesNotContain("[next]", page.Markdown);
    }

    [Fact]
    public void CodeIsCopiedByteForByteWithItsLanguage()
    {
        var page = Fixtures.Extract("sphinx-tables.html", "https://docs.python.example/3/howto/logging.html");
        Assert.Contains("```python3\nimport logging   \nlogging.warning('Watch out!')  # will print a message to the console\n```\n", page.Markdown);
    }

    [Fact]
    public void DocBookNavigationBarsAreChromeAndFunctionTablesBecomeOneItemPerRow()
    {
        var page = Fixtures.Extract("docbook-navbars.html", "https://pg.example/docs/functions-string.html");
        Assert.DoesNotContain("[Prev]", page.Markdown);
        Assert.DoesNotContain("[Next]", page.Markdown);
        Assert.DoesNotContain("[Home]", page.Markdown);
        Assert.DoesNotContain("Binary String Functions", page.Markdown);
        Assert.DoesNotContain("---", page.Markdown); // the bars' rules go with them
        Assert.StartsWith("## 9.4. String Functions and Operators\n\nThis section describes", page.Markdown);
        Assert.Contains("[Table 8.4](https://pg.example/docs/datatype-character.html#DATATYPE-CHARACTER-TABLE)", page.Markdown);
        Assert.Contains(
            "**Function/Operator Description Example(s)**\n\n"
            + "- `text` `||` `text` → `text`\n\n  Concatenates the two strings.\n\n  `'Post' || 'greSQL'` → `PostgreSQL`\n\n"
            + "- `bit_length` ( `text` ) → `integer`\n\n", page.Markdown);
        // Navigation bars are chrome for the page text as well, not only for the Markdown.
        Assert.StartsWith("This section describes", page.Description);
    }

    [Fact]
    public void TablesWithCodeBlocksInCellsAreWrittenAsLabelledRowsWithTheCodeKept()
    {
        var markdown = Markdown("""
            <table><thead><tr><th>Option</th><th>Example</th></tr></thead><tbody>
            <tr><td><code>--verbose</code></td><td><p>Print more.</p><pre class="language-sh">tool --verbose  
            tool -v</pre></td></tr>
            <tr><td><code>--quiet</code></td><td><table><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table></td></tr>
            </tbody></table>
            """);
        Assert.Equal(
            "- **Option:** `--verbose`\n\n  **Example:**\n\n  Print more.\n\n  ```sh\n  tool --verbose  \n  tool -v\n  ```\n\n"
            + "- **Option:** `--quiet`\n\n  **Example:**\n\n  | a | b |\n  | --- | --- |\n  | c | d |\n", markdown);
    }

    [Fact]
    public void RegularGridsWithoutHeaderAreDataAndPageLayoutsAreNot()
    {
        Assert.Equal("| a | b |\n| --- | --- |\n| c | d |\n",
            Markdown("<table><tr><td><p>a</p></td><td>b</td></tr><tr><td><p>c</p></td><td>d</td></tr></table>"));
        var layout = Fixtures.Extract("table-layout.html", "http://bob.example/layouts.html");
        Assert.DoesNotContain("|", layout.Markdown);
    }

    [Fact]
    public void RelationBarsNeedOnlyRelationLinks()
    {
        // A small table of ordinary links is content, even next to the word "Next".
        var markdown = Markdown("<table><tr><td><a href=\"a.html\">Next steps</a></td><td><a href=\"b.html\">Home page design</a></td></tr><tr><td>x</td><td>y</td></tr></table>");
        Assert.Contains("[Next steps](https://m.example/docs/a.html)", markdown);
        var bar = Markdown("<p>Intro.</p><div><table><tr><td><a href=\"p.html\">« Previous</a></td><td><a href=\"n.html\">Next »</a></td></tr></table><hr></div>");
        Assert.Equal("Intro.\n", bar);
        Assert.Equal("Intro.\n", Markdown("<p>Intro.</p><table><tr><td><a rel=\"prev\" href=\"p.html\">Installing</a></td><td><a rel=\"next\" href=\"n.html\">Using</a></td></tr></table>"));
    }

    [Fact]
    public void HeadingsFromH1ToH6WithARepeatedTitleFitUnderThePageHeading()
    {
        var page = new PageExtractor().Extract(
            "<html><head><title>Guide — Acme</title></head><body><main><h1>Guide</h1><p>Intro.</p><h3>Setup</h3><h5>Linux</h5><h6>Debian</h6>"
            + "<h2>Usage</h2><h4>Flags</h4><p>Done.</p></main></body></html>", new Uri("https://acme.example/guide"));
        var full = LlmsFullWriter.Write(new LlmsTxtInput { StartUrl = new Uri("https://acme.example/guide"), Pages = [page] }).Text;
        var block = full[full.IndexOf("\n## Guide\n", StringComparison.Ordinal)..];
        Assert.Equal("\n## Guide\n\nSource: https://acme.example/guide\n\nIntro.\n\n### Setup\n\n#### Linux\n\n##### Debian\n\n### Usage\n\n#### Flags\n\nDone.\n", block);
        Assert.DoesNotContain(LlmsTxtValidator.Validate(full, fullText: true), f => f.Message.Contains("skipped", StringComparison.Ordinal));
    }
}
