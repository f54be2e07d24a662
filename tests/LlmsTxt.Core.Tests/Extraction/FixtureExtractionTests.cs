using System.Diagnostics;
using System.Text;
using LlmsTxt.Core.Extraction;

namespace LlmsTxt.Core.Tests.Extraction;

/// <summary>Asserted extraction results for each page of the fixture corpus.</summary>
public sealed class FixtureExtractionTests
{
    [Fact]
    public void CorpusHasAtLeastTwentyFivePages() => Assert.True(Fixtures.All().Count() >= 25);

    [Fact]
    public void DocsHomeGivesSiteNameDescriptionAndSidebarGroupsInOrder()
    {
        var page = Fixtures.Extract("docs-home.html", "https://docs.acme.dev/");
        Assert.Equal("Acme Docs", page.Title);
        Assert.Equal("Acme Docs", page.SiteName);
        Assert.StartsWith("Acme is an open-source job queue", page.Description);
        Assert.StartsWith("Welcome! Acme runs background jobs reliably", page.Excerpt);
        Assert.Equal("en", page.Language);
        Assert.Equal(new Uri("https://docs.acme.dev/"), page.CanonicalUrl);
        var sidebar = page.Links.Where(l => l.InNavigation && l.NavGroup is not null).Select(l => (l.NavGroup, l.Text)).ToList();
        Assert.Equal(
            [("Getting started", "Installation"), ("Getting started", "Quickstart"), ("Guides", "Authentication"),
             ("Guides", "Retries and backoff"), ("API reference", "Users"), ("API reference", "Jobs")],
            sidebar);
        Assert.Contains(page.Links, l => l.Url == new Uri("https://github.com/acme/acme") && l.InNavigation);
        var body = page.Links.Where(l => !l.InNavigation).Select(l => l.Text).ToList();
        Assert.Equal(["installation guide", "quickstart", "Authenticate API calls", "Enqueue a job over HTTP"], body);
        Assert.DoesNotContain("Skip to content", page.Markdown);
        Assert.DoesNotContain("gtag", page.Markdown);
    }

    [Fact]
    public void DocsPageDropsSiteSuffixBreadcrumbsAndKeepsCodeLanguage()
    {
        var page = Fixtures.Extract("docs-installation.html", "https://docs.acme.dev/getting-started/installation");
        Assert.Equal("Installation", page.Title);
        Assert.Equal("Installation | Acme Docs", page.HtmlTitle);
        Assert.Equal("Install Acme with npm or pip, start Redis, and verify the worker connects.", page.Description);
        Assert.StartsWith("# Installation\n\nAcme needs **Node.js 20** or **Python 3.11**", page.Markdown);
        Assert.Contains("```bash\nnpm install @acme/worker\nnpx acme --version\n```", page.Markdown);
        Assert.Contains("```python\npip install acme-worker", page.Markdown);
        Assert.Contains("1. Start Redis: `redis-server`\n2. Run `acme doctor`", page.Markdown);
        Assert.DoesNotContain("Breadcrumb", page.Markdown);
        Assert.DoesNotContain("Edit this page", page.Markdown);
        Assert.DoesNotContain("Copy", page.Markdown);
        Assert.DoesNotContain("Next: Quickstart", page.Markdown);
        Assert.DoesNotContain("#installation", page.Markdown);
        Assert.DoesNotContain("Docs", page.Excerpt);
        Assert.True(page.WordCount > 40);
    }

    [Fact]
    public void ApiPageUsesOgDescriptionAndConvertsTablesAndCode()
    {
        var page = Fixtures.Extract("docs-api-users.html", "https://docs.acme.dev/api/users");
        Assert.Equal("Users API", page.Title);
        Assert.Equal("Create, list and delete users of your Acme workspace through the REST API.", page.Description);
        Assert.Contains("| Field | Type | Description |\n| --- | --- | --- |\n| `email` | string | Required. The user's e-mail address. |", page.Markdown);
        Assert.Contains("One of `admin` \\| `member`.", page.Markdown);
        Assert.Contains("```shell\ncurl https://api.acme.dev/v1/users \\\n  -H \"Authorization: Bearer $ACME_KEY\"\n```", page.Markdown);
        var toc = page.Links.Where(l => l.InNavigation).ToList();
        Assert.Equal(["Users", "Jobs"], toc.Select(l => l.Text));
        Assert.All(toc, l => Assert.Equal("API reference", l.NavGroup));
        Assert.DoesNotContain(page.Links, l => l.Url.Fragment.Length > 0);
    }

