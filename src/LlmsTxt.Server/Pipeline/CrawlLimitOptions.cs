using LlmsTxt.Core;
using LlmsTxt.Core.Crawling;
using LlmsTxt.Core.Generation;
using LlmsTxt.Server.Configuration;

namespace LlmsTxt.Server.Pipeline;

/// <summary>
/// Crawl limits for every generation the server runs (socket and scheduler), from <c>CRAWL_*</c>
/// variables; durations in seconds. Defaults are the product contract's numbers.
/// </summary>
public sealed class CrawlLimitOptions
{
    public CrawlOptions Crawl { get; set; } = new();

    /// <summary><c>LLMS_FULL_MAX_CHARS</c>: cap on llms-full.txt; pages beyond it are listed, not inlined.</summary>
    public int FullMaxChars { get; set; } = CrawlLimits.Contract.FullMaxChars.Default;

    /// <summary>The variable behind each crawl option the server reads: the one place these names are spelled.</summary>
    private static readonly Dictionary<string, string> Variables = new(StringComparer.Ordinal)
    {
        [nameof(CrawlOptions.MaxConcurrencyPerHost)] = "CRAWL_MAX_CONCURRENCY_PER_HOST",
        [nameof(CrawlOptions.ConnectTimeout)] = "CRAWL_CONNECT_TIMEOUT",
        [nameof(CrawlOptions.IdleReadTimeout)] = "CRAWL_IDLE_READ_TIMEOUT",
        [nameof(CrawlOptions.PageTimeout)] = "CRAWL_PAGE_TIMEOUT",
        [nameof(CrawlOptions.CrawlDeadline)] = "CRAWL_DEADLINE",
        [nameof(CrawlOptions.MaxPageBytes)] = "CRAWL_MAX_PAGE_BYTES",
        [nameof(CrawlOptions.MaxRedirects)] = "CRAWL_MAX_REDIRECTS",
        [nameof(CrawlOptions.MaxRetries)] = "CRAWL_MAX_RETRIES",
        [nameof(CrawlOptions.MaxLinkDepth)] = "CRAWL_MAX_LINK_DEPTH",
        [nameof(CrawlOptions.MaxPagesPerPattern)] = "CRAWL_MAX_PAGES_PER_PATTERN",
        [nameof(CrawlOptions.MaxRetryAfter)] = "CRAWL_MAX_RETRY_AFTER",
        [nameof(CrawlOptions.MinCrawlDelay)] = "CRAWL_MIN_DELAY",
        [nameof(CrawlOptions.UserAgent)] = "CRAWL_USER_AGENT",
    };

    internal static void Read(EnvSettings env, CrawlLimitOptions options)
    {
        var d = new CrawlOptions();
        static string V(string option) => Variables[option];
        options.Crawl = d with
        {
            AllowPrivateNetworks = env.Flag("ALLOW_PRIVATE_NETWORKS", false),
            PrivateTargetsAdvice = "set ALLOW_PRIVATE_NETWORKS=true on the server to allow private targets",
            MaxConcurrencyPerHost = env.Number(V(nameof(d.MaxConcurrencyPerHost)), d.MaxConcurrencyPerHost, 1, 256),
            ConnectTimeout = env.Seconds(V(nameof(d.ConnectTimeout)), d.ConnectTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5)),
            IdleReadTimeout = env.Seconds(V(nameof(d.IdleReadTimeout)), d.IdleReadTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5)),
            PageTimeout = env.Seconds(V(nameof(d.PageTimeout)), d.PageTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10)),
            CrawlDeadline = env.Seconds(V(nameof(d.CrawlDeadline)), d.CrawlDeadline, TimeSpan.FromSeconds(10), TimeSpan.FromHours(6)),
            MaxPageBytes = env.Number(V(nameof(d.MaxPageBytes)), (int)d.MaxPageBytes, 1024, 1024 * 1024 * 1024),
            MaxRedirects = env.Number(V(nameof(d.MaxRedirects)), d.MaxRedirects, 0, 20),
            MaxRetries = env.Number(V(nameof(d.MaxRetries)), d.MaxRetries, 0, 10),
            MaxLinkDepth = env.Number(V(nameof(d.MaxLinkDepth)), d.MaxLinkDepth, 0, 100),
            MaxPagesPerPattern = env.Number(V(nameof(d.MaxPagesPerPattern)), d.MaxPagesPerPattern, 1, 10_000),
            MaxRetryAfter = env.Seconds(V(nameof(d.MaxRetryAfter)), d.MaxRetryAfter, TimeSpan.Zero, TimeSpan.FromMinutes(10)),
            MinCrawlDelay = env.Seconds(V(nameof(d.MinCrawlDelay)), d.MinCrawlDelay, TimeSpan.Zero, TimeSpan.FromMinutes(1)),
            UserAgent = env.Text(V(nameof(d.UserAgent)), d.UserAgent),
        };
        var fullMaxChars = CrawlLimits.Contract.FullMaxChars;
        options.FullMaxChars = env.Number("LLMS_FULL_MAX_CHARS", fullMaxChars.Default, fullMaxChars.Min, fullMaxChars.Max);
        try
        {
            options.Crawl.Validate();
        }
        catch (InvalidSettingException ex)
        {
            // Core names its option; the person set a variable, so the error names that.
            env.Fail(Variables.GetValueOrDefault(ex.Setting, ex.Setting), ex.Problem);
        }
    }
}
