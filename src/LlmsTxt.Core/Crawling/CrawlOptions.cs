namespace LlmsTxt.Core.Crawling;

/// <summary>
/// Limits and politeness settings of the crawler. The defaults are the product contract's numbers; hosts map their
/// own configuration onto these properties (the server's variables are listed in its <c>CrawlLimitOptions</c>).
/// </summary>
public sealed record CrawlOptions
{
    /// <summary>Product token matched against robots.txt groups (RFC 9309 wants [a-zA-Z_-]).</summary>
    public string RobotsProductToken { get; init; } = "llmstxt-bot";

    /// <summary>The identifying User-Agent header sent with every request.</summary>
    public string UserAgent { get; init; } = "llmstxt-bot/1.0 (+https://llmstxt.org; llms.txt generator)";

    /// <summary>Requests in flight per host (Scrapy's default is 8).</summary>
    public int MaxConcurrencyPerHost { get; init; } = 8;

    /// <summary>When false (server default) every connection is vetted by <see cref="AddressClassifier"/>.</summary>
    public bool AllowPrivateNetworks { get; init; }

    /// <summary>
    /// How a person whose target was refused as private can allow it, in the host's own words (the server names its
    /// setting, the CLI its flag), ending a refusal's message after "Only public internet addresses are crawled; ".
    /// Null says only that private targets are refused: Core knows neither the settings nor the flags.
    /// </summary>
    public string? PrivateTargetsAdvice { get; init; }

    /// <summary>Test seam only: one host name mapped to a loopback fixture and treated as public by the guard.</summary>
    public GuardTestHost? GuardTestHost { get; init; }

