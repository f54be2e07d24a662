using LlmsTxt.Core.Crawling;
using LlmsTxt.Server.Configuration;

namespace LlmsTxt.Server.Crawls;

/// <summary>
/// Crawl limits for every generation the server runs (socket and scheduler), from <c>CRAWL_*</c>
/// variables; durations in seconds. Defaults are the product contract's numbers.
/// </summary>
public sealed class CrawlLimitOptions
{
    public CrawlOptions Crawl { get; set; } = new();

    /// <summary><c>LLMS_FULL_MAX_CHARS</c>: cap on llms-full.txt; pages beyond it are listed, not inlined.</summary>
    public int FullMaxChars { get; set; } = 4_000_000;

    internal static void Read(EnvSettings env, CrawlLimitOptions options)
    {
        var d = new CrawlOptions();
        options.Crawl = d with
        {
            AllowPrivateNetworks = env.Flag("ALLOW_PRIVATE_NETWORKS", false),
            MaxConcurrencyPerHost = env.Number("CRAWL_MAX_CONCURRENCY_PER_HOST", d.MaxConcurrencyPerHost, 1, 256),
            ConnectTimeout = env.Seconds("CRAWL_CONNECT_TIMEOUT", d.ConnectTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5)),
            IdleReadTimeout = env.Seconds("CRAWL_IDLE_READ_TIMEOUT", d.IdleReadTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5)),
            PageTimeout = env.Seconds("CRAWL_PAGE_TIMEOUT", d.PageTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10)),
            CrawlDeadline = env.Seconds("CRAWL_DEADLINE", d.CrawlDeadline, TimeSpan.FromSeconds(10), TimeSpan.FromHours(6)),
            MaxPageBytes = env.Number("CRAWL_MAX_PAGE_BYTES", (int)d.MaxPageBytes, 1024, int.MaxValue),
            MaxRedirects = env.Number("CRAWL_MAX_REDIRECTS", d.MaxRedirects, 0, 20),
            MaxRetries = env.Number("CRAWL_MAX_RETRIES", d.MaxRetries, 0, 10),
            MaxLinkDepth = env.Number("CRAWL_MAX_LINK_DEPTH", d.MaxLinkDepth, 0, 100),
            MaxPagesPerPattern = env.Number("CRAWL_MAX_PAGES_PER_PATTERN", d.MaxPagesPerPattern, 1, 10_000),
            MaxRetryAfter = env.Seconds("CRAWL_MAX_RETRY_AFTER", d.MaxRetryAfter, TimeSpan.Zero, TimeSpan.FromMinutes(10)),
            MinCrawlDelay = env.Seconds("CRAWL_MIN_DELAY", d.MinCrawlDelay, TimeSpan.Zero, TimeSpan.FromMinutes(1)),
            UserAgent = env.Text("CRAWL_USER_AGENT", d.UserAgent),
        };
        options.FullMaxChars = env.Number("LLMS_FULL_MAX_CHARS", options.FullMaxChars, 1000, int.MaxValue);
        try
        {
            options.Crawl.Validate();
        }
        catch (ArgumentException ex)
        {
            var name = ex.Message.Split(' ')[0];
            env.Fail(name, ex.Message[(name.Length + 1)..]);
        }
    }
}
