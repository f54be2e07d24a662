using LlmsTxt.Core.Extraction;
using LlmsTxt.Core.Writing;
using static LlmsTxt.Core.Tests.Writing.Sites;

namespace LlmsTxt.Core.Tests.Writing;

public sealed class SectionPlannerTests
{
    private static LlmsTxtInput Input(string start, params Page[] pages) => new() { StartUrl = new Uri(start), Pages = pages };

    private static List<string> Headings(string text) =>
        text.Split('\n').Where(l => l.StartsWith("## ", StringComparison.Ordinal)).Select(l => l[3..]).ToList();

    private static List<string> LinkTitles(string text) =>
        text.Split('\n').Where(l => l.StartsWith("- [", StringComparison.Ordinal)).Select(l => l[3..l.IndexOf("](", StringComparison.Ordinal)]).ToList();

    [Fact]
    public void SectionsComeFromTheFirstPathSegmentWithReadableNames()
    {
        var result = WriteChecked(Input("https://s.example/",
            Page("https://s.example/", "S"),
            Page("https://s.example/getting-started/install", "Install", "Install it with the package manager of your choice."),
            Page("https://s.example/getting-started/first-app", "First app", "Build a first app in ten minutes."),
            Page("https://s.example/api/users", "Users", "The users resource."),
            Page("https://s.example/api/jobs", "Jobs", "The jobs resource."),
            Page("https://s.example/blog/hello", "Hello", "Our first post."),
            Page("https://s.example/blog/second", "Second", "Our second post.")));
        // The site gives no order (no links, no sitemap): folders by name, a dated stream (blog) after them.
        Assert.Equal(["API", "Getting Started", "Blog"], Headings(result.Text));
        Assert.Equal("S", LinkTitles(result.Text)[0]); // the lone home page heads the first section
    }

    [Fact]
    public void ASegmentHoldingMostPagesIsSplitByTheNextSegment()
    {
        var pages = new List<Page> { Page("https://s.example/", "S") };
        foreach (var sub in new[] { "guides", "reference", "tutorials" })
        {
            for (var i = 0; i < 4; i++)
            {
                pages.Add(Page($"https://s.example/docs/{sub}/page-{i}", $"{sub} {i}", $"About {sub} number {i}."));
            }
        }
        pages.Add(Page("https://s.example/docs/overview", "Docs overview", "Where to start."));
        pages.Add(Page("https://s.example/pricing/plans", "Plans", "What it costs."));
        var result = WriteChecked(Input("https://s.example/", [.. pages]));
        // docs/overview and pricing/plans are one-page folders: they join the home page under Overview.
        Assert.Equal(["Overview", "Guides", "Reference", "Tutorials"], Headings(result.Text));
    }

    [Fact]
    public void FlatSiteIsGroupedByTheStartPageNavigationNotOneSectionPerPage()
    {
        var result = WriteChecked(FlatManual());
        Assert.Equal(["Basics", "Advanced", "Optional"], Headings(result.Text));
        Assert.Equal(["FooTool Manual", "Introduction", "Installing FooTool", "Configuration file", "Performance tuning",
            "Writing plugins", "Troubleshooting", "License", "Changelog"], LinkTitles(result.Text));
        Assert.DoesNotContain(Headings(result.Text), h => h.Contains(".html", StringComparison.OrdinalIgnoreCase) || h.StartsWith("Index", StringComparison.Ordinal));
    }

    [Fact]
    public void FlatSiteWithoutNavigationGetsOneNamedSectionNotFileNames()
    {
        var pages = Enumerable.Range(0, 12).Select(i => Page($"https://f.example/page{i}.html", $"Page {i}", $"Text of page {i}.")).ToList();
        pages.Add(Page("https://f.example/index.html", "Index", "The index."));
        var result = WriteChecked(Input("https://f.example/index.html", [.. pages]));
        Assert.Single(Headings(result.Text));
        Assert.Equal("Overview", Headings(result.Text)[0]);
        Assert.Equal("f.example", result.SiteName);
        Assert.Equal("Overview", LinkTitles(result.Text)[0]);
    }

