using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using LlmsTxt.Core.Crawling;
using LlmsTxt.Core.Enhancement;
using LlmsTxt.Core.Extraction;
using LlmsTxt.Core.Rendering;
using LlmsTxt.Core.Urls;
using LlmsTxt.Core.Writing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LlmsTxt.Core.Generation;

/// <summary>
/// The one pipeline: request → crawl (with Markdown twins) → llms.txt (+ llms-full.txt) → enhancement
/// → validation → result. The socket, the CLI and the scheduler all call it; none repeats a step.
/// One instance serves many generations at once and keeps one connection pool per network policy.
/// </summary>
public sealed class LlmsTxtGenerator(
    CrawlOptions? crawlOptions = null,
    IPageRenderer? renderer = null,
    ILlmsTxtEnhancer? enhancer = null,
    ILoggerFactory? loggerFactory = null,
    TimeProvider? timeProvider = null) : IDisposable
{
    private readonly CrawlOptions _crawlOptions = crawlOptions ?? new CrawlOptions();
    private readonly ILlmsTxtEnhancer _enhancer = enhancer ?? NoOpEnhancer.Instance;
    private readonly ILoggerFactory _loggers = loggerFactory ?? NullLoggerFactory.Instance;
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;
    private readonly ConcurrentDictionary<(bool AllowPrivate, int Concurrency), Lazy<Crawler>> _crawlers = new();

    /// <summary>Cap on llms-full.txt in characters (≈ 4 characters a token); pages beyond it are listed, not inlined.</summary>
    public int? MaxFullChars { get; init; } = CrawlLimits.Contract.FullMaxChars.Default;

    /// <summary>True when pages can be rendered in a browser.</summary>
    public bool CanRender => renderer is not null;

    public Task<GenerationResult> GenerateAsync(GenerationRequest request, IProgress<GenerationEvent>? progress = null, CancellationToken cancellationToken = default) =>
        GenerateAsync(request, progress, CancellationToken.None, cancellationToken);

    /// <param name="stopCrawling">Stops fetching: the file is built from the pages fetched so far and marked partial.</param>
    /// <param name="cancellationToken">Abandons the generation (the client is gone): no more requests, <see cref="OperationCanceledException"/>.</param>
    /// <exception cref="GenerationFailedException">The site could not be turned into a file (the message says why, for people).</exception>
    public async Task<GenerationResult> GenerateAsync(GenerationRequest request, IProgress<GenerationEvent>? progress, CancellationToken stopCrawling, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Check(request);
        var clock = Stopwatch.StartNew();
        var events = new CrawlEventRelay(progress);
        var renderJs = request.RenderJs && renderer is not null;
        if (request.RenderJs && renderer is null) events.Log("JavaScript rendering was asked for but no browser is available; reading static HTML only.", GenerationLogLevel.Warning);
        events.Log($"Crawling {request.Url} for up to {request.MaxPages} pages{(renderJs ? ", rendering empty pages in a browser" : "")}");

        using var crawlStop = CancellationTokenSource.CreateLinkedTokenSource(stopCrawling, cancellationToken);
        var crawl = await CrawlerFor(request).RunAsync(
            new CrawlRequest(request.Url, request.MaxPages, renderJs, new ExtractionOptions { DescLength = request.DescLength, ConvertMarkdown = request.Full },
                ReservePages: ReserveFor(request.MaxPages)),
            events, crawlStop.Token);
        cancellationToken.ThrowIfCancellationRequested();
        // The crawler throttles its own progress; the final counts always go out.
        progress?.Report(new GenerationProgress(crawl.Stats.Fetched, crawl.Stats.Failed, 0, request.MaxPages));

        if (crawl.Pages.Count == 0)
        {
            throw new GenerationFailedException(crawl.Error
                ?? (crawl.Cancelled ? "Stopped before any page was fetched; there is nothing to write." : $"No page of {request.Url} could be read, so there is nothing to list."));
        }
        if (!renderJs && EmptyShellHint.For(crawl, _crawlOptions.RenderWordThreshold) is { } hint) events.Log(hint, GenerationLogLevel.Warning);
        var partial = crawl.Cancelled;
        if (partial) events.Log($"Partial result: building the file from the {crawl.Pages.Count} pages fetched before the stop.", GenerationLogLevel.Warning);

        var maxFullChars = request.FullMaxChars ?? MaxFullChars;
        var files = FileComposer.Compose(crawl, request, events);
        PlanLog.Explain(_loggers.CreateLogger<LlmsTxtGenerator>(), files.Plan.Explanations);
        var enhancement = await EnhanceAsync(files.Plan, request, crawl, events, stopCrawling, cancellationToken);
        var plan = enhancement is { Report.Changed: true } ? enhancement.Plan : files.Plan;
        var llmsTxt = ReferenceEquals(plan, files.Plan) ? files.LlmsTxt.Text : LlmsTxtWriter.Write(plan).Text;
        var full = request.Full ? FileComposer.WriteFull(plan, maxFullChars, events) : null;
        var verdict = Validate(llmsTxt);
        events.Log(Summary(llmsTxt, verdict, files.LlmsTxt.ListedPages, clock.Elapsed));

        return new GenerationResult(
            BaseUrl: UrlIdentity.Canonical(crawl.StartUrl) ?? crawl.StartUrl,
            LlmsTxt: llmsTxt,
            LlmsFullTxt: full?.Text,
            // The generated file, not the LLM's wording, so a recrawl of an unchanged site is not a change.
            ContentHash: Hash(files.LlmsTxt.Text),
            Stats: new GenerationStats(files.LlmsTxt.ListedPages, crawl.Stats.Fetched, crawl.Stats.Failed, crawl.Stats.Skipped.Values.Sum(), crawl.Stats.Rendered, clock.Elapsed)
            {
                LeftOut = LeftOutReasons.Count(crawl, files.LlmsTxt),
                FullPagesLeftOut = full?.SkippedPages ?? 0,
                FullPagesShortened = full?.ShortenedPages ?? 0,
            },
            Partial: partial,
            Validation: verdict,
            Sitemaps: crawl.Sitemaps,
            Enhancement: enhancement?.Report,
            EnhancementMemory: enhancement?.Memory,
            FullContentHash: full is null ? null : Hash(LlmsTxtWriter.Header(files.Plan), full.Text.AsSpan(LlmsTxtWriter.Header(plan).Length)),
            Explanations: files.Plan.Explanations)
        {
            Full = full is null ? null : new FullFileStats(full.InlinedPages, full.SkippedPages, full.ApproximateTokens, maxFullChars),
        };
    }

    /// <summary>
    /// Extra pages crawled beyond the budget (a quarter, at least 5): utility pages and duplicates are left out and
    /// the listed pages are chosen in the site's outline order, so asking for N pages lists N when the site has them.
    /// </summary>
    internal static int ReserveFor(int maxPages) => Math.Min(maxPages, 5 + (maxPages / 4));

    /// <summary>Runs the llms.txt validator and returns its findings with line numbers.</summary>
    public static ValidationVerdict Validate(string llmsTxt) => FileComposer.Validate(llmsTxt);

    /// <summary>Validates an llms-full.txt (<paramref name="full"/>) or an llms.txt.</summary>
    public static ValidationVerdict Validate(string text, bool full) => FileComposer.Validate(text, full);

    /// <summary>True when the text is shaped like an llms-full.txt (page blocks with Source lines).</summary>
    public static bool LooksLikeFullFile(string text) => Writing.LlmsTxtValidator.LooksLikeFull(text);

    /// <summary>Lower-case hex SHA-256 of the UTF-8 text: what the scheduler compares to detect a change.</summary>
    public static string Hash(string text) => Hash(text, []);

    /// <summary>The <see cref="Hash(string)"/> of <paramref name="head"/> followed by <paramref name="rest"/>, without
    /// joining them: for llms-full.txt a joined copy and its UTF-8 bytes cost three times the file.</summary>
    internal static string Hash(string head, ReadOnlySpan<char> rest)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var encoder = Encoding.UTF8.GetEncoder();
        Span<byte> buffer = stackalloc byte[4096];
        Append(sha, encoder, head, flush: false, buffer);
        Append(sha, encoder, rest, flush: true, buffer);
        return Convert.ToHexStringLower(sha.GetHashAndReset());

        static void Append(IncrementalHash sha, Encoder encoder, ReadOnlySpan<char> chars, bool flush, Span<byte> buffer)
        {
            while (true)
            {
                encoder.Convert(chars, buffer, flush, out var used, out var written, out var completed);
                sha.AppendData(buffer[..written]);
                chars = chars[used..];
                if (completed && chars.IsEmpty)
                {
                    return;
                }
            }
        }
    }

    /// <param name="stop">The user's stop: before enhancement it skips it, during it ends it (the generated file is kept).</param>
    private async Task<PlanEnhancement?> EnhanceAsync(SitePlan plan, GenerationRequest request, CrawlResult crawl, CrawlEventRelay events, CancellationToken stop, CancellationToken cancellationToken)
    {
        if (!request.LlmEnhance) return null;
        if (!_enhancer.IsAvailable)
        {
            events.Log("LLM enhancement is not enabled on this server; keeping the generated file.");
            return null;
        }
        if (stop.IsCancellationRequested)
        {
            events.Log("Stopped: LLM enhancement skipped; keeping the generated file.");
            return null;
        }
        var input = new EnhancementInput(plan, FileComposer.StartPage(crawl), request.DescLength, request.EnhancementMemory);
        PlanEnhancement outcome;
        using var stopOrGone = CancellationTokenSource.CreateLinkedTokenSource(stop, cancellationToken);
        try
        {
            outcome = await _enhancer.EnhanceAsync(input, stopOrGone.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            events.Log("Stopped during LLM enhancement; keeping the generated file.", GenerationLogLevel.Warning);
            return null;
        }
        foreach (var (line, warning) in outcome.Report.Lines(_enhancer is LlmEnhancer llm ? llm.Model : "the enhancer"))
            events.Log(line, warning ? GenerationLogLevel.Warning : GenerationLogLevel.Info);
        return outcome;
    }

    private static string Summary(string llmsTxt, ValidationVerdict verdict, int listed, TimeSpan elapsed)
    {
        var size = Encoding.UTF8.GetByteCount(llmsTxt) / 1024.0;
        var errors = verdict.Findings.Count(f => f.IsError);
        return $"llms.txt: {listed} pages listed, {size:0.#} KiB, {elapsed.TotalSeconds:0.0} s; " + (verdict.IsValid
            ? (verdict.Findings.Count == 0 ? "valid" : $"valid with {verdict.Findings.Count} warnings")
            : $"{errors} validation errors");
    }

    private Crawler CrawlerFor(GenerationRequest request)
    {
        var key = (request.AllowPrivateNetworks || _crawlOptions.AllowPrivateNetworks, request.Concurrency ?? _crawlOptions.MaxConcurrencyPerHost);
        return _crawlers.GetOrAdd(key, k => new Lazy<Crawler>(() => new Crawler(
            _crawlOptions with { AllowPrivateNetworks = k.AllowPrivate, MaxConcurrencyPerHost = k.Concurrency },
            renderer: renderer,
            logger: _loggers.CreateLogger<Crawler>(),
            timeProvider: _time))).Value;
    }

    private static void Check(GenerationRequest request)
    {
        if (!request.Url.IsAbsoluteUri || request.Url.Scheme is not ("http" or "https"))
            throw new ArgumentException($"url must be an absolute http or https URL, got '{request.Url}'.", nameof(request));
        var limits = CrawlLimits.Contract;
        if (!limits.MaxPages.Contains(request.MaxPages))
            throw new ArgumentException($"maxPages must be {limits.MaxPages.Describe()}, got {request.MaxPages}.", nameof(request));
        if (!limits.DescLength.Contains(request.DescLength))
            throw new ArgumentException($"descLength must be {limits.DescLength.Describe()}, got {request.DescLength}.", nameof(request));
        if (request.FullMaxChars is { } cap && !limits.FullMaxChars.Contains(cap))
            throw new ArgumentException($"the llms-full.txt cap must be {limits.FullMaxChars.Describe()} characters, got {request.FullMaxChars}.", nameof(request));
    }


    public void Dispose()
    {
        foreach (var crawler in _crawlers.Values.Where(l => l.IsValueCreated)) crawler.Value.Dispose();
        _crawlers.Clear();
    }
}
