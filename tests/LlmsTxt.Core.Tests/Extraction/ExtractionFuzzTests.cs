using System.Text;
using LlmsTxt.Core.Extraction;

namespace LlmsTxt.Core.Tests.Extraction;

/// <summary>Seeded random tag soup: extraction never falls over and keeps its invariants.</summary>
public sealed class ExtractionFuzzTests
{
    private static readonly string[] Fragments =
    [
        "<div>", "</div>", "<p>", "</p>", "<span>", "</span>", "<b>", "</b>", "<i>", "</i>", "<ul>", "<li>", "</ul>", "<ol start=x>",
        "<table>", "<tr>", "<td>", "</table>", "<pre><code class=\"language-x\">", "</code></pre>", "<code>", "</code>",
        "<h1>", "</h1>", "<h2>", "</h2>", "<h6>", "<blockquote>", "</blockquote>", "<nav>", "</nav>", "<aside>", "<main>",
        "<article>", "</article>", "<header>", "<footer>", "<script>var x = '</div>';</script>", "<style>p{}</style>",
        "<!-- comment -->", "<!-- unclosed", "<a href=\"/x\">", "<a href=\"#frag\">", "<a href=\"javascript:void(0)\">",
        "<a href=\"http://[::1\">", "<a href=\" //other.example/y?q=1#f \">", "<a href=\"../up/%zz\">", "</a>",
        "<img src=\"/i.png\" alt=\"pic\">", "<img>", "<br>", "<hr>", "<svg><a href=\"/svg\">s</a></svg>", "<math>",
        "<template><p>t</p></template>", "<iframe src=x>", "<form><input></form>", "<dl><dt>t<dd>d</dl>", "<details><summary>s",
        "text ", "more words here. ", "&amp; &lt; &#0; &#xD800; &nbsp;", "\u200B\u202E\u0007", "🚀", "\u0000", "```", "# x", "- y",
        "<", ">", "<<>>", "</>", "<p/>", "<div <div>", "<a href=x", "\"", "'", "<noscript>no js</noscript>", "<base href=\"/b/\">",
    ];

    [Fact]
    public void RandomTagSoupNeverBreaksExtraction()
    {
        var random = new Random(7311);
        var extractor = new PageExtractor(new ExtractionOptions { DescLength = 100 });
        for (var run = 0; run < 500; run++)
        {
            var html = new StringBuilder("<html><head><title>Fuzz ").Append(run).Append("</title></head><body>");
            var count = random.Next(0, 300);
            for (var i = 0; i < count; i++)
            {
                html.Append(Fragments[random.Next(Fragments.Length)]);
            }
            var url = new Uri($"https://fuzz.example/run/{run}");
            var page = extractor.Extract(Encoding.UTF8.GetBytes(html.ToString()), url);
            Assert.Equal($"Fuzz {run}", page.Title); // the real path ran: the fallback would give the URL slug
            Assert.DoesNotContain("\n\n\n", page.Markdown);
            Assert.True(!System.Text.RegularExpressions.Regex.IsMatch(page.Markdown, @"<(div|span|p|a|table|td|script|style|pre|h\d)\b"), html + "\n=====\n" + page.Markdown);
            Assert.All(page.Links, l => Assert.True(l.Url.IsAbsoluteUri && l.Url.Scheme.StartsWith("http", StringComparison.Ordinal) && l.Url.Fragment.Length == 0));
            Assert.True(page.Excerpt.Length <= 100 && page.Description.Length <= 100);
            Assert.DoesNotContain(page.Excerpt + page.Description + page.Title, c => c is '\u200B' or '\u202E' or '\u0007' or '\0' or '\uFFFD');
            Assert.Equal(page.Markdown, extractor.Extract(Encoding.UTF8.GetBytes(html.ToString()), url).Markdown);
        }
    }
}
