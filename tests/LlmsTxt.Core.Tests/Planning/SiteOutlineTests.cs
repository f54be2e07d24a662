using LlmsTxt.Core.Writing;
using static LlmsTxt.Core.Tests.Planning.OutlineSite;

namespace LlmsTxt.Core.Tests.Planning;

public sealed class SiteOutlineTests
{
    private const string Base = "https://manual.example/";

    /// <summary>Flat URLs (every page at the root) with a nested table of contents of parts and chapters.</summary>
    private static OutlineSite FlatManual()
    {
        var toc = Toc(
            Item("preface.html", "Preface", Toc(Item("conventions.html", "1. Conventions"), Item("bugs.html", "2. Reporting Bugs"))),
            Item("tutorial.html", "Part I. Tutorial", Toc(Item("start.html", "1. Getting Started"), Item("sql.html", "2. The SQL Language"))),
            Item("admin.html", "Part II. Server Administration", Toc(Item("install.html", "3. Installation"), Item("config.html", "4. Configuration"), Item("backup.html", "5. Backup"))),
            Item("internals.html", "Part III. Internals", Toc(Item("catalogs.html", "6. System Catalogs"), Item("protocol.html", "7. Protocol"))),
            Item("appendixes.html", "Part IV. Appendixes", Toc(Item("errcodes.html", "A. Error Codes"))));
        var site = new OutlineSite(Base).Add("index.html", "The Manual", $"<h1>The Manual</h1><p class=\"copyright\">Copyright © 2024 The Group</p><div class=\"toc\">{toc}</div>");
        foreach (var (path, title) in new[]
                 {
                     ("preface.html", "Preface"), ("conventions.html", "Conventions"), ("bugs.html", "Reporting Bugs"), ("tutorial.html", "Tutorial"),
                     ("start.html", "Getting Started"), ("sql.html", "The SQL Language"), ("admin.html", "Server Administration"), ("install.html", "Installation"),
                     ("config.html", "Configuration"), ("backup.html", "Backup"), ("internals.html", "Internals"), ("catalogs.html", "System Catalogs"),
                     ("protocol.html", "Protocol"), ("appendixes.html", "Appendixes"), ("errcodes.html", "Error Codes"),
                 })
        {
            site.Content(path, title);
        }
        return site;
    }

    [Fact]
    public void FlatUrlsWithANestedTocGetTheTocsPartsAsSectionsInItsOrder()
    {
        var site = FlatManual();
        var text = LlmsTxtWriter.Write(site.Input()).Text;

        Assert.Equal(["Preface", "Tutorial", "Server Administration", "Internals", "Optional"], Headings(text));
        Assert.Equal([Base + "tutorial.html", Base + "start.html", Base + "sql.html"], SectionLinks(text, "Tutorial"));
        // Back matter by its place in the outline, not by a word in a page title.
        Assert.Equal([Base + "appendixes.html", Base + "errcodes.html"], SectionLinks(text, "Optional"));
        // The summary is the site's own words (the first page of its outline), never the host or a copyright line.
        Assert.Contains("> This page explains preface", text, StringComparison.Ordinal);
        Assert.DoesNotContain("manual.example)", text.Split('\n')[2], StringComparison.Ordinal);
    }

    [Fact]
    public void ShuffledPagesGiveTheSameOutlineAndAByteIdenticalFile()
    {
        var site = FlatManual();
        var expected = LlmsTxtWriter.Write(site.Input()).Text;
        for (var seed = 1; seed <= 5; seed++)
        {
            var shuffled = site.Pages.OrderBy(_ => Random.Shared.Next()).ToList();
            Assert.Equal(expected, LlmsTxtWriter.Write(site.Input(shuffled)).Text);
        }
    }

