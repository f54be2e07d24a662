using LlmsTxt.Core.Generation;
using LlmsTxt.TestSites;
using static LlmsTxt.Core.Tests.Planning.OutlineSite;

namespace LlmsTxt.Core.Tests.Planning;

/// <summary>Asking for N pages lists N pages whenever the site has them, whatever the crawl has to drop.</summary>
public sealed class PageBudgetTests
{
    /// <summary>
    /// 40 English pages; each has French and German versions (hreflang and lang), linked first on every page so
    /// a breadth-first crawl meets them before the English ones; plus an alphabetical index and a search page.
    /// </summary>
    private static Task<TestWebServer> StartMultilingualSiteAsync() => TestWebServer.StartAsync(app =>
    {
        var pages = new Dictionary<string, string>();
        string Alternates(int i) => string.Concat(new[] { "en", "fr", "de" }.Select(l => $"<link rel=\"alternate\" hreflang=\"{l}\" href=\"{PathOf(l, i)}\">"));
        var toc = Toc([.. Enumerable.Range(1, 40).Select(i => Item(PathOf("en", i), $"Topic {i}"))]);
        foreach (var language in new[] { "en", "fr", "de" })
        {
            var switcher = $"<nav class=\"languages\"><a href=\"{PathOf("fr", 0)}\">fr</a> <a href=\"{PathOf("de", 0)}\">de</a></nav>";
            for (var i = 0; i <= 40; i++)
            {
                var links = string.Concat(new[] { "fr", "de" }.Select(l => $"<a href=\"{PathOf(l, i)}\">{l}</a> "));
                var body = i == 0
                    ? $"{switcher}<div class=\"toc\">{toc}</div><main><p>The manual of a tool, in three languages, for people who use it.</p><p><a href=\"/genindex\">Index</a></p></main>"
                    : $"<p>{links}</p><main><h1>Topic {i}</h1><p>Topic {i} is explained here in a paragraph long enough to describe it.</p></main>";
                pages[PathOf(language, i)] = $"<!DOCTYPE html><html lang=\"{language}\"><head><title>Topic {i}</title>{Alternates(i)}<link rel=\"search\" href=\"/search\"></head><body>{body}</body></html>";
            }
        }
        var letters = string.Concat("ABCDEFGHIJKLMNOPQRSTUVWXYZ".Select(c => $"<a href=\"#{c}\">{c}</a> "));
        pages["/genindex"] = $"<!DOCTYPE html><html lang=\"en\"><head><title>Index</title></head><body><main><p>{letters}</p></main></body></html>";
        pages["/search"] = "<!DOCTYPE html><html lang=\"en\"><head><title>Search</title></head><body><main><p>Search the manual.</p></main></body></html>";
        app.MapPages(pages);
    });

    private static string PathOf(string language, int index) =>
        (language == "en" ? "/" : $"/{language}/") + (index == 0 ? "" : $"topic-{index}.html");

    [Theory]
    [InlineData(10)]
    [InlineData(25)]
    public async Task AMultilingualSiteListsMaxPagesPagesOfTheStartLanguage(int maxPages)
    {
        await using var site = await StartMultilingualSiteAsync();
        using var generator = new LlmsTxtGenerator();

        var result = await generator.GenerateAsync(new GenerationRequest { Url = site.BaseUri, MaxPages = maxPages, AllowPrivateNetworks = true });

        var links = Links(result.LlmsTxt);
        Assert.True(maxPages == links.Count, result.LlmsTxt);
        Assert.DoesNotContain(links, l => l.Contains("/fr/", StringComparison.Ordinal) || l.Contains("/de/", StringComparison.Ordinal));
        Assert.DoesNotContain(links, l => l.EndsWith("/genindex", StringComparison.Ordinal) || l.EndsWith("/search", StringComparison.Ordinal));
        // Outline order: the topics come as the start page's table of contents lists them.
        Assert.Equal(site.Url(PathOf("en", 1)).AbsoluteUri, links[1]);
        Assert.Equal(site.Url(PathOf("en", maxPages - 1)).AbsoluteUri, links[^1]);
    }

    [Fact]
    public async Task AskingForNPagesListsNNotNMinusOne()
    {
        await using var site = await StartMultilingualSiteAsync();
        using var generator = new LlmsTxtGenerator();

        var result = await generator.GenerateAsync(new GenerationRequest { Url = site.BaseUri, MaxPages = 41, AllowPrivateNetworks = true });

        // 41 English pages exist (start + 40 topics); the index, search page and other languages are not among them.
        Assert.Equal(41, result.Stats.PagesListed);
        Assert.Equal(41, Links(result.LlmsTxt).Count);
        Assert.Contains(result.Explanations!, e => e.Url.AbsolutePath == "/genindex" && e.LeftOut!.StartsWith("a utility page", StringComparison.Ordinal));
    }

    [Fact]
    public async Task IndexAndSearchPagesAreNeverInlinedInLlmsFullUnderASmallCap()
    {
        await using var site = await StartMultilingualSiteAsync();
        using var generator = new LlmsTxtGenerator();

        var result = await generator.GenerateAsync(new GenerationRequest
        {
            Url = site.BaseUri, MaxPages = 41, AllowPrivateNetworks = true, Full = true, FullMaxChars = 6_000,
        });

        var full = result.LlmsFullTxt!;
        Assert.True(full.Length <= 6_000);
        Assert.True(result.Full!.InlinedPages > 10, full);
        Assert.Contains("Source: " + site.Url(PathOf("en", 1)).AbsoluteUri, full);
        // The start page's text links to the index; neither it nor the search page is a page of the file.
        Assert.DoesNotContain("Source: " + site.Url("/genindex").AbsoluteUri, full);
        Assert.DoesNotContain("Source: " + site.Url("/search").AbsoluteUri, full);
        Assert.DoesNotContain("[Index](" + site.Url("/genindex").AbsoluteUri + ")\n", full[full.LastIndexOf("\n## ", StringComparison.Ordinal)..]);
    }
}