    [Fact]
    public void GuideKeepsQuotesNestedListsDefinitionsAndAbsoluteLinks()
    {
        var page = Fixtures.Extract("docs-guide-auth.html", "https://docs.acme.dev/guides/authentication");
        Assert.Equal("Authentication", page.Title);
        Assert.Equal("en-us", page.Language);
        Assert.Contains("> Never ship a secret API key in a browser bundle.", page.Markdown);
        Assert.Contains("- **API keys** for servers\n  - Secret keys start with `sk_`\n  - Publishable keys start with `pk_`\n- **Tokens** for browsers", page.Markdown);
        Assert.Contains("### Rotating keys", page.Markdown);
        Assert.Contains("[the keys API](https://docs.acme.dev/api/keys)", page.Markdown);
        Assert.Contains("[RFC 6750](https://example.org/rfc)", page.Markdown);
        Assert.Contains("`` echo `date` ``", page.Markdown);
        Assert.Contains("**Scope**\n\nA permission attached to a key.", page.Markdown);
        Assert.Contains("\n---\n", page.Markdown);
    }

    [Fact]
    public void BlogIndexWithSeveralArticlesKeepsThemAll()
    {
        var page = Fixtures.Extract("blog-home.html", "https://jane.example/");
        Assert.Equal("Jane Doe's Blog", page.Title);
        Assert.Contains("## [Raft in practice](https://jane.example/posts/raft-in-practice/)", page.Markdown);
        Assert.Contains("## [Error handling in Rust without tears]", page.Markdown);
        Assert.Equal("Notes on distributed systems, Rust and running a tiny SaaS, by Jane Doe.", page.Description);
        var nav = page.Links.Where(l => l.InNavigation).Select(l => l.Text).ToList();
        Assert.Equal(["Jane Doe's Blog", "Archive", "About"], nav); // "Home" repeats the title link's URL
        Assert.All(page.Links.Where(l => l.InNavigation), l => Assert.Null(l.NavGroup));
    }

    [Fact]
    public void BlogPostUsesTwitterDescriptionAndImageAltTextOnly()
    {
        var page = Fixtures.Extract("blog-post.html", "https://jane.example/posts/raft-in-practice/");
        Assert.Equal("Raft in practice", page.Title);
        Assert.Equal("What I learned running a three-node Raft cluster in production for a year.", page.Description);
        Assert.Contains("![Three nodes, one leader](https://jane.example/images/cluster.png)", page.Markdown);
        Assert.DoesNotContain("spacer.gif", page.Markdown);
        Assert.Contains("```go\ncfg := raft.DefaultConfig()", page.Markdown);
        Assert.Contains("Election timeouts between *150* and *300 ms*", page.Markdown);
        Assert.DoesNotContain("Great post", page.Markdown);
        Assert.DoesNotContain("#raft", page.Markdown);
        Assert.DoesNotContain("8 min read", page.Excerpt);
        Assert.StartsWith("For a year we ran a three-node Raft cluster", page.Excerpt);
    }

    [Fact]
    public void PageWithoutDescriptionFallsBackToFirstSentenceParagraph()
    {
        var page = Fixtures.Extract("blog-about.html", "https://jane.example/about/");
        // The <title> without the site's name ("About | Jane Doe's Blog"), as on every other page of the site; the h1 says "About me".
        Assert.Equal("About", page.Title);
        Assert.Equal("I'm Jane, a backend engineer in Lisbon. I write about the systems I build and break.", page.Description);
        Assert.DoesNotContain("mailto", page.Markdown);
        Assert.Contains("jane@example.com", page.Markdown);
    }

    [Fact]
    public void CodeBlockWithHashesStaysFenced()
    {
        var page = Fixtures.Extract("blog-post-rust.html", "https://jane.example/posts/rust-error-handling/");
        Assert.Contains("```rust\n#[derive(Debug, thiserror::Error)]", page.Markdown);
        Assert.Contains("\n## not a heading\n```", page.Markdown);
    }

    [Fact]
    public void MarketingPageWithOnlyOgTagsGetsTitleAndDescriptionFromThem()
    {
        var page = Fixtures.Extract("marketing-og-only.html", "https://northwind.example/");
        Assert.Equal("Dashboards your team will actually read", page.Title);
        Assert.Equal("Northwind Analytics", page.SiteName);
        Assert.StartsWith("Connect your warehouse, pick a template", page.Description);
        Assert.Contains("Queries run against your warehouse", page.Excerpt);
        Assert.Null(page.Language);
    }

