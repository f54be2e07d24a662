using System.Text.RegularExpressions;
using LlmsTxt.Core.Writing;

namespace LlmsTxt.Core.Enhancement;

/// <summary>The verdict on a model's answer: the cleaned text when accepted, else why it was refused.</summary>
public sealed record LlmCheckResult(bool Accepted, string? Text, string? Reason)
{
    public static LlmCheckResult Accept(string text) => new(true, text, null);

    public static LlmCheckResult Reject(string reason) => new(false, null, reason);
}

/// <summary>
/// Decides whether a model's rewrite of an llms.txt may replace the original. Models drop links, invent
/// pages and wrap answers in code fences; the rewrite is only a better wording of the same file, so the
/// set of URLs, the header shape and the link-line format must survive untouched.
/// </summary>
public static partial class LlmOutputCheck
{
    // Bare or linked http(s) URLs; trailing sentence punctuation is not part of a URL in prose.
    [GeneratedRegex(@"https?://[^\s()<>\[\]""'`]+", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex UrlPattern();

    [GeneratedRegex(@"^\s*(?<fence>`{3,}|~{3,})[^\n]*\n(?<body>.*)\n\s*\k<fence>\s*$", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex Fenced();

    public static LlmCheckResult Check(string original, string answer)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(answer);
        var text = Clean(answer);
        if (text.Trim().Length == 0) return LlmCheckResult.Reject("the answer was empty");

        var before = Urls(original);
        var after = Urls(text);
        var dropped = before.Except(after).Count();
        var added = after.Except(before).Count();
        if (dropped > 0 || added > 0)
        {
            var parts = new List<string>();
            if (dropped > 0) parts.Add($"dropped {Count(dropped, "URL")}");
            if (added > 0) parts.Add($"added {Count(added, "URL")}");
            return LlmCheckResult.Reject("the model " + string.Join(" and ", parts));
        }

        var shape = Shape(text);
        if (shape.H1s != 1) return LlmCheckResult.Reject($"the answer had {Count(shape.H1s, "H1")}");
        if (shape.Quotes != 1) return LlmCheckResult.Reject($"the answer had {Count(shape.Quotes, "blockquote")}");
        if (shape.StrayLine > 0) return LlmCheckResult.Reject($"line {shape.StrayLine} of the answer is inside an H2 section but is not a \"- [Title](url): note\" link line");

        var errors = LlmsTxtValidator.Validate(text).Where(f => f.Severity == FindingSeverity.Error).ToList();
        if (errors.Count > 0) return LlmCheckResult.Reject($"the answer failed validation ({errors[0]}{(errors.Count > 1 ? $", and {errors.Count - 1} more" : "")})");
        return LlmCheckResult.Accept(text);
    }

    /// <summary>Strips a surrounding code fence and normalises line endings; ends with one newline like the writer's files.</summary>
    public static string Clean(string answer)
    {
        var text = answer.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        var fenced = Fenced().Match(text);
        if (fenced.Success) text = fenced.Groups["body"].Value;
        return text.Trim('\n', ' ', '\t') + "\n";
    }

    /// <summary>Every http(s) URL in the text, as written (no normalisation: a rewritten URL is a different URL).</summary>
    public static IReadOnlySet<string> Urls(string text) =>
        UrlPattern().Matches(text).Select(m => m.Value.TrimEnd('.', ',', ';', ':', '!', '?', '*', '_')).ToHashSet(StringComparer.Ordinal);

    private static string Count(int n, string noun) => $"{n} {noun}{(n == 1 ? "" : "s")}";

    private readonly record struct FileShape(int H1s, int Quotes, int StrayLine);

    private static FileShape Shape(string text)
    {
        int h1s = 0, quotes = 0, stray = 0;
        var inSection = false;
        var inQuote = false;
        var fence = "";
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var trimmed = line.TrimStart();
            if (fence.Length > 0)
            {
                if (trimmed.StartsWith(fence, StringComparison.Ordinal)) fence = "";
                continue;
            }
            if (trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal))
            {
                fence = trimmed[..3];
                if (inSection && stray == 0) stray = i + 1;
                continue;
            }
            var isQuote = trimmed.StartsWith('>');
            if (isQuote && !inQuote) quotes++;
            inQuote = isQuote;
            if (line.StartsWith("# ", StringComparison.Ordinal) || line == "#") h1s++;
            else if (line.StartsWith("## ", StringComparison.Ordinal)) inSection = true;
            else if (inSection && line.Trim().Length > 0 && !line.StartsWith("- [", StringComparison.Ordinal) && stray == 0) stray = i + 1;
        }
        return new FileShape(h1s, quotes, stray);
    }
}
