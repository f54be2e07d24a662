using System.Text.Json;
using System.Text.RegularExpressions;

namespace LlmsTxt.Core.Enhancement;

/// <summary>Descriptions read from an answer, by URL as the model wrote it; null <see cref="Failure"/> when readable.</summary>
internal sealed record ParsedDescriptions(IReadOnlyDictionary<string, string> ByUrl, string? Failure);

/// <summary>Header fields read from an answer.</summary>
internal sealed record ParsedHeader(string? Title, string? Summary, string? About, string? Failure);

/// <summary>
/// Reads a model's answer in either format, whichever was asked for: servers that ignore <c>response_format</c> answer
/// in lines, and models asked for lines sometimes answer JSON. Code fences and chatter around the JSON are tolerated;
/// anything else is a failure with a reason.
/// </summary>
internal static partial class AnswerParser
{
    // "- https://x/y | text", "1. https://x/y: text", "https://x/y<TAB>text"
    [GeneratedRegex(@"^\s*(?:[-*•]\s+|\d+[.)]\s+)?<?(?<url>https?://[^\s|<>]+?)>?\s*(?:\||\t|:\s|—|–|\s-\s)\s*(?<text>\S.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex UrlLine();

    [GeneratedRegex(@"^\s*\**(?<key>TITLE|SUMMARY|ABOUT)\**\s*:\s*(?<text>.*)$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex HeaderLine();

    public static ParsedDescriptions Descriptions(string answer)
    {
        if (JsonObject(answer) is { } root)
        {
            var found = new Dictionary<string, string>(StringComparer.Ordinal);
            var wrapped = root.TryGetProperty("descriptions", out var inner);
            var map = wrapped ? inner : root;
            if (map.ValueKind == JsonValueKind.Object)
            {
                // Without the "descriptions" wrapper only URL keys count: other keys are the model's own fields.
                foreach (var property in map.EnumerateObject())
                    if (property.Value.ValueKind == JsonValueKind.String && (wrapped || property.Name.TrimStart().StartsWith("http", StringComparison.OrdinalIgnoreCase)))
                        found[property.Name.Trim()] = property.Value.GetString()!;
            }
            else if (map.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in map.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object))
                    if (Text(item, "url") is { } url && Text(item, "description") is { } text) found[url.Trim()] = text;
            }
            return found.Count > 0 ? new(found, null) : new(found, "the answer's JSON held no descriptions");
        }
        var lines = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in Lines(answer))
        {
            var match = UrlLine().Match(line);
            if (match.Success) lines[match.Groups["url"].Value] = match.Groups["text"].Value;
        }
        return lines.Count > 0 ? new(lines, null) : new(lines, "the answer was neither JSON nor \"URL | description\" lines");
    }

    public static ParsedHeader Header(string answer)
    {
        if (JsonObject(answer) is { } root)
        {
            var header = new ParsedHeader(Text(root, "title"), Text(root, "summary"), Text(root, "about"), null);
            return header.Summary is null && header.About is null ? header with { Failure = "the answer's JSON held no summary or about text" } : header;
        }
        string? title = null, summary = null, about = null;
        foreach (var line in Lines(answer))
        {
            var match = HeaderLine().Match(line);
            if (!match.Success) continue;
            var text = match.Groups["text"].Value.Trim();
            switch (match.Groups["key"].Value.ToUpperInvariant())
            {
                case "TITLE": title = text; break;
                case "SUMMARY": summary = text; break;
                default: about = text; break;
            }
        }
        return summary is null && about is null
            ? new(null, null, null, "the answer was neither JSON nor TITLE/SUMMARY/ABOUT lines")
            : new(title, summary, about, null);
    }

    private static IEnumerable<string> Lines(string answer) =>
        answer.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Where(l => !l.TrimStart().StartsWith("```", StringComparison.Ordinal));

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>The first JSON object in the answer (inside a code fence or after a sentence of chatter), else null.</summary>
    private static JsonElement? JsonObject(string answer)
    {
        var start = answer.IndexOf('{', StringComparison.Ordinal);
        var end = answer.LastIndexOf('}');
        if (start < 0 || end <= start) return null;
        try
        {
            using var document = JsonDocument.Parse(answer.AsMemory(start, end - start + 1));
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
