using System.Text;

namespace LlmsTxt.Core.Crawling;

/// <summary>A page's Markdown twin: its URL and, when the caller wants page content, its text.</summary>
/// <param name="Text">Held packed: a crawl keeps every twin's text until llms-full.txt is written.</param>
internal sealed record MarkdownTwin(Uri Url, LlmsTxt.Core.Extraction.CompactText? Text);

/// <summary>
/// Finds Markdown versions of listed pages (<c>page.md</c> for <c>page.html</c> or <c>page</c>,
/// <c>page.html.md</c> and <c>page/index.html.md</c> as llmstxt.org proposes) that answer 200 with a text content
/// type other than HTML. Probes run with bounded concurrency. A sample of pages is probed first, taken round-robin
/// across the site's sections (first path segment) so a site whose twins live in one part is still found; when
/// no sampled page has a twin the site is assumed to have none and the rest are not probed.
/// </summary>
internal sealed class MarkdownTwinChecker(PageFetcher fetcher, CrawlOptions options, CrawlScope scope, Func<Uri, CancellationToken, ValueTask<bool>> robotsAllowed, int? keepTextUpTo)
{
    public async Task<MarkdownTwin?[]> FindAsync(IReadOnlyList<Uri> pages, CancellationToken cancellationToken = default)
    {
        var twins = new MarkdownTwin?[pages.Count];
        var sample = Sample(pages, options.MarkdownTwinSample);
        await ProbeAsync(pages, twins, sample, cancellationToken).ConfigureAwait(false);
        if (twins.Any(t => t is not null))
        {
            var sampled = sample.ToHashSet();
            await ProbeAsync(pages, twins, Enumerable.Range(0, pages.Count).Where(i => !sampled.Contains(i)).ToList(), cancellationToken).ConfigureAwait(false);
        }
        return twins;
    }

    /// <summary>Indexes of up to <paramref name="size"/> pages, one per section in turn, each section in list order.</summary>
    public static List<int> Sample(IReadOnlyList<Uri> pages, int size)
    {
        var sections = new List<Queue<int>>();
        var bySection = new Dictionary<string, Queue<int>>(StringComparer.Ordinal);
        for (var i = 0; i < pages.Count; i++)
        {
            var segments = pages[i].AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
            var section = segments.Length > 1 ? segments[0] : "";
            if (!bySection.TryGetValue(section, out var queue))
            {
                bySection[section] = queue = new Queue<int>();
                sections.Add(queue);
            }
            queue.Enqueue(i);
        }
        var sample = new List<int>(Math.Min(size, pages.Count));
        while (sample.Count < size && sections.Exists(q => q.Count > 0))
        {
            foreach (var queue in sections)
            {
                if (sample.Count < size && queue.TryDequeue(out var index))
                {
                    sample.Add(index);
                }
            }
        }
        sample.Sort();
        return sample;
    }

    /// <summary>Candidate twin URLs for a page, most likely first.</summary>
    public static IEnumerable<Uri> Candidates(Uri page)
    {
        var path = page.AbsolutePath;
        if (path.EndsWith('/'))
        {
            yield return new Uri(page, path + "index.html.md");
            yield break;
        }
        var extension = Path.GetExtension(path);
        if (extension.Length == 0)
        {
            yield return new Uri(page, path + ".md");
            yield return new Uri(page, path + "/index.html.md");
            yield break;
        }
        if (extension.Equals(".md", StringComparison.OrdinalIgnoreCase))
        {
            yield break;
        }
        yield return new Uri(page, path[..^extension.Length] + ".md");
        yield return new Uri(page, path + ".md");
    }

    private Task ProbeAsync(IReadOnlyList<Uri> pages, MarkdownTwin?[] twins, IReadOnlyList<int> indexes, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(indexes, new ParallelOptions { MaxDegreeOfParallelism = options.MaxConcurrencyPerHost, CancellationToken = cancellationToken },
            async (i, token) => twins[i] = await FindOneAsync(pages[i], token).ConfigureAwait(false));

    private async Task<MarkdownTwin?> FindOneAsync(Uri page, CancellationToken cancellationToken)
    {
        foreach (var candidate in Candidates(page))
        {
            if (!await robotsAllowed(candidate, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }
            // With text wanted the whole twin is read, up to the page cap or as many bytes as the Markdown bound can
            // hold (a character is at most 3 UTF-8 bytes, 4 for a pair); a mere probe reads a little.
            var result = keepTextUpTo is { } bound
                ? await fetcher.FetchAsync(new FetchRequest(candidate, Math.Min(options.MaxPageBytes, 3L * bound)) { HopCheck = SameSite, AcceptContentType = IsMarkdownType },
                    cancellationToken).ConfigureAwait(false)
                : await fetcher.FetchAsync(new FetchRequest(candidate, options.MaxMarkdownTwinProbeBytes)
                {
                    HopCheck = SameSite,
                    AcceptContentType = IsMarkdownType,
                    ConsumeBody = (_, _) => Task.CompletedTask,
                }, cancellationToken).ConfigureAwait(false);
            if (!result.IsSuccess)
            {
                continue;
            }
            var text = keepTextUpTo is not null && !result.Truncated ? TwinText(result) : null;
            if (text?.Length > keepTextUpTo)
            {
                // Longer than a page's Markdown may be: the page's own Markdown, bounded and marked as cut, is used instead.
                text = null;
            }
            if (text is not null && LooksLikeHtml(text))
            {
                continue; // an HTML page sent as text/plain is not a Markdown twin
            }
            return new MarkdownTwin(candidate, text is null ? null : LlmsTxt.Core.Extraction.CompactText.Of(text));
        }
        return null;
    }

    /// <summary>The twin's text as UTF-8 (Markdown files are), LF line endings, without a BOM or YAML front matter.</summary>
    private static string TwinText(FetchResult result)
    {
        var text = Encoding.UTF8.GetString(result.Body.Span);
        text = text.TrimStart('\uFEFF').Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        if (text.StartsWith("---\n", StringComparison.Ordinal) && text.IndexOf("\n---\n", 3, StringComparison.Ordinal) is var end and > 0)
        {
            // Front matter is metadata for the site's generator, not part of the page a reader sees.
            text = text[(end + 5)..];
        }
        return text.Trim('\n') + "\n";
    }

    private static bool LooksLikeHtml(string text)
    {
        var start = text.AsSpan().TrimStart();
        return start.StartsWith("<!doctype", StringComparison.OrdinalIgnoreCase) || start.StartsWith("<html", StringComparison.OrdinalIgnoreCase);
    }

    private ValueTask<CrawlDecision> SameSite(Uri url, CancellationToken cancellationToken) =>
        ValueTask.FromResult(scope.SameSite(url) ? CrawlDecision.Allow : CrawlDecision.Skip(SkipReason.OffSiteRedirect, "outside the site"));

    private static bool IsMarkdownType(string? mediaType) =>
        mediaType is not null && mediaType.StartsWith("text/", StringComparison.OrdinalIgnoreCase)
        && !mediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase);
}
