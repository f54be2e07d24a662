using System.Runtime.CompilerServices;
using System.Text;
using LlmsTxt.Core.Extraction;
using LlmsTxt.Core.Understanding;

namespace LlmsTxt.Core.Tests.Extraction;

/// <summary>
/// Trimmed real pages of several kinds: what the one pass over the page reads as structure (navigation trees with
/// their group labels, breadcrumbs, rel links, utility signal) and which text describes the page. Golden files in
/// Golden/structure; set LLMSTXT_UPDATE_GOLDEN=1 to rewrite them after an intended change, then review the diff.
/// </summary>
public sealed class PageStructureGoldenTests
{
    [Theory]
    [InlineData("docbook-chapter.html", "https://pg.example/docs/tutorial-start.html")]
    [InlineData("sphinx-toctree.html", "https://pywidget.example/en/latest/")]
    [InlineData("mdbook-page.html", "https://book.example/ch07-02-defining-modules.html")]
    [InlineData("handmade-breadcrumbs.html", "https://widget.example/guides/tuning")]
    public void StructureAndDescriptionMatchGoldenFile(string fixture, string url)
    {
        var page = Fixtures.Extract(fixture, url);
        AssertGolden(Path.ChangeExtension(fixture, ".structure.txt"), Describe(page));
    }

    [Fact]
    public void ADocBookChapterIsDescribedByItsTocNeverByItsNavigationBars()
    {
        var page = Fixtures.Extract("docbook-chapter.html", "https://pg.example/docs/tutorial-start.html");
        Assert.Equal("", page.Description);
        Assert.Equal("Installation, Architectural Fundamentals, Creating a Database and Accessing a Database.", page.Structure.ChildrenSummary);
        Assert.DoesNotContain("Prev", page.Excerpt, StringComparison.Ordinal);
        Assert.DoesNotContain("Part I. Tutorial", page.Excerpt, StringComparison.Ordinal);
    }

    [Fact]
    public void BreadcrumbsInMarkupAndJsonLdAgreeAndCopyrightIsNeverText()
    {
        var page = Fixtures.Extract("handmade-breadcrumbs.html", "https://widget.example/guides/tuning");
        Assert.Equal(["https://widget.example/", "https://widget.example/guides/"], page.Structure.Breadcrumbs.Select(u => u.AbsoluteUri));
        Assert.DoesNotContain("Copyright", page.Excerpt, StringComparison.Ordinal);
        Assert.Contains(page.Structure.Trees, t => t.Roots.Any(r => r.Url is null && r.Label == "Operations"));
    }

    private static string Describe(Page page)
    {
        var sb = new StringBuilder();
        sb.Append("title: ").Append(page.Title).Append('\n');
        sb.Append("description: ").Append(page.Description).Append('\n');
        sb.Append("description from: ").Append(page.DescriptionSource).Append('\n');
        sb.Append("excerpt: ").Append(page.Excerpt).Append('\n');
        sb.Append("children summary: ").Append(page.Structure.ChildrenSummary).Append('\n');
        sb.Append("utility: ").Append(page.Structure.UtilityReason ?? "no").Append('\n');
        sb.Append("breadcrumbs: ").Append(string.Join(" > ", page.Structure.Breadcrumbs.Select(u => u.AbsoluteUri))).Append('\n');
        foreach (var (rel, target) in page.Structure.Relations.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            sb.Append("rel ").Append(rel).Append(": ").Append(target.AbsoluteUri).Append('\n');
        }
        foreach (var tree in page.Structure.Trees)
        {
            sb.Append(tree.InMainContent ? "tree in main content" : "tree in navigation").Append(" (").Append(tree.LinkCount).Append(" links)\n");
            AppendNodes(sb, tree.Roots, 1);
        }
        return sb.ToString();
    }

    private static void AppendNodes(StringBuilder sb, IReadOnlyList<NavNode> nodes, int depth)
    {
        foreach (var node in nodes)
        {
            sb.Append(' ', depth * 2).Append(node.Url is null ? "[group] " : "").Append(node.Label);
            if (node.Url is not null)
            {
                sb.Append(" -> ").Append(node.Url.AbsoluteUri);
            }
            sb.Append('\n');
            AppendNodes(sb, node.Children, depth + 1);
        }
    }

    private static void AssertGolden(string name, string actual, [CallerFilePath] string source = "")
    {
        if (Environment.GetEnvironmentVariable("LLMSTXT_UPDATE_GOLDEN") == "1")
        {
            var folder = Path.Combine(Path.GetDirectoryName(source)!, "..", "Golden", "structure");
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, name), actual);
            return;
        }
        var expected = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Golden", "structure", name));
        Assert.Equal(expected, actual);
    }
}
