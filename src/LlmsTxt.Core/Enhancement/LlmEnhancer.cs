using System.Net.Http.Headers;
using LlmsTxt.Core.Extraction;
using LlmsTxt.Core.Writing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LlmsTxt.Core.Enhancement;

/// <summary>
/// Improves a planned llms.txt with an OpenAI-compatible chat completions endpoint (OpenRouter by default, any
/// local or hosted server that speaks the protocol): one request for the header, one per section or slice of a
/// section under the prompt budget, <see cref="LlmEnhancerOptions.Concurrency"/> at a time. Each answer maps URLs to
/// descriptions; good ones are substituted into the plan, a bad chunk keeps its original text. The caller renders
/// the returned plan with the writers, so URLs, sections, order and format are the generated file's by construction.
/// Never throws except <see cref="OperationCanceledException"/> when the caller cancels.
/// </summary>
public sealed class LlmEnhancer : ILlmsTxtEnhancer, IDisposable
{
    private readonly LlmEnhancerOptions _options;
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly LlmChatClient _client;

    /// <param name="httpClient">Optional; when given, its <see cref="HttpClient.Timeout"/> should be infinite (the options' timeout applies per attempt).</param>
    public LlmEnhancer(LlmEnhancerOptions options, ILogger<LlmEnhancer>? logger = null, HttpClient? httpClient = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _time = timeProvider ?? TimeProvider.System;
        _ownsHttp = httpClient is null;
        _http = httpClient ?? new HttpClient(new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            UseProxy = true,
            MaxConnectionsPerServer = Math.Max(options.Concurrency, 2),
        })
        {
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
            MaxResponseContentBufferSize = 8 * 1024 * 1024,
        };
        _client = new LlmChatClient(_http, options, _logger, _time);
    }

    public bool IsAvailable => _options.IsAvailable;

    public string Model => _options.Model;

    public async Task<PlanEnhancement> EnhanceAsync(EnhancementInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var memory = input.Memory ?? EnhancementMemory.Empty;
        if (!IsAvailable)
            return new(input.Plan, EnhancementReport.Nothing("LLM enhancement is off: it must be enabled, with an API key or a model server on this machine"), memory);

        var started = _time.GetTimestamp();
        var work = EnhancementPlanner.Plan(input, _options, _client, memory);
        var outcomes = new ChunkVerdict[work.Chunks.Count];
        HeaderVerdict? header = null;
        var usage = LlmUsage.None;
        var gate = new Lock();
        var jobs = (work.Header is null ? 0 : 1) + work.Chunks.Count;
        await Parallel.ForEachAsync(Enumerable.Range(0, jobs), new ParallelOptions { MaxDegreeOfParallelism = _options.Concurrency, CancellationToken = cancellationToken },
            async (job, token) =>
            {
                var index = work.Header is null ? job : job - 1;
                var prompt = index < 0 ? work.Header!.Prompt : work.Chunks[index].Prompt;
                var answer = await _client.SendAsync(prompt, token);
                lock (gate) usage = usage.Add(answer.Usage);
                if (index < 0) header = AnswerJudge.Header(work.Header!, answer, input.Plan);
                else outcomes[index] = AnswerJudge.Chunk(work.Chunks[index], answer, input.MaxDescriptionLength);
            });

        var enhanced = Apply(input.Plan, work, outcomes, header);
        var report = Report(work, outcomes, header, usage, _time.GetElapsedTime(started));
        _logger.LogInformation("LLM enhancement with {Model}: {Requests} requests, {PromptTokens} prompt and {CompletionTokens} completion tokens; {Improved} of {Chunks} chunks improved, {Reused} descriptions reused",
            _options.Model, usage.Requests, usage.PromptTokens, usage.CompletionTokens, report.Chunks.Count(c => c.Improved), report.Chunks.Count, report.DescriptionsReused);
        return new PlanEnhancement(enhanced.Plan, report, enhanced.Memory);
    }

    private (SitePlan Plan, EnhancementMemory Memory) Apply(SitePlan plan, EnhancementWork work, ChunkVerdict[] outcomes, HeaderVerdict? header)
    {
        var notes = new Dictionary<string, RememberedDescription>(work.Reused, StringComparer.Ordinal);
        for (var i = 0; i < outcomes.Length; i++)
        {
            var hashes = work.Chunks[i].Entries.ToDictionary(e => e.Url, e => e.InputHash, StringComparer.Ordinal);
            foreach (var (url, text) in outcomes[i].Accepted) notes[url] = new RememberedDescription(hashes[url], text);
        }
        var head = header?.Accepted ?? work.ReusedHeader;
        // Only notes and header texts change: the sections, their entries and their order stay the planner's.
        var sections = plan.Sections.Select(s => s with
        {
            Pages = [.. s.Pages.Select(p => notes.TryGetValue(MarkdownText.EscapeUrl(p.Url), out var note) ? p with { Note = note.Text } : p)],
        }).ToList();
        var enhanced = plan with
        {
            SiteName = head?.Title ?? plan.SiteName,
            Summary = head?.Summary ?? plan.Summary,
            About = head?.About ?? plan.About,
            Sections = sections,
        };
        return (enhanced, new EnhancementMemory { Model = _options.Model, Header = head, Descriptions = notes });
    }

    private static EnhancementReport Report(EnhancementWork work, ChunkVerdict[] outcomes, HeaderVerdict? header, LlmUsage usage, TimeSpan duration)
    {
        var refused = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (reason, count) in outcomes.SelectMany(o => o.Refused)) refused[reason] = refused.GetValueOrDefault(reason) + count;
        if (work.TooLarge > 0) refused["too large for the prompt budget"] = work.TooLarge;
        return new EnhancementReport
        {
            Usage = usage,
            Chunks = [.. work.Chunks.Zip(outcomes, (c, o) => new ChunkOutcome(c.Name, c.Entries.Count, o.Kept is null, o.Kept))],
            HeaderImproved = header?.Accepted is not null,
            HeaderReused = work.ReusedHeader is not null,
            HeaderKept = header?.Kept,
            DescriptionsImproved = outcomes.Sum(o => o.Accepted.Count),
            DescriptionsReused = work.Reused.Count,
            DescriptionsRefused = refused,
            Duration = duration,
        };
    }

    /// <summary>
    /// How long to wait before retry <paramref name="attempt"/>+1: the provider's Retry-After when it sends one,
    /// else exponential backoff from <see cref="LlmEnhancerOptions.RetryDelay"/>; never more than <see cref="LlmEnhancerOptions.MaxRetryDelay"/>.
    /// </summary>
    public static TimeSpan RetryDelay(int attempt, RetryConditionHeaderValue? retryAfter, LlmEnhancerOptions options, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(options);
        var wanted = retryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - now,
            _ => options.RetryDelay * Math.Pow(2, attempt),
        };
        if (wanted < TimeSpan.Zero) wanted = TimeSpan.Zero;
        return wanted > options.MaxRetryDelay ? options.MaxRetryDelay : wanted;
    }

    public void Dispose()
    {
        if (_ownsHttp) _http.Dispose();
    }
}