    [Fact]
    public void TheTocWinsOverUrlFolders()
    {
        // Folders say /guide/ and /api/; the site's own TOC groups by task.
        var toc = Toc(
            Item("guide/install", "Setting up", Toc(Item("guide/install", "Install"), Item("api/config", "Config API"), Item("guide/first-run", "First run"))),
            Item("guide/deploy", "Running in production", Toc(Item("api/metrics", "Metrics API"), Item("guide/scaling", "Scaling"))));
        var site = new OutlineSite("https://tool.example/").Add("", "Tool", $"<nav>{toc}</nav><main><p>Tool does things for people who need them done.</p></main>");
        foreach (var path in new[] { "guide/install", "api/config", "guide/first-run", "guide/deploy", "api/metrics", "guide/scaling" })
        {
            site.Content(path, path.Split('/')[1]);
        }
        var text = LlmsTxtWriter.Write(site.Input()).Text;

        Assert.Equal(["Setting up", "Running in production"], Headings(text));
        Assert.Contains("https://tool.example/api/config", SectionLinks(text, "Setting up"));
        Assert.Contains("https://tool.example/api/metrics", SectionLinks(text, "Running in production"));
    }

    [Fact]
    public void AChapterPagesOwnTocPlacesItsSectionsUnderIt()
    {
        var home = Toc(Item("ch1.html", "1. Basics"), Item("ch2.html", "2. Advanced"), Item("ch3.html", "3. Internals"), Item("ch4.html", "4. Reference"));
        var site = new OutlineSite(Base).Add("index.html", "Book", $"<div class=\"toc\">{home}</div>");
        foreach (var chapter in new[] { 1, 2, 3, 4 })
        {
            var sections = Toc(Item($"s{chapter}-1.html", $"{chapter}.1. First of {chapter}"), Item($"s{chapter}-2.html", $"{chapter}.2. Second of {chapter}"));
            site.Add($"ch{chapter}.html", $"Chapter {chapter}", $"<div class=\"navheader\"><a href=\"index.html\">Prev</a> Chapter {chapter} <a href=\"x.html\">Next</a></div><h2>Chapter {chapter}</h2><div class=\"toc\"><p><strong>Table of Contents</strong></p>{sections}</div>");
            site.Content($"s{chapter}-1.html", $"First of {chapter}").Content($"s{chapter}-2.html", $"Second of {chapter}");
        }
        var text = LlmsTxtWriter.Write(site.Input()).Text;

        Assert.Equal(["Basics", "Advanced", "Internals", "Reference"], Headings(text));
        Assert.Equal([Base + "ch2.html", Base + "s2-1.html", Base + "s2-2.html"], SectionLinks(text, "Advanced"));
        // A hub page whose body is its table of contents is described by its entries, never by its navigation bar.
        Assert.Contains("(" + Base + "ch2.html): First of 2 and Second of 2.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Prev", text, StringComparison.Ordinal);
    }

    [Fact]
    public void PagesOnlyReachableByRelNextFollowTheirPreviousPage()
    {
        var toc = Toc(Item("a.html", "A"), Item("b.html", "B"), Item("c.html", "C"), Item("d.html", "D"));
        var site = new OutlineSite(Base).Add("index.html", "Site", $"<nav>{toc}</nav>")
            .Content("a.html", "A").Content("b.html", "B").Content("c.html", "C").Content("d.html", "D")
            .Content("b2.html", "B continued", head: "<link rel=\"prev\" href=\"b.html\">")
            .Content("b3.html", "B continued again", head: "<link rel=\"prev\" href=\"b2.html\">");
        var links = Links(LlmsTxtWriter.Write(site.Input()).Text);

        var b = links.IndexOf(Base + "b.html");
        Assert.Equal([Base + "b2.html", Base + "b3.html", Base + "c.html"], links.Skip(b + 1).Take(3));
    }