    [Fact]
    public void SecondaryPagesGoToOptionalWhichComesLast()
    {
        var result = WriteChecked(Input("https://s.example/",
            Page("https://s.example/", "S"), Page("https://s.example/docs/a", "A", "Doc A."), Page("https://s.example/docs/b", "B", "Doc B."),
            Page("https://s.example/privacy", "Privacy", "We respect it."), Page("https://s.example/company/open-roles", "Jobs", "Join us."),
            Page("https://s.example/about-us", "Who we are", "A small team."), Page("https://s.example/changelog", "What changed", "Releases."),
            Page("https://s.example/legal/terms", "Terms", "The rules."), Page("https://s.example/x", "Contact us", "Write to us."),
            Page("https://s.example/v1/docs/a", "Old A", "Old docs."), Page("https://s.example/v2/docs/a", "New A", "New docs."),
            Page("https://s.example/blog/page/2", "Blog page 2", "Older posts.")));
        var headings = Headings(result.Text);
        Assert.Equal("Optional", headings[^1]);
        var optional = result.Text[result.Text.IndexOf("## Optional", StringComparison.Ordinal)..];
        foreach (var title in new[] { "Privacy", "Jobs", "Who we are", "What changed", "Terms", "Contact us", "Old A", "Blog page 2" })
        {
            Assert.Contains($"[{title}]", optional);
        }
        Assert.DoesNotContain("[New A]", optional);
        Assert.Equal(8, result.OptionalPages);
    }

    [Fact]
    public void OrderFollowsStartPageNavigationThenSitemapThenDefaults()
    {
        var start = Page("https://s.example/", "S") with
        {
            Links =
            [
                new PageLink(new Uri("https://s.example/zeta/one"), "Zeta one", true, null),
                new PageLink(new Uri("https://s.example/alpha/two"), "Alpha two", true, null),
                new PageLink(new Uri("https://s.example/alpha/one"), "Alpha one", true, null),
            ],
        };
        var input = Input("https://s.example/", start,
            Page("https://s.example/alpha/one", "Alpha one", "a1"), Page("https://s.example/alpha/two", "Alpha two", "a2"),
            Page("https://s.example/alpha/three", "Alpha three", "a3"), Page("https://s.example/alpha/four", "Alpha four", "a4"),
            Page("https://s.example/zeta/one", "Zeta one", "z1"), Page("https://s.example/zeta/two", "Zeta two", "z2"),
            Page("https://s.example/blog/p", "Post", "p"), Page("https://s.example/blog/q", "Post 2", "q"),
            Page("https://s.example/guides/g", "Guide", "g"), Page("https://s.example/guides/h", "Guide 2", "h"));
        input = input with { SitemapOrder = [new Uri("https://s.example/alpha/four"), new Uri("https://s.example/alpha/three")] };
        var result = WriteChecked(input);
        Assert.Equal(["Zeta", "Alpha", "Guides", "Blog"], Headings(result.Text));
        Assert.Equal(["S", "Zeta one", "Zeta two", "Alpha two", "Alpha one", "Alpha four", "Alpha three", "Guide", "Guide 2", "Post", "Post 2"],
            LinkTitles(result.Text));
    }

    [Fact]
    public void LanguageDuplicatesAreDroppedAndCounted()
    {
        var en = Page("https://g.example/en/pricing", "Pricing", "Plans.", "en") with
        {
            Alternates = [new HreflangAlternate("fr", new Uri("https://g.example/fr/tarifs")), new HreflangAlternate("de", new Uri("https://g.example/de/preise"))],
        };
        var result = WriteChecked(Input("https://g.example/en/",
            Page("https://g.example/en/", "Globex", "Home.", "en"), en,
            Page("https://g.example/fr/tarifs", "Tarifs", "Offres.", "fr"), Page("https://g.example/de/preise", "Preise", "Pläne."),
            Page("https://g.example/es/", "Inicio", "Casa."), Page("https://g.example/en/docs/a", "Docs A", "A doc.", "en")));
        Assert.Equal(3, result.LanguageDuplicatesDropped);
        Assert.Equal(3, result.ListedPages);
        Assert.DoesNotContain("Tarifs", result.Text);
        Assert.DoesNotContain("Preise", result.Text);
    }

