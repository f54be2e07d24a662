using LlmsTxt.Core.Extraction;
using LlmsTxt.Core.Tests.Extraction;
using LlmsTxt.Core.Writing;

namespace LlmsTxt.Core.Tests.Writing;

/// <summary>Three small fixture sites: extracted fixture pages at the URLs they would have.</summary>
public static class Sites
{
    public static LlmsTxtInput AcmeDocs()
    {
        const string Base = "https://docs.acme.dev";
        (string File, string Path)[] pages =
        [
            ("docs-home.html", "/"), ("docs-installation.html", "/getting-started/installation"),
            ("docs-api-users.html", "/api/users"), ("docs-guide-auth.html", "/guides/authentication"),
            ("careers.html", "/careers"), ("privacy.html", "/legal/privacy"), ("noindex.html", "/search"),
            ("docusaurus-menu.html", "/guides/configuration"),
        ];
        return new LlmsTxtInput
        {
            StartUrl = new Uri(Base + "/"),
            Pages = pages.Select(p => Fixtures.Extract(p.File, Base + p.Path)).ToList(),
            SitemapOrder = [new Uri(Base + "/"), new Uri(Base + "/guides/configuration"), new Uri(Base + "/careers")],
            MarkdownTwins = new Dictionary<Uri, Uri> { [new Uri(Base + "/api/users")] = new Uri(Base + "/api/users.md") },
        };
    }

    public static LlmsTxtInput JaneBlog()
    {
        const string Base = "https://jane.example";
        (string File, string Path)[] pages =
        [
            ("blog-home.html", "/"), ("blog-post.html", "/posts/raft-in-practice/"),
            ("blog-post-rust.html", "/posts/rust-error-handling/"), ("blog-about.html", "/about/"),
        ];
        return new LlmsTxtInput
        {
            StartUrl = new Uri(Base),
            Pages = pages.Select(p => Fixtures.Extract(p.File, Base + p.Path)).ToList(),
            DescLength = 200,
        };
    }

    public static LlmsTxtInput FlatManual()
    {
        const string Base = "https://footool.example/manual/";
        var names = new[] { "index", "intro", "install", "config", "tuning", "plugins", "troubleshooting", "license", "changelog" };
        return new LlmsTxtInput
        {
            StartUrl = new Uri(Base),
            Pages = names.Select(n => Fixtures.Extract($"flat/{n}.html", Base + n + ".html")).ToList(),
        };
    }

    /// <summary>Writes llms.txt and fails the test when the validator finds any error in it.</summary>
    public static LlmsTxtResult WriteChecked(LlmsTxtInput input)
    {
        var result = LlmsTxtWriter.Write(input);
        AssertValid(result.Text);
        return result;
    }

    public static void AssertValid(string text, bool fullText = false)
    {
        var errors = LlmsTxtValidator.Validate(text, fullText).Where(f => f.Severity == FindingSeverity.Error).ToList();
        Assert.True(errors.Count == 0, "validator errors:\n" + string.Join('\n', errors) + "\n---\n" + text);
    }

    public static Page Page(string url, string title = "", string description = "", string? language = null) =>
        new() { Url = new Uri(url), Title = title, Description = description, Language = language };
}
