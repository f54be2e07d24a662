using System.Globalization;
using System.Text.Json;
using LlmsTxt.Server.Publishing;

namespace LlmsTxt.Server.Sites;

/// <summary>
/// A <c>crawl_sites</c> row as Dapper reads it. Timestamps arrive as <see cref="DateTime"/> from
/// PostgreSQL and as text from SQLite; <see cref="SqlTime"/> converts both ways.
/// </summary>
internal sealed class SiteRow
{
    public const string Columns = """
        id AS Id, base_url AS BaseUrl, settings AS Settings, recrawl_interval_minutes AS RecrawlIntervalMinutes,
        webhook_secret AS WebhookSecret, created_at AS CreatedAt, updated_at AS UpdatedAt, last_crawled_at AS LastCrawledAt,
        last_changed_at AS LastChangedAt, next_crawl_at AS NextCrawlAt, latest_hash AS LatestHash, latest_url AS LatestUrl,
        latest_full_url AS LatestFullUrl, sitemap_url AS SitemapUrl, sitemap_lastmod AS SitemapLastmod,
        avg_change_interval_seconds AS AvgChangeIntervalSeconds, last_error AS LastError,
        consecutive_failures AS ConsecutiveFailures, lease_owner AS LeaseOwner, lease_until AS LeaseUntil, crawl_count AS CrawlCount
        """;

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public long Id { get; set; }
    public string BaseUrl { get; set; } = "";
    public string Settings { get; set; } = "{}";
    public long RecrawlIntervalMinutes { get; set; }
    public string? WebhookSecret { get; set; }
    public object? CreatedAt { get; set; }
    public object? UpdatedAt { get; set; }
    public object? LastCrawledAt { get; set; }
    public object? LastChangedAt { get; set; }
    public object? NextCrawlAt { get; set; }
    public string? LatestHash { get; set; }
    public string? LatestUrl { get; set; }
    public string? LatestFullUrl { get; set; }
    public string? SitemapUrl { get; set; }
    public object? SitemapLastmod { get; set; }
    public double? AvgChangeIntervalSeconds { get; set; }
    public string? LastError { get; set; }
    public long ConsecutiveFailures { get; set; }
    public string? LeaseOwner { get; set; }
    public object? LeaseUntil { get; set; }
    public long CrawlCount { get; set; }

    public CrawlSite ToSite() => new()
    {
        Id = Id,
        BaseUrl = BaseUrl,
        Settings = ReadSettings(Settings),
        RecrawlInterval = TimeSpan.FromMinutes(RecrawlIntervalMinutes),
        WebhookSecret = WebhookSecret,
        CreatedAt = SqlTime.Read(CreatedAt) ?? default,
        UpdatedAt = SqlTime.Read(UpdatedAt) ?? default,
        LastCrawledAt = SqlTime.Read(LastCrawledAt),
        LastChangedAt = SqlTime.Read(LastChangedAt),
        NextCrawlAt = SqlTime.Read(NextCrawlAt) ?? default,
        LatestHash = LatestHash,
        LatestUrl = LatestUrl,
        LatestFullUrl = LatestFullUrl,
        SitemapUrl = SitemapUrl,
        SitemapLastModified = SqlTime.Read(SitemapLastmod),
        AverageChangeInterval = AvgChangeIntervalSeconds is { } s ? TimeSpan.FromSeconds(s) : null,
        LastError = LastError,
        ConsecutiveFailures = (int)ConsecutiveFailures,
        LeaseOwner = LeaseOwner,
        LeaseUntil = SqlTime.Read(LeaseUntil),
        CrawlCount = (int)CrawlCount,
    };

    private static SiteSettings ReadSettings(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<SiteSettings>(json, Json) ?? new SiteSettings();
        }
        catch (JsonException)
        {
            // A hand-edited row must not stop the scheduler: fall back to the defaults.
            return new SiteSettings();
        }
    }
}

/// <summary>Timestamps in the registry: UTC everywhere; SQLite stores fixed-width text so text order is time order.</summary>
internal static class SqlTime
{
    private const string SqliteFormat = "yyyy-MM-dd HH:mm:ss.fffffff";

    public static object? Write(DateTimeOffset? value, bool postgres) => value is not { } v
        ? null
        : postgres ? v.UtcDateTime : v.UtcDateTime.ToString(SqliteFormat, CultureInfo.InvariantCulture);

    public static DateTimeOffset? Read(object? value) => value switch
    {
        null or DBNull => null,
        DateTime dt => new DateTimeOffset(DateTime.SpecifyKind(dt, DateTimeKind.Utc)),
        DateTimeOffset dto => dto.ToUniversalTime(),
        string s => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
        _ => throw new InvalidOperationException($"Unexpected timestamp value of type {value.GetType().Name} in crawl_sites."),
    };
}