    [Fact]
    public void PagesInOneLanguageWithoutLanguageSignsAreAllKept()
    {
        var result = WriteChecked(Input("https://m.example/",
            Page("https://m.example/", "M", "Home.", "en"), Page("https://m.example/it/guide", "Guide", "Italian word in path.", "en"),
            Page("https://m.example/quote", "Citation", "A page marked French.", "fr")));
        Assert.Equal(0, result.LanguageDuplicatesDropped);
        Assert.Equal(3, result.ListedPages);
    }

    [Fact]
    public void UrlVariantsAreListedOnce()
    {
        var result = WriteChecked(Input("https://v.example/",
            Page("https://v.example/", "V", "Home."), Page("http://v.example/", "V", "Home."),
            Page("https://www.v.example/docs/", "Docs", "Docs."), Page("https://v.example/docs", "Docs", "Docs."),
            Page("https://v.example/docs/index.html", "Docs", "Docs."),
            Page("https://v.example/a?ref=1", "A", "A.") with { CanonicalUrl = new Uri("https://v.example/a") },
            Page("https://v.example/a", "A", "A.")));
        Assert.Equal(3, result.ListedPages);
        Assert.Equal(4, result.DuplicatesDropped);
        Assert.Contains("](https://v.example/a)", result.Text);
        Assert.DoesNotContain("http://", result.Text);
    }

    [Fact]
    public void NoIndexPagesAreLeftOut()
    {
        var result = WriteChecked(Input("https://n.example/", Page("https://n.example/", "N", "Home."),
            Page("https://n.example/secret", "Secret", "Hidden.") with { NoIndex = true }));
        Assert.Equal(1, result.NoIndexDropped);
        Assert.DoesNotContain("Secret", result.Text);
    }

    [Fact]
    public void TitlesAreEscapedAndUrlsPercentEncoded()
    {
        var result = WriteChecked(Input("https://e.example/", Page("https://e.example/", "E", "Home."),
            Page("https://e.example/a(b)/c d", "Arrays [] and \\ slashes", "Escaping.")));
        Assert.Contains("- [Arrays \\[\\] and \\\\ slashes](https://e.example/a%28b%29/c%20d): Escaping.", result.Text);
    }

    [Fact]
    public void MarkdownTwinsAreLinkedWhenSupplied()
    {
        var input = Input("https://t.example/", Page("https://t.example/", "T", "Home."), Page("https://t.example/guide", "Guide", "A guide."))
            with { MarkdownTwins = new Dictionary<Uri, Uri> { [new Uri("https://t.example/guide")] = new Uri("https://t.example/guide.md") } };
        var result = WriteChecked(input);
        Assert.Contains("- [Guide](https://t.example/guide.md): A guide.", result.Text);
    }

    [Fact]
    public void SiteNameIsNeverHomeOrIndex()
    {
        var result = WriteChecked(Input("https://www.casa.example/", Page("https://www.casa.example/", "Home", "Ceramics.") with { HtmlTitle = "Home" },
            Page("https://www.casa.example/shop", "Shop", "Buy.")));
        Assert.StartsWith("# casa.example\n", result.Text);
        var named = WriteChecked(Input("https://casa.example/", Page("https://casa.example/", "Casa Barro", "Ceramics.") with { HtmlTitle = "Home | Casa Barro" }));
        Assert.StartsWith("# Casa Barro\n", named.Text);
    }

    [Fact]
    public void NotesNeverJustRepeatTheTitleAndAreCutAtWords()
    {
        var longText = string.Join(' ', Enumerable.Repeat("lorem ipsum dolor", 60));
        var result = WriteChecked(Input("https://n.example/", Page("https://n.example/", "N", "Home page of N."),
            Page("https://n.example/a", "Install guide", "Install guide") with { Excerpt = "Run the installer and follow the prompts." },
            Page("https://n.example/b", "Setup", "Setup | N") with { Excerpt = "Setup" },
            Page("https://n.example/c", "Long", longText)) with { DescLength = 100 });
        Assert.Contains("- [Install guide](https://n.example/a): Run the installer and follow the prompts.\n", result.Text);
        Assert.Contains("- [Setup](https://n.example/b)\n", result.Text);
        var note = result.Text.Split('\n').Single(l => l.StartsWith("- [Long]", StringComparison.Ordinal)).Split("): ")[1];
        Assert.True(note.Length <= 100);
        Assert.EndsWith("…", note);
        Assert.DoesNotContain("lorem ipsu…", note);
    }

