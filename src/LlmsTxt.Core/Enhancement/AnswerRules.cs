using System.Text.RegularExpressions;
using LlmsTxt.Core.Extraction;
using LlmsTxt.Core.Writing;

namespace LlmsTxt.Core.Enhancement;

/// <summary>
/// What a model's text must be to replace ours. Each rule has its reason: the file stays valid llms.txt whatever
/// comes back, and a note that is empty, runs on, links elsewhere or is in another language is worse than ours.
/// </summary>
internal static partial class AnswerRules
{
    /// <summary>Shorter than this says nothing a title doesn't.</summary>
    public const int MinDescription = 12;

    /// <summary>Longest description asked for: notes longer than this stop being an index.</summary>
    public const int TargetDescription = 300;

    public const int MaxAbout = 1200, MinAbout = 40;

    [GeneratedRegex(@"https?://|www\.|\]\(", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex LinkLike();

    /// <summary>The cleaned description, or null with the reason it was refused.</summary>
    public static string? Description(string? raw, string title, int maxLength, out string? reason)
    {
        var text = TextTools.Clean(raw);
        reason = text.Length switch
        {
            0 => "empty",
            < MinDescription => "too short",
            _ when text.Length > maxLength => $"longer than {maxLength} characters",
            _ when LinkLike().IsMatch(text) => "contains a link or URL",
            _ when EntryText.RepeatsTitle(text, title) => "only repeats the title",
            _ => null,
        };
        return reason is null ? MarkdownText.EscapeLineStart(text) : null;
    }

    public static string? Title(string? raw) => SiteHeader.Sanitize(raw) is { Length: >= 2 } title && !LinkLike().IsMatch(title) ? title : null;

    /// <summary>One line of at most 200 characters; a longer answer keeps its leading whole sentences when they fit.</summary>
    public static string? Summary(string? raw, out string? reason)
    {
        var text = TextTools.Clean(raw).TrimStart('>', ' ');
        if (text.Length > SiteHeader.MaxSummaryLength)
        {
            var cut = text.LastIndexOf(". ", SiteHeader.MaxSummaryLength - 1, StringComparison.Ordinal);
            text = cut >= 40 ? text[..(cut + 1)] : text;
        }
        reason = text.Length switch
        {
            < 20 => "the summary was missing or too short",
            > SiteHeader.MaxSummaryLength => $"the summary was longer than {SiteHeader.MaxSummaryLength} characters",
            _ when LinkLike().IsMatch(text) => "the summary contains a link or URL",
            _ => null,
        };
        return reason is null ? text : null;
    }

    /// <summary>One plain paragraph: line breaks and Markdown line starts would change the file's structure.</summary>
    public static string? About(string? raw, out string? reason)
    {
        var text = TextTools.Clean(raw);
        reason = text.Length switch
        {
            < MinAbout => "the about paragraph was missing or too short",
            > MaxAbout => $"the about paragraph was longer than {MaxAbout} characters",
            _ when LinkLike().IsMatch(text) => "the about paragraph contains a link or URL",
            _ => null,
        };
        return reason is null ? MarkdownText.EscapeLineStart(text) : null;
    }

    /// <summary>The reason to refuse answers in another language than their source, else null.</summary>
    public static string? Language(string source, string answer) =>
        LanguageGuess.Differ(source, answer, out var from, out var to) ? $"the answer is in another language ({to}) than the pages ({from})" : null;
}
