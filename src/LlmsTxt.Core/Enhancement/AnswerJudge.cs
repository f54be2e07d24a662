using LlmsTxt.Core.Urls;
using LlmsTxt.Core.Writing;

namespace LlmsTxt.Core.Enhancement;

/// <summary>A chunk's accepted descriptions by URL, the single ones refused (by reason), or why the whole chunk was kept.</summary>
internal sealed record ChunkVerdict(IReadOnlyDictionary<string, string> Accepted, IReadOnlyDictionary<string, int> Refused, string? Kept)
{
    public static ChunkVerdict KeepAll(string reason) => new(new Dictionary<string, string>(), new Dictionary<string, int>(), reason);
}

internal sealed record HeaderVerdict(RememberedHeader? Accepted, string? Kept);

/// <summary>
/// Decides what of an answer is used. A chunk is kept whole when the answer is unreadable, names pages it was not
/// given (the model is making things up), covers fewer than half of its pages well, or is in another language;
/// otherwise each good description is used and each bad one keeps its original.
/// </summary>
internal static class AnswerJudge
{
    public static ChunkVerdict Chunk(DescriptionChunk chunk, ChatOutcome answer, int maxLength)
    {
        if (answer.Failure is not null) return ChunkVerdict.KeepAll(answer.Failure);
        var parsed = AnswerParser.Descriptions(answer.Text!);
        if (parsed.Failure is not null) return ChunkVerdict.KeepAll(parsed.Failure);

        var exact = chunk.Entries.ToDictionary(e => e.Url, StringComparer.Ordinal);
        var loose = chunk.Entries.GroupBy(e => Loose(e.Url), StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var accepted = new Dictionary<string, string>(StringComparer.Ordinal);
        var refused = new Dictionary<string, int>(StringComparer.Ordinal);
        var unknown = 0;
        foreach (var (url, raw) in parsed.ByUrl)
        {
            var entry = exact.GetValueOrDefault(url) ?? loose.GetValueOrDefault(Loose(url));
            if (entry is null)
            {
                unknown++;
                continue;
            }
            if (accepted.ContainsKey(entry.Url)) continue;
            if (AnswerRules.Description(raw, entry.Title, maxLength, out var reason) is { } text) accepted[entry.Url] = text;
            else refused[reason!] = refused.GetValueOrDefault(reason!) + 1;
        }
        if (unknown > 0) return ChunkVerdict.KeepAll($"the answer named {Count(unknown, "URL")} that the request did not hold");
        var missing = chunk.Entries.Count - accepted.Count - refused.Values.Sum();
        if (accepted.Count * 2 < chunk.Entries.Count)
        {
            var worst = missing >= refused.Values.DefaultIfEmpty(0).Max() ? $"{missing} left out"
                : string.Join(", ", refused.OrderByDescending(r => r.Value).Select(r => $"{r.Value} {r.Key}"));
            return ChunkVerdict.KeepAll($"only {accepted.Count} of {chunk.Entries.Count} descriptions were usable ({worst})");
        }
        if (AnswerRules.Language(chunk.Source, string.Join(' ', accepted.Values)) is { } language) return ChunkVerdict.KeepAll(language);
        if (missing > 0) refused["left out by the model"] = missing;
        return new ChunkVerdict(accepted, refused, null);
    }

    public static HeaderVerdict Header(HeaderJob job, ChatOutcome answer, SitePlan plan)
    {
        if (answer.Failure is not null) return new(null, answer.Failure);
        var parsed = AnswerParser.Header(answer.Text!);
        if (parsed.Failure is not null) return new(null, parsed.Failure);
        var summary = AnswerRules.Summary(parsed.Summary, out var summaryProblem);
        var about = AnswerRules.About(parsed.About, out var aboutProblem);
        if (summary is null && about is null) return new(null, summaryProblem);
        if (AnswerRules.Language(job.Source, $"{summary} {about}") is { } language) return new(null, language);
        return new(new RememberedHeader(job.InputHash, AnswerRules.Title(parsed.Title) ?? plan.SiteName, summary ?? plan.Summary, about ?? plan.About), null);
    }

    /// <summary>The same page by <see cref="UrlIdentity"/>'s rules: a model may drop a trailing slash or change the case of scheme and host.</summary>
    private static string Loose(string url) =>
        Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) && UrlIdentity.IsHttp(uri) ? UrlIdentity.Key(uri) : url.Trim().TrimEnd('/');

    private static string Count(int n, string noun) => $"{n} {noun}{(n == 1 ? "" : "s")}";
}
