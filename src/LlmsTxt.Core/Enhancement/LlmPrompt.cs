using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace LlmsTxt.Core.Enhancement;

/// <summary>One request's messages, in both answer formats (the body size is checked for the larger), and its answer budget.</summary>
internal sealed record ChatPrompt(string SystemJson, string SystemLines, string User, int MaxTokens);

/// <summary>
/// What the model is told. The page data goes in as JSON (unambiguous for the model and for tests); the answer
/// is JSON or, for servers without <c>response_format</c>, one line per item. The rules mirror <see cref="AnswerRules"/>.
/// </summary>
internal static class LlmPrompt
{
    /// <summary>Marks the data in the user message: everything after it is one JSON value.</summary>
    public const string PagesMarker = "Pages (JSON):\n";
    public const string SiteMarker = "Site (JSON):\n";

    /// <summary>A rough, deliberately generous token count for text: 3 characters a token (English averages about 4).</summary>
    public static int Tokens(int chars) => (chars + 2) / 3;

    private static readonly JsonSerializerOptions DataJson = new()
    {
        // Non-ASCII stays as is: \u escapes would triple the size of every non-English prompt.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault,
        TypeInfoResolver = PromptJsonContext.Default,
    };

    /// <summary>The generated contract for <typeparamref name="T"/> with <see cref="DataJson"/>'s settings (no reflection: the server is a Native AOT image).</summary>
    private static JsonTypeInfo<T> Data<T>() => (JsonTypeInfo<T>)DataJson.GetTypeInfo(typeof(T));

    private const string DescriptionRules = """
        You write the link notes of an llms.txt file (llmstxt.org): for each page, one description that tells a language model what the page contains and when to read it.
        Rules:
        - One or two plain sentences per page, at most {0} characters, in the same language as the page.
        - Use the page's own text ("text") and current note ("current"); say what is specific to this page. Do not invent facts.
        - Do not repeat the title alone, do not start with "This page", no Markdown, no links, no URLs, no line breaks.
        - Give a description for every page, and only for the pages given, keyed by the URL exactly as written.
        """;

    private const string HeaderRules = """
        You write the header of an llms.txt file (llmstxt.org), the Markdown index that tells language models what a website offers.
        Rules:
        - "title": the site's name, at most 80 characters (keep the current one unless it is clearly wrong).
        - "summary": one sentence saying what the site is, at most 200 characters.
        - "about": one paragraph (2 to 5 sentences, at most 900 characters): what the site covers, who it is for, where to start among its sections.
        - Use the start page's text and the section list; same language as the site; no Markdown headings, lists, links or URLs. Do not invent facts.
        """;

    public static ChatPrompt Descriptions(string siteName, IReadOnlyList<PromptPage> pages, int maxChars)
    {
        var rules = string.Format(CultureInfo.InvariantCulture, DescriptionRules, maxChars);
        var json = rules + """
            Answer with one JSON object and nothing else: {"descriptions": {"<url>": "<description>", ...}}.
            """;
        var lines = rules + """
            Answer with one line per page and nothing else: the URL exactly as written, then " | ", then the description.
            """;
        var user = $"Site: {siteName}\n{PagesMarker}{JsonSerializer.Serialize(pages, Data<IReadOnlyList<PromptPage>>())}";
        // Expected answer: each URL and a description of at most maxChars, plus JSON punctuation; 20 % slack.
        var expected = pages.Sum(p => p.Url.Length + maxChars + 12) + 40;
        return new ChatPrompt(json, lines, user, Tokens(expected) * 6 / 5 + 64);
    }

    public static ChatPrompt Header(PromptSite site)
    {
        var json = HeaderRules + """
            Answer with one JSON object and nothing else: {"title": "...", "summary": "...", "about": "..."}.
            """;
        var lines = HeaderRules + """
            Answer with exactly three lines and nothing else: "TITLE: ...", "SUMMARY: ...", "ABOUT: ...".
            """;
        var user = SiteMarker + JsonSerializer.Serialize(site, Data<PromptSite>());
        return new ChatPrompt(json, lines, user, Tokens(80 + 200 + 900 + 60) * 6 / 5 + 64);
    }

    /// <summary>Bytes a string adds to the prompt once it is JSON in the page list and that list is a JSON string in the body.</summary>
    public static int EncodedBytes(PromptPage page) =>
        JsonSerializer.SerializeToUtf8Bytes(JsonSerializer.Serialize(page, Data<PromptPage>()), PromptJsonContext.Default.String).Length;
}

/// <summary>One page as the model sees it.</summary>
internal sealed record PromptPage(
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("section")] string Section,
    [property: JsonPropertyName("current")] string Current,
    [property: JsonPropertyName("text")] string? Text);

internal sealed record PromptSection(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("pages")] int Pages,
    [property: JsonPropertyName("examples")] IReadOnlyList<string> Examples);

internal sealed record PromptHeader(
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("summary")] string Summary,
    [property: JsonPropertyName("about")] string About);

/// <summary>The site as the model sees it for the header.</summary>
internal sealed record PromptSite(
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("current")] PromptHeader Current,
    [property: JsonPropertyName("sections")] IReadOnlyList<PromptSection> Sections,
    [property: JsonPropertyName("startPageText")] string StartPageText);

[JsonSerializable(typeof(PromptPage))]
[JsonSerializable(typeof(List<PromptPage>))]
[JsonSerializable(typeof(IReadOnlyList<PromptPage>))]
[JsonSerializable(typeof(PromptSite))]
[JsonSerializable(typeof(string))]
internal sealed partial class PromptJsonContext : JsonSerializerContext;
