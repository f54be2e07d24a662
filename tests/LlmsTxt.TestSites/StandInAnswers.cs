using System.Text.Json;
using System.Text.Json.Nodes;

namespace LlmsTxt.TestSites;

/// <summary>One page of a description request, as the prompt gives it.</summary>
public sealed record StandInPage(string Url, string Title, string Section, string Current, string? Text);

/// <summary>
/// What a well-behaved model answers: reads the request's data (the JSON after the prompt's marker line) and
/// answers JSON when <c>response_format</c> was sent, else the line format.
/// </summary>
public static class StandInAnswers
{
    public const string PagesMarker = "Pages (JSON):\n";
    public const string SiteMarker = "Site (JSON):\n";
    public const string Summary = "Improved summary from the stand-in provider.";
    public const string About = "Improved about paragraph from the stand-in provider: what the site covers and where to start reading.";

    public static string Describe(StandInPage page) => $"Stand-in description of {page.Title} for readers who need exactly this page.";

    public static string Improve(ChatCall call, Func<StandInPage, string>? describe = null)
    {
        var json = call.ResponseFormat is not null;
        if (call.IsHeaderRequest)
        {
            return json
                ? JsonSerializer.Serialize(new { title = (string?)JsonNode.Parse(call.UserPrompt[SiteMarker.Length..])!["current"]!["title"], summary = Summary, about = About })
                : $"SUMMARY: {Summary}\nABOUT: {About}\n";
        }
        var pages = Pages(call);
        describe ??= Describe;
        return json
            ? JsonSerializer.Serialize(new { descriptions = pages.ToDictionary(p => p.Url, describe) })
            : string.Concat(pages.Select(p => $"{p.Url} | {describe(p)}\n"));
    }

    public static IReadOnlyList<StandInPage> Pages(ChatCall call)
    {
        var at = call.UserPrompt.IndexOf(PagesMarker, StringComparison.Ordinal);
        if (at < 0) return [];
        return JsonSerializer.Deserialize<List<StandInPage>>(call.UserPrompt[(at + PagesMarker.Length)..], new JsonSerializerOptions(JsonSerializerDefaults.Web)) ?? [];
    }
}
