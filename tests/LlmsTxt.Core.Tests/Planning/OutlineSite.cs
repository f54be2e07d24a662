using LlmsTxt.Core.Extraction;
using LlmsTxt.Core.Writing;

namespace LlmsTxt.Core.Tests.Planning;

/// <summary>Small generated sites for outline tests: HTML pages extracted by the real extractor.</summary>
internal sealed class OutlineSite(string baseUrl)
{
    private readonly PageExtractor _extractor = new();
    private readonly List<Page> _pages = [];

    public string Base { get; } = baseUrl;

    public OutlineSite Add(string path, string title, string body, string head = "", string lang = "en")
    {
        var html = $"<!DOCTYPE html><html lang=\"{lang}\"><head><title>{title}</title>{head}</head><body>{body}</body></html>";
        _pages.Add(_extractor.Extract(html, new Uri(new Uri(Base), path)));
        return this;
    }

    /// <summary>A content page: a heading and one paragraph of its own.</summary>
    public OutlineSite Content(string path, string title, string head = "", string lang = "en") =>
        Add(path, title, $"<main><h1>{title}</h1><p>This page explains {title.ToLowerInvariant()} in enough words to be a real description.</p></main>", head, lang);

    public IReadOnlyList<Page> Pages => _pages;

    public LlmsTxtInput Input(IEnumerable<Page>? pages = null, int? maxPages = null) => new()
    {
        StartUrl = new Uri(Base),
        Pages = (pages ?? _pages).ToList(),
        MaxPages = maxPages,
    };

    public static string Toc(params string[] items) => "<ul>" + string.Concat(items) + "</ul>";

    public static string Item(string href, string text, string? children = null) => $"<li><a href=\"{href}\">{text}</a>{children}</li>";

    public static List<string> Headings(string text) =>
        text.Split('\n').Where(l => l.StartsWith("## ", StringComparison.Ordinal)).Select(l => l[3..]).ToList();

    public static List<string> Links(string text) =>
        text.Split('\n').Where(l => l.StartsWith("- [", StringComparison.Ordinal))
            .Select(l => l[(l.IndexOf("](", StringComparison.Ordinal) + 2)..l.IndexOf(')', l.IndexOf("](", StringComparison.Ordinal))]).ToList();

    public static List<string> SectionLinks(string text, string section)
    {
        var start = text.IndexOf("\n## " + section + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, "no section " + section + " in\n" + text);
        var end = text.IndexOf("\n## ", start + 4, StringComparison.Ordinal);
        return Links(end < 0 ? text[start..] : text[start..end]);
    }
}