    /// <summary>The connect-time address rule for this crawl (pages, and the browser's proxy when rendering).</summary>
    public AddressGuard Guard => new(AllowPrivateNetworks) { TestHost = GuardTestHost, Advice = PrivateTargetsAdvice };

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>Longest wait for headers or for the next chunk of the body.</summary>
    public TimeSpan IdleReadTimeout { get; init; } = TimeSpan.FromSeconds(15);
    /// <summary>Budget for one page including all its redirects (one attempt).</summary>
    public TimeSpan PageTimeout { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>Budget for the whole crawl; what was fetched until then is kept.</summary>
    public TimeSpan CrawlDeadline { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Bytes per page after decompression; larger pages are cut here. 5 MiB rather than the contract's 10: a page
    /// at the cap is held as text and DOM while it is parsed, and bench/hostile measured +74 MB over a warm
    /// server at 10 MiB against about +40 MB at 5; real documentation pages stay well under 3 MiB.
    /// </summary>
    public long MaxPageBytes { get; init; } = 5 * 1024 * 1024;
    public int MaxRedirects { get; init; } = 5;
    public int MaxRetries { get; init; } = 3;
    /// <summary>First retry waits this long, doubling per retry, unless Retry-After says otherwise.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);
    /// <summary>A Retry-After larger than this is cut to it.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(30);

    public long MaxRobotsBytes { get; init; } = 500 * 1024;
    public TimeSpan RobotsCacheDuration { get; init; } = TimeSpan.FromHours(24);
    /// <summary>Crawl-delay from robots.txt is honoured up to this value.</summary>
    public TimeSpan MaxCrawlDelay { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>Minimum spacing between request starts to one host, whatever robots.txt says.</summary>
    public TimeSpan MinCrawlDelay { get; init; } = TimeSpan.Zero;

    public long MaxSitemapBytes { get; init; } = 50 * 1024 * 1024;
    public int MaxSitemapUrls { get; init; } = 50_000;
    public int MaxSitemapDepth { get; init; } = 2;
    /// <summary>Sitemap documents read per crawl (an index may list thousands of children).</summary>
    public int MaxSitemapDocuments { get; init; } = 50;

    public int MaxUrlLength { get; init; } = Generation.CrawlLimits.Contract.MaxUrlLength;
    public int MaxQueryLength { get; init; } = 1024;
    public int MaxPathSegments { get; init; } = 20;
    /// <summary>A path segment appearing more often than this marks a URL trap.</summary>
    public int MaxSegmentRepeats { get; init; } = 2;
    public int MaxLinkDepth { get; init; } = 20;
    /// <summary>
    /// Links followed per self-generating URL pattern (pages that link to more pages of their own shape with a
    /// changing number: calendars, endless pagers); see <see cref="UrlTemplates"/>.
    /// </summary>
    public int MaxPagesPerPattern { get; init; } = 10;

    /// <summary>Attempts allowed per listed page, so failures can be replaced (3 × maxPages).</summary>
    public int AttemptsPerPage { get; init; } = 3;

    /// <summary>Pages with fewer words than this are rendered when rendering is allowed.</summary>
    public int RenderWordThreshold { get; init; } = 50;

    public bool CheckMarkdownTwins { get; init; } = true;
    /// <summary>Pages probed for a Markdown twin first, spread across the site's sections; when none has one, the rest are not probed.</summary>
    public int MarkdownTwinSample { get; init; } = 16;
    public long MaxMarkdownTwinProbeBytes { get; init; } = 64 * 1024;

    /// <summary>Throws <see cref="InvalidSettingException"/> naming the first property whose value is out of range.</summary>
    public void Validate()
    {
        Require(MaxConcurrencyPerHost is >= 1 and <= 256, nameof(MaxConcurrencyPerHost), "1-256");
        Require(Positive(ConnectTimeout), nameof(ConnectTimeout), "a positive duration");
        Require(Positive(IdleReadTimeout), nameof(IdleReadTimeout), "a positive duration");
        Require(Positive(PageTimeout), nameof(PageTimeout), "a positive duration");
        Require(Positive(CrawlDeadline), nameof(CrawlDeadline), "a positive duration");
        Require(MaxPageBytes is >= 1024 and <= 1024 * 1024 * 1024, nameof(MaxPageBytes), "1 KiB to 1 GiB");
        Require(MaxRedirects is >= 0 and <= 20, nameof(MaxRedirects), "0-20");
        Require(MaxRetries is >= 0 and <= 10, nameof(MaxRetries), "0-10");
        Require(RetryBaseDelay >= TimeSpan.Zero, nameof(RetryBaseDelay), "a non-negative duration");
        Require(MaxRetryAfter >= TimeSpan.Zero, nameof(MaxRetryAfter), "a non-negative duration");
        Require(MaxRobotsBytes >= 1024, nameof(MaxRobotsBytes), "at least 1024");
        Require(MaxCrawlDelay >= TimeSpan.Zero, nameof(MaxCrawlDelay), "a non-negative duration");
        Require(MinCrawlDelay >= TimeSpan.Zero, nameof(MinCrawlDelay), "a non-negative duration");
        Require(MaxSitemapBytes >= 1024, nameof(MaxSitemapBytes), "at least 1024");
        Require(MaxSitemapUrls >= 1, nameof(MaxSitemapUrls), "at least 1");
        Require(MaxSitemapDepth is >= 0 and <= 5, nameof(MaxSitemapDepth), "0-5");
        Require(MaxLinkDepth is >= 0 and <= 100, nameof(MaxLinkDepth), "0-100");
        Require(MaxPagesPerPattern is >= 1 and <= 10_000, nameof(MaxPagesPerPattern), "1-10000");
        Require(AttemptsPerPage is >= 1 and <= 10, nameof(AttemptsPerPage), "1-10");
        Require(!string.IsNullOrWhiteSpace(UserAgent), nameof(UserAgent), "a non-empty string");
        Require(RobotsTxt.IsValidProductToken(RobotsProductToken), nameof(RobotsProductToken), "letters, '_' and '-' only");
    }

    private static bool Positive(TimeSpan value) => value > TimeSpan.Zero;

    private static void Require(bool ok, string property, string allowed)
    {
        if (!ok)
        {
            throw new InvalidSettingException(property, $"is out of range; allowed: {allowed}.");
        }
    }
}
