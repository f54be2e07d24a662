using System.Security.Cryptography;
using System.Text;
using LlmsTxt.Core.Extraction;
using LlmsTxt.Core.Writing;

namespace LlmsTxt.Core.Enhancement;

/// <summary>One entry of the file as a request carries it; <see cref="InputHash"/> says whether a remembered description still fits.</summary>
internal sealed record ChunkEntry(string Url, string Title, PromptPage Prompt, string InputHash);

/// <summary>One request's worth of entries, named for the log ("Reference (2/3)", "Install + FAQ").</summary>
internal sealed record DescriptionChunk(string Name, IReadOnlyList<ChunkEntry> Entries, ChatPrompt Prompt)
{
    /// <summary>The pages' own words, to compare the answer's language with.</summary>
    public string Source => string.Join(' ', Entries.Select(e => $"{e.Prompt.Title}. {e.Prompt.Current} {e.Prompt.Text}"));
}

internal sealed record HeaderJob(ChatPrompt Prompt, string InputHash, string Source);

/// <summary>What must be asked, and what an earlier run already answered for the same input.</summary>
internal sealed record EnhancementWork(
    HeaderJob? Header,
    RememberedHeader? ReusedHeader,
    IReadOnlyList<DescriptionChunk> Chunks,
    IReadOnlyDictionary<string, RememberedDescription> Reused,
    int TooLarge);

/// <summary>
/// Splits a plan into requests that fit the prompt budget: one for the header (start page text and the section list),
/// then the entries in file order, packed into requests of whole sections where they fit and slices of a section where
/// it doesn't. Every request body is measured exactly before it is accepted.
/// </summary>
internal static class EnhancementPlanner
{
    private const int StartPageTextChars = 6000;

    public static EnhancementWork Plan(EnhancementInput input, LlmEnhancerOptions options, LlmChatClient client, EnhancementMemory memory)
    {
        var plan = input.Plan;
        var target = Math.Min(input.MaxDescriptionLength, AnswerRules.TargetDescription);
        var reused = new Dictionary<string, RememberedDescription>(StringComparer.Ordinal);
        var pending = new List<ChunkEntry>();
        foreach (var section in plan.Sections)
        {
            foreach (var page in section.Pages)
            {
                var url = MarkdownText.EscapeUrl(page.Url);
                var text = Excerpt(page, options.ExcerptChars);
                // Nothing of the page's own to go on: a model could only guess from the title.
                if (page.Note.Length == 0 && text is null) continue;
                var prompt = new PromptPage(url, page.Title, section.Name, page.Note, text);
                var hash = Hash($"{url}\n{page.Title}\n{page.Note}\n{text}\n{target}");
                if (memory.Description(options.Model, url, hash) is { } known) reused[url] = new RememberedDescription(hash, known);
                else pending.Add(new ChunkEntry(url, page.Title, prompt, hash));
            }
        }
        var (chunks, tooLarge) = Pack(plan.SiteName, pending, target, options.PromptBudgetBytes, client);

        var header = HeaderPrompt(input, options.PromptBudgetBytes, client);
        var reusedHeader = header is null ? null : memory.HeaderFor(options.Model, header.InputHash);
        return new EnhancementWork(reusedHeader is null ? header : null, reusedHeader, Named(plan.SiteName, target, chunks), reused, tooLarge);
    }

    /// <summary>The page's text beyond its note, cut at a word; null when it adds nothing.</summary>
    private static string? Excerpt(PlannedPage page, int max)
    {
        var text = TextTools.Clean(page.Page.Excerpt);
        if (text.Length == 0 || page.Note.StartsWith(text.TrimEnd('…', ' '), StringComparison.Ordinal)) return null;
        return TextTools.Cut(text, max);
    }

