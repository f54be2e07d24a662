using System.Globalization;

namespace LlmsTxt.Core.Enhancement;

/// <summary>What the provider was asked and billed for, from the answers' <c>usage</c>.</summary>
/// <param name="Requests">HTTP requests sent, retries included.</param>
/// <param name="LargestPromptBytes">The largest request body sent.</param>
public sealed record LlmUsage(int Requests, long PromptTokens, long CompletionTokens, int LargestPromptBytes)
{
    public static readonly LlmUsage None = new(0, 0, 0, 0);

    public LlmUsage Add(LlmUsage other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(Requests + other.Requests, PromptTokens + other.PromptTokens, CompletionTokens + other.CompletionTokens,
            Math.Max(LargestPromptBytes, other.LargestPromptBytes));
    }
}

/// <summary>One request's worth of entries (a section, a slice of one, or several small ones) and what became of it.</summary>
/// <param name="Reason">Why the chunk kept its original text (null when improved).</param>
public sealed record ChunkOutcome(string Name, int Entries, bool Improved, string? Reason);

/// <summary>The account of one enhancement, for the log and the <c>done</c> message.</summary>
public sealed record EnhancementReport
{
    public LlmUsage Usage { get; init; } = LlmUsage.None;
    public IReadOnlyList<ChunkOutcome> Chunks { get; init; } = [];
    public bool HeaderImproved { get; init; }
    public bool HeaderReused { get; init; }
    /// <summary>Why the header kept its original text (null when improved or reused).</summary>
    public string? HeaderKept { get; init; }
    public int DescriptionsImproved { get; init; }
    public int DescriptionsReused { get; init; }
    /// <summary>Single descriptions refused inside an accepted chunk, counted by reason.</summary>
    public IReadOnlyDictionary<string, int> DescriptionsRefused { get; init; } = new Dictionary<string, int>();
    public TimeSpan Duration { get; init; }
    /// <summary>Set when nothing was attempted, saying why.</summary>
    public string? NotRun { get; init; }

    public bool Changed => HeaderImproved || HeaderReused || DescriptionsImproved > 0 || DescriptionsReused > 0;

    public static EnhancementReport Nothing(string why) => new() { NotRun = why };

    /// <summary>Readable lines: totals, chunks improved, each chunk kept and why, reuse. The second item says whether it is a warning.</summary>
    public IEnumerable<(string Line, bool Warning)> Lines(string model)
    {
        if (NotRun is not null)
        {
            yield return ($"Kept the generated file: {NotRun}.", false);
            yield break;
        }
        var inv = CultureInfo.InvariantCulture;
        yield return (string.Create(inv,
            $"LLM enhancement with {model}: {Usage.Requests} requests, largest prompt {Usage.LargestPromptBytes / 1024.0:0.0} KB, {Usage.PromptTokens:N0} prompt + {Usage.CompletionTokens:N0} completion tokens, {Duration.TotalSeconds:0.0} s."), false);
        var improved = Chunks.Count(c => c.Improved);
        if (Chunks.Count > 0)
            yield return (string.Create(inv, $"LLM enhancement: {improved} of {Chunks.Count} chunk{(Chunks.Count == 1 ? "" : "s")} improved ({DescriptionsImproved} description{(DescriptionsImproved == 1 ? "" : "s")})."), false);
        foreach (var kept in Chunks.Where(c => !c.Improved))
            yield return ($"LLM enhancement: chunk \"{kept.Name}\" ({kept.Entries} entries) kept its original text: {kept.Reason}.", true);
        if (DescriptionsRefused.Count > 0)
        {
            var reasons = string.Join(", ", DescriptionsRefused.OrderByDescending(r => r.Value).ThenBy(r => r.Key, StringComparer.Ordinal)
                .Select(r => string.Create(inv, $"{r.Key} ({r.Value})")));
            yield return (string.Create(inv, $"LLM enhancement: {DescriptionsRefused.Values.Sum()} single descriptions kept their original: {reasons}."), true);
        }
        if (DescriptionsReused > 0 || HeaderReused)
            yield return (string.Create(inv, $"LLM enhancement: reused {DescriptionsReused} descriptions{(HeaderReused ? " and the header" : "")} from the last run (content unchanged)."), false);
        if (HeaderKept is not null) yield return ($"LLM enhancement: the header kept its original text: {HeaderKept}.", true);
        yield return Changed ? ("Improved the file with an LLM.", false) : ("Kept the generated file: no answer was usable.", true);
    }
}
