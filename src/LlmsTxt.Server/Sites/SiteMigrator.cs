using System.Data.Common;
using Dapper;

namespace LlmsTxt.Server.Sites;

/// <summary>
/// Applies <see cref="Migrations"/> not yet recorded in <c>schema_migrations</c>, in one
/// transaction. Several instances may start together: PostgreSQL serialises them with an advisory
/// lock, SQLite with <c>BEGIN IMMEDIATE</c>; the loser finds nothing left to do.
/// </summary>
public sealed class SiteMigrator(SiteDatabase database, TimeProvider timeProvider, ILogger<SiteMigrator> logger)
{
    // Any constant: it only has to be the same in every instance of this program.
    private const long AdvisoryLockKey = 0x6C6C6D73_747874;

    /// <summary>Returns the versions this call applied (empty when the schema was current).</summary>
    public async Task<IReadOnlyList<int>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        if (!database.IsPostgres)
        {
            // WAL lets readers (the API) run while the scheduler writes; it is a property of the file.
            await connection.ExecuteAsync(new CommandDefinition("PRAGMA journal_mode=WAL;", cancellationToken: cancellationToken));
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (database.IsPostgres)
        {
            await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(@key)", new { key = AdvisoryLockKey }, transaction, cancellationToken: cancellationToken));
        }

        var timestampType = database.IsPostgres ? "TIMESTAMPTZ" : "TEXT";
        await connection.ExecuteAsync(new CommandDefinition(
            $"CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at {timestampType} NOT NULL)",
            transaction: transaction, cancellationToken: cancellationToken));
        var applied = (await connection.QueryAsync<int>(new CommandDefinition("SELECT version FROM schema_migrations", transaction: transaction, cancellationToken: cancellationToken))).ToHashSet();
        var done = new List<int>();
        foreach (var migration in Migrations.All.Where(m => !applied.Contains(m.Version)).OrderBy(m => m.Version))
        {
            await ApplyAsync(connection, transaction, migration, cancellationToken);
            done.Add(migration.Version);
        }

        await transaction.CommitAsync(cancellationToken);
        if (done.Count > 0)
        {
            logger.LogInformation("Site registry ({Provider}) migrated to version {Version} (applied {Applied})", database.Provider, done[^1], string.Join(", ", done));
        }

        return done;
    }

    private async Task ApplyAsync(DbConnection connection, DbTransaction transaction, Migration migration, CancellationToken cancellationToken)
    {
        var sql = database.IsPostgres ? migration.Postgres : migration.Sqlite;
        await connection.ExecuteAsync(new CommandDefinition(sql, transaction: transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, @Name, @At)",
            new { migration.Version, migration.Name, At = timeProvider.GetUtcNow().UtcDateTime },
            transaction, cancellationToken: cancellationToken));
    }
}

/// <summary>Runs the migrations before the server takes requests or the scheduler runs.</summary>
internal sealed class SiteMigrationService(SiteMigrator migrator) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken = default) => migrator.MigrateAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
}