    [Fact]
    public void GenericHomeTitleGivesWayToTheFirstHeading()
    {
        var page = Fixtures.Extract("home-title.html", "https://casabarro.example/");
        Assert.Equal("Home", page.HtmlTitle);
        Assert.Equal("Casa Barro Ceramics", page.Title);
        Assert.DoesNotContain("Rua das Flores", page.Markdown);
        Assert.DoesNotContain("Workshops", page.Markdown);
    }

    [Fact]
    public void Latin1DeclaredByMetaIsDecoded()
    {
        var page = Fixtures.Extract("latin1.html", "https://cuisine-de-zoe.example/creme-brulee");
        Assert.Equal("Crème brûlée à la française", page.Title);
        Assert.Equal("Une crème brûlée façon bistrot : oeufs, crème, vanille et sucre caramélisé.", page.Description);
        Assert.Contains("Préchauffez le four à 150 °C.", page.Markdown);
        Assert.Equal("fr", page.Language);
    }

    [Fact]
    public void Windows1252DeclaredByMetaKeepsCurlyQuotesAndEuro()
    {
        var page = Fixtures.Extract("windows-1252.html", "https://legacy.example/quotes");
        Assert.Equal("“Smart quotes” and the € sign", page.Title);
        Assert.Contains("“curly quotes”, the – dash and the € sign", page.Excerpt);
        Assert.Contains("Don’t decode these pages as UTF-8…", page.Markdown);
    }

    [Fact]
    public void CharsetFromHttpHeaderIsUsedWhenThePageDeclaresNone()
    {
        var page = Fixtures.Extract("header-charset.html", "https://shop.example/groessen", headerCharset: "windows-1252");
        Assert.Equal("Größenangaben für Übergrößen", page.Title);
        var guessed = Fixtures.Extract("header-charset.html", "https://shop.example/groessen");
        Assert.Equal("Größenangaben für Übergrößen", guessed.Title); // invalid UTF-8 falls back to Windows-1252
    }

    [Fact]
    public void ByteOrderMarkWinsOverMetaCharset()
    {
        var page = Fixtures.Extract("utf8-bom.html", "https://jp.example/");
        Assert.Equal("日本語のページ", page.Title);
        Assert.Equal("ja", page.Language);
    }

    [Fact]
    public void HreflangAlternatesAndCanonicalAreRead()
    {
        var page = Fixtures.Extract("hreflang.html", "https://globex.example/en/pricing");
        Assert.Equal("Pricing", page.Title);
        Assert.Equal(new Uri("https://globex.example/en/pricing"), page.CanonicalUrl);
        Assert.Equal(
            [("en", "https://globex.example/en/pricing"), ("fr", "https://globex.example/fr/tarifs"),
             ("de-de", "https://globex.example/de/preise"), ("x-default", "https://globex.example/pricing")],
            page.Alternates.Select(a => (a.Language, a.Url.AbsoluteUri)));
    }

    [Fact]
    public void BrokenMarkupNeverThrowsAndKeepsText()
    {
        var page = Fixtures.Extract("broken-markup.html", "https://broken.example/page");
        Assert.Equal("Broken markup & friends", page.Title);
        Assert.Contains("Stray closing tags", page.Markdown);
        Assert.Contains("| cell | cell 2 |", page.Markdown);
        Assert.Equal(
            ["https://broken.example/first", "https://broken.example/second?x=1", "https://broken.example/third"],
            page.Links.Select(l => l.Url.AbsoluteUri));
        Assert.DoesNotContain("javascript", page.Markdown);
        Assert.DoesNotContain("<", page.Markdown);
    }

    [Fact]
    public void JavaScriptAppShellHasNoWords()
    {
        var page = Fixtures.Extract("js-shell.html", "https://app.example/");
        Assert.Equal(0, page.WordCount);
        Assert.Equal("", page.Markdown);
        Assert.Equal("", page.Excerpt);
        Assert.DoesNotContain("enable JavaScript", page.Description);
    }

    [Fact]
    public void RobotsMetaNoindexNofollowIsRead()
    {
        var page = Fixtures.Extract("noindex.html", "https://acme.example/search");
        Assert.True(page.NoIndex);
        Assert.True(page.NoFollow);
        var normal = Fixtures.Extract("canonical-base.html", "https://cdn.example.com/site/docs/x");
        Assert.False(normal.NoIndex);
        Assert.False(normal.NoFollow);
    }

