using System.Data.Common;

namespace LlmsTxt.Server.Sites;

/// <summary>
/// Applies <see cref="Migrations"/> not yet recorded in <c>schema_migrations</c>, in one
/// transaction. Several instances may start together: PostgreSQL serialises them with an advisory
/// lock, SQLite with <c>BEGIN IMMEDIATE</c>; the loser finds nothing left to do.
/// </summary>
public sealed class SiteMigrator(SiteDatabase database, ILogger<SiteMigrator> logger)
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
            await connection.ExecuteAsync("PRAGMA journal_mode=WAL;", null, cancellationToken);
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (database.IsPostgres)
        {
            await connection.ExecuteAsync("SELECT pg_advisory_xact_lock(@key)", transaction, cancellationToken, Sql.Arg("key", AdvisoryLockKey));
        }

        var timestampType = database.IsPostgres ? "TIMESTAMPTZ" : "TEXT";
        await connection.ExecuteAsync(
            $"CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at {timestampType} NOT NULL)",
            transaction, cancellationToken);
        var applied = (await connection.QueryAsync("SELECT version FROM schema_migrations", r => Convert.ToInt32(r.GetValue(0), System.Globalization.CultureInfo.InvariantCulture), transaction, cancellationToken)).ToHashSet();
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
        await connection.ExecuteAsync(sql, transaction, cancellationToken);
        await connection.ExecuteAsync(
            // The database's own clock: an audit column, and start-up must not depend on the app's clock.
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, @Name, CURRENT_TIMESTAMP)",
            transaction, cancellationToken, Sql.Arg("Version", migration.Version), Sql.Arg("Name", migration.Name));
    }
}

/// <summary>
/// Runs the migrations before the server takes requests or the scheduler runs. A database that is
/// still starting (containers) gets <c>DATABASE_STARTUP_WAIT</c> to answer. After that, a PostgreSQL server
/// that still doesn't answer is one warning line naming <c>DATABASE_URL</c>: the server starts (readiness
/// answers 503) and keeps trying in the background, so a database that comes up later is migrated then. A
/// SQLite file that can't be opened is a configuration mistake (<c>DATA_DIR</c>) and stops start-up.
/// </summary>
internal sealed partial class SiteMigrationService(SiteMigrator migrator, SiteDatabase database, Microsoft.Extensions.Options.IOptions<DatabaseOptions> options,
    IHostApplicationLifetime lifetime, ILogger<SiteMigrationService> logger) : IHostedService
{
    private static readonly TimeSpan BackgroundRetry = TimeSpan.FromSeconds(5);

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        // Wall time on purpose (not TimeProvider): this waits for a real database to come up.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await migrator.MigrateAsync(cancellationToken);
                return;
            }
            catch (Exception e) when (IsUnreachable(e) && !cancellationToken.IsCancellationRequested)
            {
                var delay = TimeSpan.FromSeconds(Math.Min(Math.Pow(2, attempt - 1), 5));
                if (waited.Elapsed + delay > options.Value.StartupWait && database.IsPostgres)
                {
                    LogStartingWithoutDatabase(logger, e.Message);
                    _ = RetryInBackgroundAsync(lifetime.ApplicationStopping);
                    return;
                }

                if (waited.Elapsed + delay > options.Value.StartupWait)
                {
                    var setting = database.IsPostgres ? "DATABASE_URL" : "DATA_DIR";
                    var what = database.IsPostgres ? "the PostgreSQL database" : "the SQLite file in DATA_DIR";
                    throw new Microsoft.Extensions.Options.OptionsValidationException(setting, typeof(DatabaseOptions),
                        [$"{setting}: {what} could not be opened and migrated ({e.Message})"]);
                }

                LogWaiting(logger, database.Provider, delay, e.Message);
                await Task.Delay(delay, cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    private async Task RetryInBackgroundAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(BackgroundRetry, stopping);
                await migrator.MigrateAsync(stopping);
                LogDatabaseBack(logger);
                return;
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (IsUnreachable(e))
            {
                // Still down: readiness says so; one warning at start-up is enough.
            }
        }
    }

    [LoggerMessage(LogLevel.Warning, "DATABASE_URL: the PostgreSQL database does not answer ({Error}). The server starts anyway: /health/ready answers 503 and the site registry fails until it does; retrying every 5 s")]
    private static partial void LogStartingWithoutDatabase(ILogger logger, string error);

    [LoggerMessage(LogLevel.Information, "DATABASE_URL: the PostgreSQL database answers now; site registry migrated")]
    private static partial void LogDatabaseBack(ILogger logger);

    private static bool IsUnreachable(Exception e) =>
        e is DbException or System.Net.Sockets.SocketException or TimeoutException or IOException or UnauthorizedAccessException
        || (e is InvalidOperationException && e.InnerException is not null && IsUnreachable(e.InnerException));

    [LoggerMessage(LogLevel.Warning, "Site registry ({Provider}) not reachable yet; retrying in {Delay}: {Error}")]
    private static partial void LogWaiting(ILogger logger, DatabaseProvider provider, TimeSpan delay, string error);
}
