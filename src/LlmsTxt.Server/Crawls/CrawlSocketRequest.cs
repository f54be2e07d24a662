using LlmsTxt.Core.Generation;

namespace LlmsTxt.Server.Crawls;

/// <summary>
/// A validated crawl request from <c>/ws/crawl</c> (SPEC "HTTP API" table). Every value is in range;
/// the generator maps it onto its own options. Build one in tests with
/// <c>new CrawlSocketRequest(new Uri("https://example.com")) { MaxPages = 10 }</c>.
/// </summary>
/// <param name="Url">Absolute http/https URL of the site.</param>
public sealed record CrawlSocketRequest(Uri Url)
{
    /// <summary><c>maxPages</c>: 1–1000 pages in the result.</summary>
    public int MaxPages { get; init; } = CrawlLimits.Contract.MaxPages.Default;

    /// <summary><c>descLength</c>: 100–2000 characters of page text excerpt.</summary>
    public int DescLength { get; init; } = CrawlLimits.Contract.DescLength.Default;

    /// <summary><c>enableAutoUpdate</c>: enrol the site for scheduled recrawls.</summary>
    public bool EnableAutoUpdate { get; init; }

    /// <summary><c>recrawlIntervalMinutes</c>: 60–43200 minutes, used with <see cref="EnableAutoUpdate"/>.</summary>
    public TimeSpan RecrawlInterval { get; init; } = TimeSpan.FromMinutes(CrawlLimits.Contract.RecrawlIntervalMinutes.Default);

    /// <summary><c>llmEnhance</c>: improve the file with an LLM, if the server enables it.</summary>
    public bool LlmEnhance { get; init; }

    /// <summary><c>useBrightdata</c> / <c>renderJs</c>: allow headless rendering; null = the server's setting.</summary>
    public bool? RenderJs { get; init; }

    /// <summary><c>full</c>: also produce llms-full.txt.</summary>
    public bool Full { get; init; }

    /// <summary>
    /// <c>webhookSecret</c> (extension): what <c>/internal/hooks/site-changed</c> must present for this site;
    /// 16–200 printable ASCII characters, only with <see cref="EnableAutoUpdate"/>. Hidden from <c>ToString</c>.
    /// </summary>
    public HiddenSecret? WebhookSecret { get; init; }
}

/// <summary>A secret that prints as <c>***</c>, so no log line or record dump can show it.</summary>
public sealed class HiddenSecret(string value)
{
    public string Value { get; } = value;

    public override string ToString() => "***";
}

/// <summary>What one client text message on <c>/ws/crawl</c> turned out to be.</summary>
public abstract record ClientMessage;

/// <summary>A valid crawl request.</summary>
public sealed record CrawlRequested(CrawlSocketRequest Request) : ClientMessage;

/// <summary><c>{"type":"cancel"}</c>: stop the crawl and build the result from the pages fetched so far.</summary>
public sealed record CancelRequested : ClientMessage;

/// <summary>A bad message: <paramref name="Field"/> names what was wrong, <paramref name="Message"/> says what is allowed (sent to the client as is).</summary>
public sealed record InvalidClientMessage(string Field, string Message) : ClientMessage;