    [Fact]
    public void SphinxToctreeGroupsLinksUnderParentListItems()
    {
        var page = Fixtures.Extract("sphinx-toctree.html", "https://pywidget.readthedocs.io/en/latest/");
        Assert.Equal(
            [("Introduction", null), ("Tutorial", "Tutorial"), ("First steps", "Tutorial"), ("Widgets", "Tutorial"),
             ("API", "Reference"), ("Command line", "Reference")],
            page.Links.Where(l => l.InNavigation).Select(l => (l.Text, l.NavGroup)));
        Assert.StartsWith("# Welcome to PyWidget’s documentation!\n", page.Markdown);
        Assert.Contains("```console\n$ pip install pywidget\n```", page.Markdown);
        Assert.DoesNotContain("¶", page.Markdown);
    }

    [Fact]
    public void DocusaurusMenuCategoriesBecomeGroups()
    {
        var page = Fixtures.Extract("docusaurus-menu.html", "https://rocket.example/docs/basics/configuration");
        Assert.Equal("Configuration", page.Title);
        var groups = page.Links.Where(l => l.InNavigation && l.NavGroup is not null).Select(l => (l.Text, l.NavGroup)).ToList();
        Assert.Equal([("Basics", "Basics"), ("Configuration", "Basics"), ("Plugins", "Basics"), ("Deploy", "Deploy"), ("Docker", "Deploy")], groups);
        Assert.Contains("| `port` | `3000` |", page.Markdown);
    }

    [Fact]
    public void EntitiesAreDecodedAndInvisibleCharactersRemoved()
    {
        var page = Fixtures.Extract("entities-invisible.html", "https://tricks.example/");
        Assert.Equal("Zerowidth & other tricks — Test", page.Title);
        Assert.Equal("Café <menu> without reversed text and nulls.", page.Description);
        Assert.Equal("Softhyphen, zerowidthjoiners, BOM, and lots of whitespace with tabs.", page.Markdown.Split('\n')[2]);
        Assert.Contains("🚀", page.Markdown);
        foreach (var text in new[] { page.Title, page.Description, page.Excerpt, page.Markdown })
        {
            Assert.DoesNotContain(text, c => c is '\u200B' or '\u200C' or '\u200D' or '\u00AD' or '\uFEFF' or '\u202E' or '\u0007' or '\0');
        }
    }

    [Fact]
    public void BaseElementAndRelativeLinksResolveToAbsoluteUrls()
    {
        var page = Fixtures.Extract("canonical-base.html", "https://www.example.com/docs/relative-links");
        Assert.Equal(
            ["https://cdn.example.com/site/docs/page-a", "https://cdn.example.com/site/page-b", "https://cdn.example.com/root",
             "https://other.example/x", "https://example.com/a%20b(c)"],
            page.Links.Select(l => l.Url.AbsoluteUri));
        Assert.Contains("[spaces and parens](https://example.com/a%20b%28c%29)", page.Markdown);
    }

    [Fact]
    public void WordPressPostDropsMetaSharingCommentsAndWidgets()
    {
        var page = Fixtures.Extract("wordpress-post.html", "https://thecrumb.example/2025/09/sourdough-starter-tips/");
        Assert.Equal("10 tips for a better sourdough starter", page.Title);
        Assert.Equal("The Crumb", page.SiteName);
        Assert.Equal("en-gb", page.Language);
        Assert.Equal("# 10 tips for a better sourdough starter\n\nA healthy starter doubles within six hours of feeding. If yours doesn’t, one of these habits is probably missing.\n\n1. **Weigh everything.** Cups lie; grams don’t.\n2. **Keep it at 24–26 °C.**\n", page.Markdown);
        Assert.Contains(page.Links, l => l.Text == "Starter" && l.InNavigation && l.NavGroup == "Guides");
    }

    [Fact]
    public void TableLayoutPageFallsBackToBodyWithoutChrome()
    {
        var page = Fixtures.Extract("table-layout.html", "http://bob.example/layouts.html");
        Assert.Equal("Layouts", page.Title); // "Bob's Model Trains" names the site bob.example
        Assert.Equal("## My Layouts\n\nI have been building HO scale layouts since 1987. My current layout is a 4x8 foot loop with two sidings and a small yard.\n\nClick a scale on the left to see photos of each layout.\n", page.Markdown);
        Assert.StartsWith("I have been building HO scale layouts since 1987.", page.Description);
    }

    [Fact]
    public void LegalAndCareersPagesExtractCleanly()
    {
        var careers = Fixtures.Extract("careers.html", "https://docs.acme.dev/careers");
        Assert.Equal("Careers at Acme", careers.Title);
        var privacy = Fixtures.Extract("privacy.html", "https://docs.acme.dev/legal/privacy");
        Assert.Equal("Privacy Policy", privacy.Title);
        Assert.StartsWith("We collect the minimum data needed", privacy.Description);
    }