    [Fact]
    public void BreadcrumbsInJsonLdPlaceAPageNoTocLists()
    {
        var crumbs = """
            <script type="application/ld+json">{"@context":"https://schema.org","@type":"BreadcrumbList","itemListElement":[
            {"@type":"ListItem","position":2,"name":"Guides","item":"https://manual.example/guides.html"},
            {"@type":"ListItem","position":1,"name":"Home","item":"https://manual.example/"}]}</script>
            """;
        var toc = Toc(Item("guides.html", "Guides"), Item("api.html", "API"), Item("faq.html", "FAQ"), Item("blog.html", "Blog"));
        var site = new OutlineSite(Base).Add("index.html", "Site", $"<nav>{toc}</nav>")
            .Content("guides.html", "Guides").Content("api.html", "API").Content("faq.html", "FAQ").Content("blog.html", "Blog")
            .Content("deep/hidden-guide.html", "Hidden guide", head: crumbs)
            .Content("guide-two.html", "Guide two", head: "<link rel=\"up\" href=\"guides.html\">");
        var result = SectionPlanner.Plan(site.Input());

        var hidden = result.Explanations.Single(e => e.Url.AbsolutePath == "/deep/hidden-guide.html");
        Assert.Contains("breadcrumb", hidden.Placement, StringComparison.Ordinal);
        Assert.Contains("Guides › Hidden guide", hidden.Placement, StringComparison.Ordinal);
        Assert.Contains("rel=up", result.Explanations.Single(e => e.Url.AbsolutePath == "/guide-two.html").Placement, StringComparison.Ordinal);
    }

    [Fact]
    public void UtilityPagesAreRecognisedByWhatTheyAreAndLeftOut()
    {
        var letters = string.Concat("ABCDEFGHIJKLMNOPQRSTUVWXYZ".Select(c => $"<a href=\"#{c}\">{c}</a> | "));
        var toc = Toc(Item("guide.html", "Guide"), Item("everything.html", "Everything"), Item("find.html", "Find"), Item("listing.html", "Listing"),
            Item("lookup.html", "Lookup"));
        var site = new OutlineSite(Base).Add("index.html", "Site", $"<nav>{toc}</nav>", head: "<link rel=\"search\" href=\"find.html\">")
            .Content("guide.html", "Guide")
            .Add("everything.html", "Everything", $"<main><h1>Everything</h1><p>{letters}</p><p>Terms of the manual, indexed by letter for the reader.</p></main>")
            .Content("find.html", "Find")
            .Add("listing.html", "Listing", "<main><h1>Listing</h1><pre>" + string.Concat(Enumerable.Repeat("def f(x):\n    return x * 2\n", 30)) + "</pre></main>")
            // A search page no rel=search points to: its main content is a search form and a line about it.
            .Add("lookup.html", "Lookup", "<main><h1>Search</h1><p>Searching for several words finds pages with all of them.</p>"
                + "<form action=\"\" method=\"get\"><input type=\"text\" name=\"q\"><input type=\"submit\" value=\"search\"></form></main>");
        var plan = SectionPlanner.Plan(site.Input());
        var text = LlmsTxtWriter.Write(plan).Text;

        foreach (var page in new[] { "everything.html", "find.html", "listing.html", "lookup.html" })
        {
            Assert.DoesNotContain(Base + page, text, StringComparison.Ordinal);
            Assert.StartsWith("a utility page", plan.Explanations.Single(e => e.Url.AbsoluteUri == Base + page).LeftOut);
        }
        Assert.Contains(Base + "guide.html", text, StringComparison.Ordinal);
    }

    [Fact]
    public void PrintVersionsAndSoftNotFoundPagesAreLeftOutButAPageAbout404IsKept()
    {
        var longText = string.Concat(Enumerable.Repeat("<p>A server answers 404 when it has no resource at the requested path; clients should not retry the request unchanged.</p>", 8));
        var toc = Toc(Item("article.html", "Article"), Item("article-print.html", "Article (print)"), Item("gone.html", "Gone"),
            Item("oops.html", "Oops"), Item("status-404.html", "404 Not Found"));
        var site = new OutlineSite(Base).Add("index.html", "Site", $"<nav>{toc}</nav>")
            .Content("article.html", "Article", head: "<link rel=\"alternate\" media=\"print\" href=\"article-print.html\">")
            .Content("article-print.html", "Article")
            // Soft 404s: an error title or heading over a sentence, served with status 200.
            .Add("gone.html", "Page not found | Site", "<main><h1>Sorry</h1><p>The page you asked for has moved or never existed. Try the search.</p></main>")
            .Add("oops.html", "Site", "<main><h1>Oops! That page can’t be found.</h1><p>It looks like nothing was found at this location.</p></main>")
            // A reference page about the status code is a page to read, whatever its title says.
            .Add("status-404.html", "404 Not Found", $"<main><h1>404 Not Found</h1>{longText}</main>");
        var plan = SectionPlanner.Plan(site.Input());
        var text = LlmsTxtWriter.Write(plan).Text;

        foreach (var page in new[] { "article-print.html", "gone.html", "oops.html" })
        {
            Assert.DoesNotContain(Base + page, text, StringComparison.Ordinal);
        }
        Assert.Contains("print version", plan.Explanations.Single(e => e.Url.AbsoluteUri == Base + "article-print.html").LeftOut);
        Assert.Contains("soft 404", plan.Explanations.Single(e => e.Url.AbsoluteUri == Base + "gone.html").LeftOut);
        Assert.Contains("soft 404", plan.Explanations.Single(e => e.Url.AbsoluteUri == Base + "oops.html").LeftOut);
        Assert.Contains(Base + "article.html", text, StringComparison.Ordinal);
        Assert.Contains(Base + "status-404.html", text, StringComparison.Ordinal);
    }

