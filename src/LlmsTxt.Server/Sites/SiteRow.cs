using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using LlmsTxt.Server.Publishing;

namespace LlmsTxt.Server.Sites;

/// <summary>
/// A <c>crawl_sites</c> row as <see cref="Read"/> takes it from <see cref="Columns"/>. Timestamps arrive as <see cref="DateTime"/> from
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

    /// <summary>One row of a <c>SELECT</c> or <c>RETURNING</c> of <see cref="Columns"/>, by position in that list.</summary>
    public static SiteRow Read(DbDataReader reader) => new()
    {
        Id = Number(reader, 0),
        BaseUrl = reader.GetString(1),
        Settings = reader.GetString(2),
        RecrawlIntervalMinutes = Number(reader, 3),
        WebhookSecret = Text(reader, 4),
        CreatedAt = Value(reader, 5),
        UpdatedAt = Value(reader, 6),
        LastCrawledAt = Value(reader, 7),
        LastChangedAt = Value(reader, 8),
        NextCrawlAt = Value(reader, 9),
        LatestHash = Text(reader, 10),
        LatestUrl = Text(reader, 11),
        LatestFullUrl = Text(reader, 12),
        SitemapUrl = Text(reader, 13),
        SitemapLastmod = Value(reader, 14),
        AvgChangeIntervalSeconds = Value(reader, 15) is { } seconds ? Convert.ToDouble(seconds, CultureInfo.InvariantCulture) : null,
        LastError = Text(reader, 16),
        ConsecutiveFailures = Number(reader, 17),
        LeaseOwner = Text(reader, 18),
        LeaseUntil = Value(reader, 19),
        CrawlCount = Number(reader, 20),
    };

    private static object? Value(DbDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetValue(column);

    private static string? Text(DbDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetString(column);

    // SQLite gives every integer as a 64-bit value, PostgreSQL an INTEGER column as 32-bit.
    private static long Number(DbDataReader reader, int column) => reader.IsDBNull(column) ? 0 : Convert.ToInt64(reader.GetValue(column), CultureInfo.InvariantCulture);

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
            return JsonSerializer.Deserialize(json, Web.ServerJson.Default.SiteSettings) ?? new SiteSettings();
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
