using System.Text.Json;
using LlmsTxt.Core.Urls;
using LlmsTxt.Server.Publishing;

namespace LlmsTxt.Server.Sites;

/// <summary>
/// The <c>crawl_sites</c> table: enrolment, listing, webhook scheduling, and the lease protocol
/// the scheduler uses so that two instances never crawl one site at once. Every write of a
/// scheduled crawl's result is fenced on the lease owner, so an instance that lost its lease
/// (it stalled past expiry and another took over) cannot overwrite newer state.
/// </summary>
public sealed class SiteRegistry(SiteDatabase database, TimeProvider timeProvider)
{
    private long _roundTrips;

    /// <summary>Commands sent to the database so far (for the benchmark's round trips per site).</summary>
    public long RoundTrips => Interlocked.Read(ref _roundTrips);

    public DatabaseProvider Provider => database.Provider;

    private bool Pg => database.IsPostgres;

    private DateTimeOffset Now => timeProvider.GetUtcNow();

    private object? T(DateTimeOffset? value) => SqlTime.Write(value, Pg);

    /// <summary>Enrols or re-enrols a site (upsert by normalised base URL) and returns its row.</summary>
    public async Task<CrawlSite> EnrolAsync(SiteEnrolment enrolment, CancellationToken cancellationToken = default)
    {
        var baseUrl = UrlIdentity.SiteKey(enrolment.BaseUrl) ?? throw new ArgumentException($"'{enrolment.BaseUrl}' is not an absolute http(s) URL.", nameof(enrolment));
        var now = Now;
        var next = (enrolment.CrawledAt ?? now) + (enrolment.CrawledAt is null ? TimeSpan.Zero : enrolment.RecrawlInterval);
        var sql = $"""
            INSERT INTO crawl_sites (base_url, settings, recrawl_interval_minutes, webhook_secret, created_at, updated_at,
                last_crawled_at, last_changed_at, next_crawl_at, latest_hash, latest_url, latest_full_url, sitemap_url, sitemap_lastmod)
            VALUES (@BaseUrl, @Settings, @Interval, @Secret, @Now, @Now, @CrawledAt, @CrawledAt, @Next, @Hash, @Url, @FullUrl, @SitemapUrl, @SitemapLastmod)
            ON CONFLICT (base_url) DO UPDATE SET
                settings = excluded.settings,
                recrawl_interval_minutes = excluded.recrawl_interval_minutes,
                webhook_secret = COALESCE(excluded.webhook_secret, crawl_sites.webhook_secret),
                updated_at = excluded.updated_at,
                last_crawled_at = COALESCE(excluded.last_crawled_at, crawl_sites.last_crawled_at),
                last_changed_at = CASE WHEN excluded.latest_hash IS NOT NULL AND excluded.latest_hash <> COALESCE(crawl_sites.latest_hash, '')
                    THEN excluded.last_changed_at ELSE crawl_sites.last_changed_at END,
                next_crawl_at = excluded.next_crawl_at,
                latest_hash = COALESCE(excluded.latest_hash, crawl_sites.latest_hash),
                latest_url = COALESCE(excluded.latest_url, crawl_sites.latest_url),
                latest_full_url = COALESCE(excluded.latest_full_url, crawl_sites.latest_full_url),
                sitemap_url = COALESCE(excluded.sitemap_url, crawl_sites.sitemap_url),
                sitemap_lastmod = COALESCE(excluded.sitemap_lastmod, crawl_sites.sitemap_lastmod),
                last_error = NULL,
                consecutive_failures = 0
            RETURNING {SiteRow.Columns}
            """;
        var row = await QuerySingleAsync(sql, cancellationToken,
            Sql.Arg("BaseUrl", baseUrl),
            Sql.Arg("Settings", JsonSerializer.Serialize(enrolment.Settings, Web.ServerJson.Default.SiteSettings)),
            Sql.Arg("Interval", (long)enrolment.RecrawlInterval.TotalMinutes),
            // Only a salted hash is stored (see WebhookSecrets).
            Sql.Arg("Secret", WebhookSecrets.Protect(enrolment.WebhookSecret)),
            Sql.Arg("Now", T(now)),
            Sql.Arg("CrawledAt", T(enrolment.CrawledAt)),
            Sql.Arg("Next", T(next)),
            Sql.Arg("Hash", enrolment.ContentHash),
            Sql.Arg("Url", enrolment.HostedUrl),
            Sql.Arg("FullUrl", enrolment.HostedFullUrl),
            Sql.Arg("SitemapUrl", enrolment.SitemapUrl),
            Sql.Arg("SitemapLastmod", T(enrolment.SitemapLastModified)));
        return row!.ToSite();
    }

