using System.Text.RegularExpressions;
using LlmsTxt.Core.Extraction;
using LlmsTxt.Core.Urls;
using LlmsTxt.Core.Writing;

namespace LlmsTxt.Core.Tests.Writing;

/// <summary>
/// Hundreds of random page sets with hostile titles, notes, URLs and navigation labels (seeded, so failures
/// reproduce): the output always validates, lists every page exactly once, and ignores input order.
/// </summary>
public sealed partial class WriterPropertyTests
{
    private static readonly string[] HostileTexts =
    [
        "", " ", "Home", "Index", "Optional", "[", "]", "\\", "](javascript:alert(1))", "[x](https://evil.example)",
        "# Heading", "## Injected section", "\n## Injected\n- [x](y)", "> quote", "```", "~~~\n## x", "`code`", "**bold**",
        "- [a](b)", "Title: with colon", "Ünïcödé ✓ 🚀", "\u202Eevil\u202C", "zero\u200Bwidth", "tab\there", "ctrl\u0007char",
        "a|b|c", "<script>alert(1)</script>", "&amp; &lt;b&gt;", "1. numbered", "* star", new string('x', 900),
        string.Join(' ', Enumerable.Repeat("word", 400)), "Getting started", "API", "Privacy Policy", "Careers", "Blog",
    ];

    private static readonly string[] Segments =
    [
        "docs", "guides", "api", "blog", "news", "about", "privacy", "legal", "careers", "changelog", "v1", "v2",
        "getting-started", "a(b)", "with space", "br[ack]et", "%41", "ünï", "index.html", "page.html", "x", "y", "z",
        "reference", "tutorials", "tag", "2024", "very-long-" + new string('s', 60), "a)b", "q?x=1", "c%29d",
    ];

    [Fact]
    public void RandomHostilePageSetsAlwaysValidateListEachPageOnceAndIgnoreOrder()
    {
        var random = new Random(20260517);
        for (var run = 0; run < 300; run++)
        {
            var input = RandomInput(random);
            var result = LlmsTxtWriter.Write(input);
            Sites.AssertValid(result.Text);
            Assert.DoesNotContain('\r', result.Text);
            Assert.Equal(1, result.Text.Split('\n').Count(l => l.StartsWith("# ", StringComparison.Ordinal)));

            var linked = LinkUrls().Matches(result.Text).Select(m => m.Groups[1].Value).ToList();
            Assert.Equal(linked.Count, linked.Distinct(StringComparer.Ordinal).Count());
            var expected = input.Pages.Select(p => MarkdownText.EscapeUrl(input.MarkdownTwins.GetValueOrDefault(p.Url) ?? p.Url)).ToList();
            Assert.Equal(expected.Order(StringComparer.Ordinal), linked.Order(StringComparer.Ordinal));
            Assert.Equal(input.Pages.Count, result.ListedPages);

            var shuffled = input with { Pages = input.Pages.OrderBy(_ => random.Next()).ToList() };
            Assert.Equal(result.Text, LlmsTxtWriter.Write(shuffled).Text);

            var cap = random.Next(2) == 0 ? (int?)null : random.Next(500, 20_000);
            var full = LlmsFullWriter.Write(shuffled, cap);
            Sites.AssertValid(full.Text, fullText: true);
            Assert.Equal(input.Pages.Count, full.InlinedPages + full.SkippedPages);
            // Over the cap only when not even one page fits beside the header and the list of links.
            Assert.True(cap is null || full.Text.Length <= cap || full.InlinedPages == 0, "llms-full.txt exceeds its cap");
            Assert.Equal(full.Text, LlmsFullWriter.Write(input, cap).Text);
        }
    }

    private static LlmsTxtInput RandomInput(Random random)
    {
        var host = random.Next(3) switch { 0 => "example.com", 1 => "docs.example.com", _ => "www.example.org" };
        var scheme = random.Next(4) == 0 ? "http" : "https";
        var start = new Uri($"{scheme}://{host}/");
        var count = random.Next(1, 60);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var pages = new List<Page>();
        for (var i = 0; i < count * 2 && pages.Count < count; i++)
        {
            var url = i == 0 ? start : RandomUrl(random, scheme, host);
            if (!keys.Add(UrlIdentity.Key(url)))
            {
                continue;
            }
            pages.Add(new Page
            {
                Url = url,
                Title = Pick(random),
                HtmlTitle = Pick(random),
                Description = random.Next(3) == 0 ? "" : Pick(random),
                Excerpt = Pick(random),
                Markdown = random.Next(2) == 0 ? "" : "# " + Pick(random) + "\n\n```\n## inside fence\n```\n\n" + Pick(random) + "\n",
                SiteName = random.Next(4) == 0 ? Pick(random) : null,
                WordCount = random.Next(1000),
            });
        }
        // The start page links to random pages in nav groups with hostile names.
        var links = pages.OrderBy(_ => random.Next()).Take(random.Next(pages.Count + 1))
            .Select(p => new PageLink(p.Url, Pick(random), random.Next(3) > 0, random.Next(3) == 0 ? null : Pick(random)))
            .ToList();
        pages[0] = pages[0] with { Links = links };
        var twins = pages.Where(p => p.Url.Query.Length == 0 && random.Next(5) == 0)
            .ToDictionary(p => p.Url, p => new Uri(p.Url.GetLeftPart(UriPartial.Path) + (p.Url.AbsolutePath.EndsWith('/') ? "index.html.md" : ".md")));
        return new LlmsTxtInput
        {
            StartUrl = start,
            Pages = pages,
            SitemapOrder = pages.Where(_ => random.Next(2) == 0).Select(p => p.Url).OrderBy(_ => random.Next()).ToList(),
            MarkdownTwins = twins,
            DescLength = random.Next(100, 2001),
        };
    }

    private static Uri RandomUrl(Random random, string scheme, string host)
    {
        var depth = random.Next(0, 4);
        var path = string.Join('/', Enumerable.Range(0, depth).Select(_ => Segments[random.Next(Segments.Length)]));
        var slash = random.Next(2) == 0 ? "/" : "";
        return new Uri($"{scheme}://{host}/{path}{(path.Length > 0 ? slash : "")}{(random.Next(6) == 0 ? "?page=" + random.Next(9) : "")}");
    }

    private static string Pick(Random random) => HostileTexts[random.Next(HostileTexts.Length)];

    [GeneratedRegex(@"^- \[(?:\\.|[^\]\\])*\]\(([^)\s]*)\)", RegexOptions.Multiline)]
    private static partial Regex LinkUrls();
}