    [Fact]
    public void FlatSiteIndexGroupsSidebarLinksUnderHeadings()
    {
        var page = Fixtures.Extract("flat/index.html", "https://footool.example/manual/index.html");
        Assert.Equal("FooTool Manual", page.Title);
        Assert.Equal(["Basics", "Basics", "Basics", "Advanced", "Advanced", "Advanced", "About", "About"],
            page.Links.Select(l => l.NavGroup));
        Assert.All(page.Links, l => Assert.True(l.InNavigation));
        var intro = Fixtures.Extract("flat/intro.html", "https://footool.example/manual/intro.html");
        Assert.Equal("Introduction", intro.Title);
        Assert.Equal("Introduction - FooTool Manual", intro.HtmlTitle);
    }

    [Fact]
    public void TypicalDocsPageExtractsWithinBudget()
    {
        var page = Fixtures.Extract("typical-docs.html", "https://docs.acme.dev/docs/guides/retries", descLength: 200);
        Assert.Equal("Retries and backoff", page.Title);
        Assert.True(page.Excerpt.Length <= 200);
        Assert.EndsWith("…", page.Excerpt);
        Assert.Equal(120, page.Links.Count(l => l.InNavigation && l.NavGroup is "Getting started" or "Concepts" or "Guides" or "Integrations" or "API reference" or "Operations"));
        Assert.DoesNotContain("function f1", page.Markdown);
        Assert.Equal(8, page.Markdown.Split('\n').Count(l => l.StartsWith("## ", StringComparison.Ordinal)));
    }

    [Fact]
    public void FiveMegabytePageIsExtracted()
    {
        var sb = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><title>Big page</title></head><body><main><h1>Big</h1>");
        var i = 0;
        while (sb.Length < 5 * 1024 * 1024)
        {
            sb.Append("<p>Paragraph ").Append(i).Append(" has some words in it and a <a href=\"/p/").Append(i % 500)
                .Append("\">link</a>.</p><div><span>nested</span></div>\n");
            i++;
        }
        sb.Append("</main></body></html>");
        var bytes = Encoding.UTF8.GetBytes(sb.ToString());
        var page = new PageExtractor().Extract(bytes, new Uri("https://big.example/"));
        Assert.Equal("Big page", page.Title);
        Assert.Equal(500, page.Links.Count);
        // 200,000 elements: parsed up to the element cap (a DOM of every one would cost hundreds of MB).
        Assert.True(page.ElementsCut);
        Assert.True(page.WordCount > 100_000);
        Assert.Contains("Paragraph 0 has some words", page.Excerpt);
    }

    [Fact]
    public void HostileNestingIsCappedInsteadOfHanging()
    {
        var html = "<html><head><title>Deep</title></head><body>" + string.Concat(Enumerable.Repeat("<div>", 25_000))
            + "deep text" + string.Concat(Enumerable.Repeat("<b><i>", 5_000)) + "</body></html>";
        var watch = Stopwatch.StartNew();
        var page = new PageExtractor().Extract(html, new Uri("https://deep.example/"));
        Assert.Equal("Deep", page.Title);
        Assert.Contains("deep text", page.Excerpt);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), "deep nesting must not go quadratic");
    }

    [Fact]
    public void UnclosedTitleDoesNotBecomeTheTitle()
    {
        var page = new PageExtractor().Extract("<html><head><title>Oops<meta name=x></head><body><h1>Real heading</h1></body></html>",
            new Uri("https://oops.example/some-page"));
        Assert.Equal("Some Page", page.Title);
    }

    [Theory]
    [MemberData(nameof(AllFixtures))]
    public void EveryFixtureExtractsWithoutHtmlInTheMarkdown(string name)
    {
        var page = Fixtures.Extract(name, "https://fixture.example/" + name);
        Assert.NotEqual("", page.Title);
        Assert.DoesNotContain("\n\n\n", page.Markdown);
        Assert.DoesNotMatch(@"<(div|span|p|a|script|style|table|td|br|img)\b", page.Markdown.Replace("&lt;", "", StringComparison.Ordinal));
        Assert.All(page.Links, l => Assert.True(l.Url.IsAbsoluteUri && l.Url.Fragment.Length == 0));
        Assert.True(page.Excerpt.Length <= 500 && page.Description.Length <= 500);
    }

    public static TheoryData<string> AllFixtures() => new(Fixtures.All());
}
