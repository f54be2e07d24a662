using System.Text.Json.Serialization;
using LlmsTxt.Server.Publishing;

namespace LlmsTxt.Server.Sites;

/// <summary>One row of <c>crawl_sites</c>: an enrolled site and its scheduling state.</summary>
public sealed record CrawlSite
{
    public long Id { get; init; }
    public required string BaseUrl { get; init; }
    public SiteSettings Settings { get; init; } = new();
    public TimeSpan RecrawlInterval { get; init; }
    /// <summary>The stored (salted, hashed) webhook secret; never serialised. Check with <see cref="WebhookSecrets.Matches"/>.</summary>
    [JsonIgnore]
    public string? WebhookSecret { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public DateTimeOffset? LastCrawledAt { get; init; }
    public DateTimeOffset? LastChangedAt { get; init; }
    public DateTimeOffset NextCrawlAt { get; init; }
    public string? LatestHash { get; init; }
    public string? LatestUrl { get; init; }
    public string? LatestFullUrl { get; init; }
    public string? SitemapUrl { get; init; }
    public DateTimeOffset? SitemapLastModified { get; init; }
    public TimeSpan? AverageChangeInterval { get; init; }
    public string? LastError { get; init; }
    public int ConsecutiveFailures { get; init; }
    public string? LeaseOwner { get; init; }
    public DateTimeOffset? LeaseUntil { get; init; }
    public int CrawlCount { get; init; }
}

/// <summary>
/// What enrolling a site records (upsert by base URL): the settings, the file just generated and
/// the sitemap sentinel, so the first scheduled pass can already skip an unchanged site.
/// </summary>
public sealed record SiteEnrolment
{
    public required string BaseUrl { get; init; }
    public SiteSettings Settings { get; init; } = new();
    public TimeSpan RecrawlInterval { get; init; } = TimeSpan.FromDays(7);
    public string? ContentHash { get; init; }
    public string? HostedUrl { get; init; }
    public string? HostedFullUrl { get; init; }
    public string? SitemapUrl { get; init; }
    public DateTimeOffset? SitemapLastModified { get; init; }

    /// <summary>The plain secret (hashed before it is stored); null keeps the secret a re-enrolled site already has.</summary>
    public string? WebhookSecret { get; init; }

    /// <summary>When the site was crawled for this enrolment; null means not crawled yet (due now).</summary>
    public DateTimeOffset? CrawledAt { get; init; }
}

/// <summary>The state a finished scheduled crawl (success, skip or failure) writes back, releasing the lease.</summary>
public sealed record SiteUpdate
{
    public DateTimeOffset? LastCrawledAt { get; init; }
    public DateTimeOffset? LastChangedAt { get; init; }
    public required DateTimeOffset NextCrawlAt { get; init; }
    public string? LatestHash { get; init; }
    public string? LatestUrl { get; init; }
    public string? LatestFullUrl { get; init; }
    public string? SitemapUrl { get; init; }
    public DateTimeOffset? SitemapLastModified { get; init; }
    public TimeSpan? AverageChangeInterval { get; init; }
    public string? LastError { get; init; }
    public int ConsecutiveFailures { get; init; }

    /// <summary>True when a crawl actually ran (counts in <see cref="CrawlSite.CrawlCount"/>).</summary>
    public bool Crawled { get; init; }

    /// <summary>Everything as it is on <paramref name="site"/>, to change with <c>with { ... }</c>.</summary>
    public static SiteUpdate From(CrawlSite site) => new()
    {
        LastCrawledAt = site.LastCrawledAt,
        LastChangedAt = site.LastChangedAt,
        NextCrawlAt = site.NextCrawlAt,
        LatestHash = site.LatestHash,
        LatestUrl = site.LatestUrl,
        LatestFullUrl = site.LatestFullUrl,
        SitemapUrl = site.SitemapUrl,
        SitemapLastModified = site.SitemapLastModified,
        AverageChangeInterval = site.AverageChangeInterval,
        LastError = site.LastError,
        ConsecutiveFailures = site.ConsecutiveFailures,
    };
}