    [Fact]
    public void TheLetterPagesOfAnAlphabeticalIndexAreLeftOutWhenTheyAreMostlyLinks()
    {
        var letters = "ABCDEFGHIJKL";
        var bar = "<p><a href=\"index-symbols.html\">Symbols</a> " + string.Concat(letters.Select(c => $"<a href=\"index-{char.ToLowerInvariant(c)}.html\">{c}</a> ")) + "</p>";
        var toc = Toc(Item("guide.html", "Guide"), Item("everything.html", "Everything"));
        var site = new OutlineSite(Base).Add("index.html", "Site", $"<nav>{toc}</nav>")
            .Content("guide.html", "Guide")
            .Add("everything.html", "Index", $"<main><h1>Index</h1>{bar}</main>");
        string Entries(char c) => "<ul>" + string.Concat(Enumerable.Range(0, 6).Select(i => $"<li><a href=\"guide.html#{c}{i}\">{c}term{i} (in guide)</a></li>")) + "</ul>";
        foreach (var part in letters[..^1].Select(c => char.ToLowerInvariant(c).ToString()).Append("symbols"))
        {
            site.Add($"index-{part}.html", "Index", $"<main><h1>Index – {part}</h1>{Entries(part[0])}</main>");
        }
        // A glossary letter page of definitions is prose, not an index: it stays.
        site.Add("index-l.html", "Glossary L", $"<main><h1>L</h1><p>Latency is the time a request waits before the server starts answering it, measured at the client.</p><p>A lock keeps two writers from changing one row at once.</p></main>");
        var plan = SectionPlanner.Plan(site.Input());
        var text = LlmsTxtWriter.Write(plan).Text;

        foreach (var page in new[] { "index-a.html", "index-b.html", "index-k.html", "index-symbols.html" })
        {
            Assert.DoesNotContain(Base + page + ")", text, StringComparison.Ordinal);
            Assert.Contains("letter page of the alphabetical index", plan.Explanations.Single(e => e.Url.AbsoluteUri == Base + page).LeftOut);
        }
        Assert.Contains(Base + "index-l.html", text, StringComparison.Ordinal);
        Assert.Contains(Base + "guide.html", text, StringComparison.Ordinal);
    }

    /// <summary>A manual whose Library part (first) holds four chapters of four pages each: most of the site.</summary>
    private static OutlineSite ManualWithABigLibrary()
    {
        var chapters = new[] { "text", "data", "net", "os" }
            .Select(c => Item($"{c}.html", $"{c} services", Toc(Enumerable.Range(1, 4).Select(i => Item($"{c}-{i}.html", $"{c} module {i}")).ToArray())))
            .ToArray();
        var lessons = Toc(Enumerable.Range(1, 6).Select(i => Item($"start-{i}.html", $"Lesson {i}")).ToArray());
        var toc = Toc(Item("library.html", "Library", Toc(chapters)),
            Item("tutorial.html", "Tutorial", Toc(Item("start.html", "Start", lessons), Item("next.html", "Next steps"))),
            Item("faq.html", "FAQ", Toc(Item("faq-general.html", "General"), Item("faq-design.html", "Design"))));
        var site = new OutlineSite(Base).Add("index.html", "Manual", $"<main><h1>Manual</h1><div class=\"toc\">{toc}</div></main>");
        foreach (var path in new[] { "tutorial", "start", "next", "library", "faq", "faq-general", "faq-design" }
                     .Concat(Enumerable.Range(1, 6).Select(i => $"start-{i}"))
                     .Concat(new[] { "text", "data", "net", "os" }.SelectMany(c => Enumerable.Range(1, 4).Select(i => $"{c}-{i}").Prepend(c))))
        {
            site.Content(path + ".html", path);
        }
        return site;
    }

