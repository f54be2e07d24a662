using System.Text.Json;

namespace LlmsTxt.Server.Crawls;

/// <summary>
/// One server message on <c>/ws/crawl</c>: <c>{"type":T,"content":C}</c>. Use the factories so the types
/// and content shapes stay exactly SPEC's.
/// </summary>
public sealed record CrawlMessage(string Type, object? Content)
{
    /// <summary>camelCase, as the protocol's field names (<c>maxPages</c>, <c>crawled</c>, ...): the generated contracts' settings.</summary>
    public static JsonSerializerOptions Json => Web.ServerJson.Default.Options;

    public static CrawlMessage Log(string line) => new("log", line);

    public static CrawlMessage Progress(CrawlProgress progress) => new("progress", progress);

    public static CrawlMessage Result(string llmsTxt) => new("result", llmsTxt);

    public static CrawlMessage FullText(string llmsFullTxt) => new("full", llmsFullTxt);

    public static CrawlMessage HostedUrl(Uri url) => new("url", url.ToString());

    public static CrawlMessage HostedFullUrl(Uri url) => new("full_url", url.ToString());

    /// <summary>A clear, human message; never a secret or a stack trace.</summary>
    public static CrawlMessage Error(string message) => new("error", message);

    public static CrawlMessage Done(CrawlDone done) => new("done", done);

    /// <summary>An extra message type: the validator's verdict on <c>result</c>, for the page to show.</summary>
    public static CrawlMessage Validation(CrawlValidation verdict) => new("validation", verdict);

    /// <summary>The content is written by its own type's generated contract.</summary>
    public byte[] ToUtf8Json() => JsonSerializer.SerializeToUtf8Bytes(this, Web.ServerJson.Default.CrawlMessage);
}

/// <summary>
/// Content of a <c>progress</c> message. SPEC's four fields first, unchanged (<c>crawled</c> counts pages read,
/// which can pass <c>maxPages</c> while duplicates and concurrent fetches settle); then the shared vocabulary:
/// <c>listed</c> (never more than <c>maxPages</c>; exact in the last progress) and <c>fetched</c>.
/// </summary>
public sealed record CrawlProgress(int Crawled, int Failed, int Queued, int MaxPages)
{
    public int Listed { get; init; } = Math.Min(Crawled, MaxPages);

    public int Fetched { get; init; } = Crawled;
}

/// <summary>
/// Content of the final <c>done</c> message: SPEC's <c>pages</c> (= listed), <c>failed</c>, <c>seconds</c> first, then
/// <c>listed</c>, <c>fetched</c>, <c>leftOut</c> (pages not in the file, by reason: duplicate, otherLanguage, robots,
/// noindex, overBudget), <c>partial</c> (stopped early) <c>fullPagesLeftOut</c> and <c>fullPagesShortened</c> (llms-full.txt hit its size cap).
/// </summary>
public sealed record CrawlDone(int Pages, int Failed, double Seconds)
{
    public int Listed { get; init; } = Pages;

    public int Fetched { get; init; }

    public IReadOnlyDictionary<string, int> LeftOut { get; init; } = new Dictionary<string, int>();

    public bool Partial { get; init; }

    public int FullPagesLeftOut { get; init; }

    /// <summary>Pages of llms-full.txt shortened to their fair share of the size cap.</summary>
    public int FullPagesShortened { get; init; }

    /// <summary>Extension: what LLM enhancement cost, only when it ran (absent otherwise, so the SPEC's fields stay as they were).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public CrawlDoneLlm? Llm { get; init; }
}

/// <summary>The <c>llm</c> field of <c>done</c>: requests sent (retries included), tokens from the answers' <c>usage</c>,
/// chunks improved of chunks sent, descriptions reused from the last run.</summary>
public sealed record CrawlDoneLlm(int Requests, long PromptTokens, long CompletionTokens, int ChunksImproved, int Chunks, int DescriptionsReused)
{
    public static CrawlDoneLlm? From(LlmsTxt.Core.Enhancement.EnhancementReport? report) => report is null || report.NotRun is not null ? null
        : new(report.Usage.Requests, report.Usage.PromptTokens, report.Usage.CompletionTokens, report.Chunks.Count(c => c.Improved), report.Chunks.Count, report.DescriptionsReused);
}

/// <summary>Content of a <c>validation</c> message: <c>{"valid":…,"problems":[{"line":…,"severity":"error"|"warning","message":…}]}</c>.</summary>
public sealed record CrawlValidation(bool Valid, IReadOnlyList<CrawlValidationProblem> Problems);

public sealed record CrawlValidationProblem(int Line, string Severity, string Message);
