namespace LlmsTxt.Core.Crawling;

/// <summary>
/// Finds Markdown versions of listed pages (<c>page.md</c>, <c>page/index.html.md</c>, <c>dir/index.html.md</c>)
/// that answer 200 with a text content type other than HTML. Probes run with bounded concurrency; when
/// none of the first <see cref="CrawlOptions.MarkdownTwinSample"/> pages has a twin the site is assumed
/// to have none and the rest are not probed (saving two requests per page).
/// </summary>
internal sealed class MarkdownTwinChecker(PageFetcher fetcher, CrawlOptions options, CrawlScope scope, Func<Uri, CancellationToken, ValueTask<bool>> robotsAllowed)
{
    public async Task<Uri?[]> FindAsync(IReadOnlyList<Uri> pages, CancellationToken cancellationToken = default)
    {
        var twins = new Uri?[pages.Count];
        var sample = Math.Min(options.MarkdownTwinSample, pages.Count);
        await ProbeAsync(pages, twins, 0, sample, cancellationToken).ConfigureAwait(false);
        if (twins.Any(t => t is not null))
        {
            await ProbeAsync(pages, twins, sample, pages.Count, cancellationToken).ConfigureAwait(false);
        }
        return twins;
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
        yield return new Uri(page, path + ".md");
        if (!Path.HasExtension(path))
        {
            yield return new Uri(page, path + "/index.html.md");
        }
    }

    private Task ProbeAsync(IReadOnlyList<Uri> pages, Uri?[] twins, int from, int to, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(Enumerable.Range(from, to - from), new ParallelOptions { MaxDegreeOfParallelism = options.MaxConcurrencyPerHost, CancellationToken = cancellationToken },
            async (i, token) => twins[i] = await FindOneAsync(pages[i], token).ConfigureAwait(false));

    private async Task<Uri?> FindOneAsync(Uri page, CancellationToken cancellationToken)
    {
        foreach (var candidate in Candidates(page))
        {
            if (!await robotsAllowed(candidate, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }
            var result = await fetcher.FetchAsync(candidate, SameSite, IsMarkdownType, options.MaxMarkdownTwinProbeBytes,
                _ => Task.CompletedTask, null, cancellationToken).ConfigureAwait(false);
            if (result.IsSuccess)
            {
                return candidate;
            }
        }
        return null;
    }

    private ValueTask<CrawlDecision> SameSite(Uri url, CancellationToken cancellationToken) =>
        ValueTask.FromResult(scope.SameSite(url) ? CrawlDecision.Allow : CrawlDecision.Skip(SkipReason.OffSiteRedirect, "outside the site"));

    private static bool IsMarkdownType(string? mediaType) =>
        mediaType is not null && mediaType.StartsWith("text/", StringComparison.OrdinalIgnoreCase)
        && !mediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase);
}