    public async Task<CrawlSite?> GetAsync(string baseUrl, CancellationToken cancellationToken = default)
    {
        if (UrlIdentity.SiteKey(baseUrl) is not { } normalized)
        {
            return null;
        }

        var row = await QuerySingleAsync($"SELECT {SiteRow.Columns} FROM crawl_sites WHERE base_url = @BaseUrl", cancellationToken, Sql.Arg("BaseUrl", normalized));
        return row?.ToSite();
    }

    /// <summary>Sites ordered by base URL, a page at a time.</summary>
    public async Task<IReadOnlyList<CrawlSite>> ListAsync(int limit = 100, int offset = 0, CancellationToken cancellationToken = default)
    {
        var rows = await QueryAsync($"SELECT {SiteRow.Columns} FROM crawl_sites ORDER BY base_url LIMIT @Limit OFFSET @Offset", cancellationToken,
            Sql.Arg("Limit", limit), Sql.Arg("Offset", offset));
        return rows.Select(r => r.ToSite()).ToList();
    }

    public async Task<long> CountAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return Convert.ToInt64(await connection.ScalarAsync("SELECT COUNT(*) FROM crawl_sites", null, cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Removes a site; false when it was not enrolled. Its hosted files are the caller's to delete.</summary>
    public async Task<bool> RemoveAsync(string baseUrl, CancellationToken cancellationToken = default)
    {
        if (UrlIdentity.SiteKey(baseUrl) is not { } normalized)
        {
            return false;
        }

        return await ExecuteAsync("DELETE FROM crawl_sites WHERE base_url = @BaseUrl", cancellationToken, Sql.Arg("BaseUrl", normalized)) > 0;
    }

    /// <summary>
    /// Makes the site due now; returns the updated row, or null when not enrolled. With
    /// <paramref name="force"/> (the site-changed webhook) the stored sitemap lastmod is cleared,
    /// so the next pass crawls even if the sitemap didn't move.
    /// </summary>
    public async Task<CrawlSite?> MarkDueNowAsync(string baseUrl, bool force = false, CancellationToken cancellationToken = default)
    {
        if (UrlIdentity.SiteKey(baseUrl) is not { } normalized)
        {
            return null;
        }

        var now = T(Now);
        var row = await QuerySingleAsync(
            $"UPDATE crawl_sites SET next_crawl_at = @Now, updated_at = @Now{(force ? ", sitemap_lastmod = NULL" : "")} WHERE base_url = @BaseUrl RETURNING {SiteRow.Columns}",
            cancellationToken, Sql.Arg("BaseUrl", normalized), Sql.Arg("Now", now));
        return row?.ToSite();
    }

    /// <summary>Constant-time check of a webhook secret against the site's stored hash; true when the site has none.</summary>
    public static bool WebhookSecretMatches(CrawlSite site, string? presented) => WebhookSecrets.Matches(site.WebhookSecret, presented);

    /// <summary>
    /// Claims up to <paramref name="max"/> due sites whose lease is free or expired, leasing them
    /// to <paramref name="owner"/> until now + <paramref name="lease"/>. On PostgreSQL rows another
    /// instance is claiming right now are skipped (<c>FOR UPDATE SKIP LOCKED</c>), not waited for.
    /// </summary>
    public async Task<IReadOnlyList<CrawlSite>> ClaimDueAsync(string owner, int max, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        var now = Now;
        var sql = $"""
            UPDATE crawl_sites SET lease_owner = @Owner, lease_until = @Until, updated_at = @Now
            WHERE id IN (
                SELECT id FROM crawl_sites
                WHERE next_crawl_at <= @Now AND (lease_until IS NULL OR lease_until < @Now)
                ORDER BY next_crawl_at, id
                LIMIT @Max
                {(Pg ? "FOR UPDATE SKIP LOCKED" : "")})
            RETURNING {SiteRow.Columns}
            """;
        var rows = await QueryAsync(sql, cancellationToken, Sql.Arg("Owner", owner), Sql.Arg("Until", T(now + lease)), Sql.Arg("Now", T(now)), Sql.Arg("Max", max));
        return rows.Select(r => r.ToSite()).OrderBy(s => s.NextCrawlAt).ThenBy(s => s.Id).ToList();
    }

    /// <summary>Pushes a held lease forward (long crawls); false when the lease was lost.</summary>
    public async Task<bool> ExtendLeaseAsync(long siteId, string owner, TimeSpan lease, CancellationToken cancellationToken = default) =>
        await ExecuteAsync("UPDATE crawl_sites SET lease_until = @Until WHERE id = @Id AND lease_owner = @Owner",
            cancellationToken, Sql.Arg("Id", siteId), Sql.Arg("Owner", owner), Sql.Arg("Until", T(Now + lease))) == 1;

    /// <summary>Gives a lease back untouched (shutdown before the crawl finished).</summary>
    public async Task<bool> ReleaseAsync(long siteId, string owner, CancellationToken cancellationToken = default) =>
        await ExecuteAsync("UPDATE crawl_sites SET lease_owner = NULL, lease_until = NULL WHERE id = @Id AND lease_owner = @Owner",
            cancellationToken, Sql.Arg("Id", siteId), Sql.Arg("Owner", owner)) == 1;

    /// <summary>Writes a finished crawl's state and releases the lease; false when <paramref name="owner"/> no longer held it.</summary>
    public async Task<bool> CompleteAsync(long siteId, string owner, SiteUpdate update, CancellationToken cancellationToken = default)
    {
        const string sql = """
            UPDATE crawl_sites SET
                last_crawled_at = @LastCrawledAt, last_changed_at = @LastChangedAt, next_crawl_at = @NextCrawlAt,
                latest_hash = @LatestHash, latest_url = @LatestUrl, latest_full_url = @LatestFullUrl,
                sitemap_url = @SitemapUrl, sitemap_lastmod = @SitemapLastmod, avg_change_interval_seconds = @AvgSeconds,
                last_error = @LastError, consecutive_failures = @ConsecutiveFailures,
                crawl_count = crawl_count + @CrawlIncrement, lease_owner = NULL, lease_until = NULL, updated_at = @Now
            WHERE id = @Id AND lease_owner = @Owner
            """;
        return await ExecuteAsync(sql, cancellationToken,
            Sql.Arg("Id", siteId),
            Sql.Arg("Owner", owner),
            Sql.Arg("LastCrawledAt", T(update.LastCrawledAt)),
            Sql.Arg("LastChangedAt", T(update.LastChangedAt)),
            Sql.Arg("NextCrawlAt", T(update.NextCrawlAt)),
            Sql.Arg("LatestHash", update.LatestHash),
            Sql.Arg("LatestUrl", update.LatestUrl),
            Sql.Arg("LatestFullUrl", update.LatestFullUrl),
            Sql.Arg("SitemapUrl", update.SitemapUrl),
            Sql.Arg("SitemapLastmod", T(update.SitemapLastModified)),
            Sql.Arg("AvgSeconds", update.AverageChangeInterval?.TotalSeconds),
            Sql.Arg("LastError", update.LastError is { Length: > 2000 } e ? e[..2000] : update.LastError),
            Sql.Arg("ConsecutiveFailures", update.ConsecutiveFailures),
            Sql.Arg("CrawlIncrement", update.Crawled ? 1 : 0),
            Sql.Arg("Now", T(Now))) == 1;
    }

    public Task<(bool Ready, string? Error)> CheckReadyAsync(CancellationToken cancellationToken = default) => database.CheckReadyAsync(cancellationToken);

    private async Task<System.Data.Common.DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _roundTrips);
        return await database.OpenAsync(cancellationToken);
    }

    private async Task<SiteRow?> QuerySingleAsync(string sql, CancellationToken cancellationToken, params SqlArg[] args) =>
        (await QueryAsync(sql, cancellationToken, args)) switch
        {
            [] => null,
            [var row] => row,
            _ => throw new InvalidOperationException("A statement for one crawl_sites row returned several."),
        };

    private async Task<List<SiteRow>> QueryAsync(string sql, CancellationToken cancellationToken, params SqlArg[] args)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await connection.QueryAsync(sql, SiteRow.Read, null, cancellationToken, args);
    }

    private async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params SqlArg[] args)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(sql, null, cancellationToken, args);
    }
}