    [Fact]
    public void AGroupHoldingMostLinksIsCutIntoAsFewRunsAsKeepEachUnderHalf()
    {
        var text = LlmsTxtWriter.Write(ManualWithABigLibrary().Input()).Text;

        // 34 links, the Library 21 of them: two runs of its chapters in order, not four "Library: …" sections.
        Assert.Equal(["Library", "Library: os services", "Tutorial", "FAQ"], Headings(text));
        var first = SectionLinks(text, "Library");
        var second = SectionLinks(text, "Library: os services");
        Assert.All(new[] { first, second }, run => Assert.True(run.Count * 2 <= Links(text).Count));
        Assert.Equal(Base + "library.html", first[1]); // after the start page, which heads the first section
        Assert.Equal(Base + "net-4.html", first[^1]);
        Assert.Equal([Base + "os.html", Base + "os-1.html", Base + "os-2.html", Base + "os-3.html", Base + "os-4.html"], second);
    }

    [Fact]
    public void NoTopLevelGroupTakesMostOfTheBudgetWhileOtherGroupsHavePages()
    {
        var text = LlmsTxtWriter.Write(ManualWithABigLibrary().Input(maxPages: 20)).Text;

        // Breadth first (then in outline order) the Library's modules would take 13 of 20; it gets half, the lessons the rest.
        Assert.Equal(20, Links(text).Count);
        var library = new[] { "text", "data", "net", "os" }.SelectMany(c => Enumerable.Range(1, 4).Select(i => $"{Base}{c}-{i}.html").Prepend($"{Base}{c}.html"))
            .Append(Base + "library.html").ToHashSet();
        Assert.Equal(10, Links(text).Count(library.Contains));
        Assert.Contains(Base + "start-3.html", Links(text));
    }

    [Fact]
    public void TheBudgetPicksPagesInOutlineOrderSoEveryTopGroupIsRepresented()
    {
        var site = FlatManual();
        var text = LlmsTxtWriter.Write(site.Input(maxPages: 6)).Text;
        var links = Links(text);

        Assert.Equal(6, links.Count);
        // The start page and the top-level parts first, before any chapter.
        Assert.Contains(Base + "tutorial.html", links);
        Assert.Contains(Base + "internals.html", links);
        Assert.DoesNotContain(Base + "catalogs.html", links);
    }

    [Fact]
    public void ExplainGivesEveryPageItsSectionRuleAndDescriptionSource()
    {
        var site = FlatManual();
        var plan = SectionPlanner.Plan(site.Input(maxPages: 10));

        Assert.Equal(site.Pages.Count, plan.Explanations.Count);
        var start = plan.Explanations.Single(e => e.Url.AbsoluteUri == Base + "start.html");
        Assert.Equal("Tutorial", start.Section);
        Assert.Contains("Tutorial › Getting Started", start.Placement, StringComparison.Ordinal);
        Assert.Contains("placed by the start page's navigation", start.Placement, StringComparison.Ordinal);
        Assert.Contains("paragraph", start.DescriptionSource, StringComparison.Ordinal);
        Assert.All(plan.Explanations.Where(e => e.LeftOut is not null), e => Assert.Contains("page budget of 10", e.LeftOut, StringComparison.Ordinal));
        Assert.Equal(6, plan.Explanations.Count(e => e.LeftOut is not null));
    }
}