    private static (List<List<ChunkEntry>> Chunks, int TooLarge) Pack(string siteName, List<ChunkEntry> pending, int target, int budget, LlmChatClient client)
    {
        var chunks = new List<List<ChunkEntry>>();
        var tooLarge = 0;
        var empty = client.LargestBody(LlmPrompt.Descriptions(siteName, [], target));
        var sizes = pending.Select(e => LlmPrompt.EncodedBytes(e.Prompt) + 1).ToArray();
        // Bytes of the rest of the section from each entry on: a section that fits a request of its own is not split.
        var sectionRest = new int[pending.Count];
        for (var k = pending.Count - 1; k >= 0; k--)
            sectionRest[k] = sizes[k] + (k + 1 < pending.Count && pending[k + 1].Prompt.Section == pending[k].Prompt.Section ? sectionRest[k + 1] : 0);
        var i = 0;
        while (i < pending.Count)
        {
            var current = new List<ChunkEntry>();
            var size = empty;
            for (; i < pending.Count; i++)
            {
                var startsSection = current.Count > 0 && pending[i].Prompt.Section != current[^1].Prompt.Section;
                if (startsSection && size + sectionRest[i] > budget && empty + sectionRest[i] <= budget) break;
                if (current.Count > 0 && size + sizes[i] > budget) break;
                current.Add(pending[i]);
                size += sizes[i];
            }
            // Measure the real body (max_tokens grows with the entries too); leave entries for the next request until it fits.
            while (current.Count > 1 && Measure(siteName, current, target, client) > budget)
            {
                current.RemoveAt(current.Count - 1);
                i--;
            }
            if (current.Count == 1 && Measure(siteName, current, target, client) > budget)
            {
                // One huge entry: without its page text, else not sent at all (it keeps its note).
                var bare = current[0] with { Prompt = current[0].Prompt with { Text = null } };
                current = Measure(siteName, [bare], target, client) <= budget ? [bare] : [];
                if (current.Count == 0) tooLarge++;
            }
            if (current.Count > 0) chunks.Add(current);
        }
        return (chunks, tooLarge);
    }

    private static int Measure(string siteName, IReadOnlyList<ChunkEntry> entries, int target, LlmChatClient client) =>
        client.LargestBody(LlmPrompt.Descriptions(siteName, [.. entries.Select(e => e.Prompt)], target));

    /// <summary>"Guides" for a whole section, "Reference (2/3)" for a slice, joined with " + " when a request holds several.</summary>
    private static List<DescriptionChunk> Named(string siteName, int target, List<List<ChunkEntry>> chunks)
    {
        var slices = chunks.SelectMany(c => c.Select(e => e.Prompt.Section).Distinct()).GroupBy(s => s).ToDictionary(g => g.Key, g => g.Count());
        var seen = new Dictionary<string, int>();
        var named = new List<DescriptionChunk>();
        foreach (var chunk in chunks)
        {
            var labels = new List<string>();
            foreach (var section in chunk.Select(e => e.Prompt.Section).Distinct())
            {
                var n = seen[section] = seen.GetValueOrDefault(section) + 1;
                labels.Add(slices[section] > 1 ? $"{section} ({n}/{slices[section]})" : section);
            }
            var name = labels.Count > 3 ? $"{string.Join(" + ", labels.Take(3))} + {labels.Count - 3} more" : string.Join(" + ", labels);
            named.Add(new DescriptionChunk(name, chunk, LlmPrompt.Descriptions(siteName, [.. chunk.Select(e => e.Prompt)], target)));
        }
        return named;
    }

    private static HeaderJob? HeaderPrompt(EnhancementInput input, int budget, LlmChatClient client)
    {
        var plan = input.Plan;
        var start = input.StartPage;
        var text = start is null ? "" : TextTools.Clean(start.Markdown.Length > 0 ? start.Markdown : $"{start.Description} {start.Excerpt}");
        text = TextTools.Cut(text, StartPageTextChars);
        var sections = plan.Sections.Select(s => new PromptSection(s.Name, s.Pages.Count, [.. s.Pages.Take(3).Select(p => p.Title)])).ToList();
        var current = new PromptHeader(plan.SiteName, plan.Summary, plan.About);
        var url = start?.Url.AbsoluteUri ?? "";
        // Shrink the least useful parts first until the body fits: page text, then examples, then the tail of the section list.
        for (var round = 0; round < 40; round++)
        {
            var prompt = LlmPrompt.Header(new PromptSite(url, current, sections, text));
            if (client.LargestBody(prompt) <= budget)
                return new HeaderJob(prompt, Hash(prompt.User), $"{text} {plan.About}");
            if (text.Length > 500) text = TextTools.Cut(text, text.Length / 2);
            else if (sections.Any(s => s.Examples.Count > 0)) sections = [.. sections.Select(s => s with { Examples = [] })];
            else if (sections.Count > 1) sections = sections[..(sections.Count / 2)];
            else return null;
        }
        return null;
    }

    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
}