    [Fact]
    public void HeaderHasOneLineSummaryAndAParagraphBeforeSections()
    {
        var result = WriteChecked(AcmeDocs());
        var lines = result.Text.Split('\n');
        Assert.StartsWith("> ", lines[2]);
        Assert.True(lines[2].Length <= 202);
        Assert.Equal("", lines[3]);
        Assert.Contains("This file lists 7 pages of Acme Docs", lines[4]);
        Assert.Empty(LlmsTxtValidator.Validate(result.Text));
    }

    [Fact]
    public void NoPagesStillGiveAValidFile()
    {
        var result = WriteChecked(Input("https://empty.example/"));
        Assert.StartsWith("# empty.example\n\n> ", result.Text);
        Assert.Equal(0, result.ListedPages);
    }

    [Fact]
    public void OutOfRangeDescLengthIsRejectedWithTheAllowedRange()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => LlmsTxtWriter.Write(Input("https://x.example/") with { DescLength = 50 }));
        Assert.Contains("between 100 and 2000", error.Message);
    }

    [Fact]
    public void ASiteWideDefaultDescriptionGivesWayToEachPagesExcerpt()
    {
        const string Default = "Acme builds tools for teams.";
        var result = WriteChecked(Input("https://d.example/", Page("https://d.example/", "Acme", Default),
            Page("https://d.example/a", "A", Default) with { Excerpt = "Page A explains alpha." },
            Page("https://d.example/b", "B", Default) with { Excerpt = "Page B explains beta." },
            Page("https://d.example/c", "C", "Its own description.") with { Excerpt = "Page C explains gamma." }));
        Assert.Contains("- [A](https://d.example/a): Page A explains alpha.\n", result.Text);
        Assert.Contains("- [B](https://d.example/b): Page B explains beta.\n", result.Text);
        Assert.Contains("- [C](https://d.example/c): Its own description.\n", result.Text);
        Assert.Contains("- [Acme](https://d.example/): Acme builds tools for teams.\n", result.Text);
    }

    [Fact]
    public void PagesTitledOnlyWithTheSiteNameGetTheirSlug()
    {
        var result = WriteChecked(Input("https://acme.example/", Page("https://acme.example/", "Acme", "Home of Acme.") with { SiteName = "Acme" },
            Page("https://acme.example/pricing-plans", "Acme", "What it costs.")));
        Assert.Contains("- [Pricing Plans](https://acme.example/pricing-plans): What it costs.", result.Text);
    }

    [Fact]
    public void PagesWithNullMembersNeverThrow()
    {
        var broken = new Page
        {
            Url = new Uri("https://z.example/a"), Title = null!, Description = null!, Excerpt = null!, Markdown = null!,
            Links = null!, Alternates = [null!, new HreflangAlternate(null!, new Uri("https://z.example/b"))],
        };
        var start = Page("https://z.example/", "Z", "Home.") with { Links = [null!, new PageLink(new Uri("https://z.example/a"), null!, true, null)] };
        var input = Input("https://z.example/", start, broken, null!);
        var result = WriteChecked(input);
        Assert.Equal(2, result.ListedPages);
        Sites.AssertValid(LlmsFullWriter.Write(input).Text, fullText: true);
    }

    [Fact]
    public void ASiteInOneFolderIsGroupedByItsSidebar()
    {
        var links = new List<PageLink>();
        var pages = new List<Page> { Page("https://r.example/", "Rocket") };
        foreach (var (group, slugs) in new[] { ("Basics", new[] { "intro", "install", "config" }), ("Deploy", new[] { "docker", "fly", "k8s" }) })
        {
            foreach (var slug in slugs)
            {
                links.Add(new PageLink(new Uri($"https://r.example/docs/{slug}"), slug, true, group));
                pages.Add(Page($"https://r.example/docs/{slug}", slug, $"About {slug}."));
            }
        }
        pages[0] = pages[0] with { Links = links };
        var result = WriteChecked(Input("https://r.example/", [.. pages]));
        Assert.Equal(["Basics", "Deploy"], Headings(result.Text));
        Assert.Equal(["Rocket", "intro", "install", "config", "docker", "fly", "k8s"], LinkTitles(result.Text));
    }
}
