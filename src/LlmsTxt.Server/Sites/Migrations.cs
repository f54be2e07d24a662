namespace LlmsTxt.Server.Sites;

/// <summary>One schema step, with the SQL for each database. Versions only ever grow; applied steps never change.</summary>
public sealed record Migration(int Version, string Name, string Sqlite, string Postgres);

/// <summary>The registry's schema history.</summary>
public static class Migrations
{
    public static IReadOnlyList<Migration> All { get; } =
    [
        new(1, "crawl_sites",
            Sqlite: """
                CREATE TABLE crawl_sites (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    base_url TEXT NOT NULL UNIQUE,
                    settings TEXT NOT NULL DEFAULT '{}',
                    recrawl_interval_minutes INTEGER NOT NULL DEFAULT 10080,
                    webhook_secret TEXT NULL,
                    created_at TEXT NOT NULL,
                    updated_at TEXT NOT NULL,
                    last_crawled_at TEXT NULL,
                    last_changed_at TEXT NULL,
                    next_crawl_at TEXT NOT NULL,
                    latest_hash TEXT NULL,
                    latest_url TEXT NULL,
                    latest_full_url TEXT NULL,
                    sitemap_url TEXT NULL,
                    sitemap_lastmod TEXT NULL,
                    avg_change_interval_seconds REAL NULL
                );
                CREATE INDEX ix_crawl_sites_next_crawl_at ON crawl_sites (next_crawl_at);
                """,
            Postgres: """
                CREATE TABLE crawl_sites (
                    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    base_url TEXT NOT NULL UNIQUE,
                    settings TEXT NOT NULL DEFAULT '{}',
                    recrawl_interval_minutes INTEGER NOT NULL DEFAULT 10080,
                    webhook_secret TEXT NULL,
                    created_at TIMESTAMPTZ NOT NULL,
                    updated_at TIMESTAMPTZ NOT NULL,
                    last_crawled_at TIMESTAMPTZ NULL,
                    last_changed_at TIMESTAMPTZ NULL,
                    next_crawl_at TIMESTAMPTZ NOT NULL,
                    latest_hash TEXT NULL,
                    latest_url TEXT NULL,
                    latest_full_url TEXT NULL,
                    sitemap_url TEXT NULL,
                    sitemap_lastmod TIMESTAMPTZ NULL,
                    avg_change_interval_seconds DOUBLE PRECISION NULL
                );
                CREATE INDEX ix_crawl_sites_next_crawl_at ON crawl_sites (next_crawl_at);
                """),
        new(2, "scheduler_state",
            Sqlite: """
                ALTER TABLE crawl_sites ADD COLUMN last_error TEXT NULL;
                ALTER TABLE crawl_sites ADD COLUMN consecutive_failures INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE crawl_sites ADD COLUMN lease_owner TEXT NULL;
                ALTER TABLE crawl_sites ADD COLUMN lease_until TEXT NULL;
                ALTER TABLE crawl_sites ADD COLUMN crawl_count INTEGER NOT NULL DEFAULT 0;
                """,
            Postgres: """
                ALTER TABLE crawl_sites ADD COLUMN last_error TEXT NULL;
                ALTER TABLE crawl_sites ADD COLUMN consecutive_failures INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE crawl_sites ADD COLUMN lease_owner TEXT NULL;
                ALTER TABLE crawl_sites ADD COLUMN lease_until TIMESTAMPTZ NULL;
                ALTER TABLE crawl_sites ADD COLUMN crawl_count INTEGER NOT NULL DEFAULT 0;
                """),
        // Its own table, not columns of crawl_sites: a cache the registry's queries never need to read.
        new(3, "site_llm_memory",
            Sqlite: """
                CREATE TABLE site_llm_memory (
                    base_url TEXT PRIMARY KEY,
                    memory TEXT NOT NULL,
                    updated_at TEXT NOT NULL
                );
                """,
            Postgres: """
                CREATE TABLE site_llm_memory (
                    base_url TEXT PRIMARY KEY,
                    memory TEXT NOT NULL,
                    updated_at TIMESTAMPTZ NOT NULL
                );
                """),
    ];
}
