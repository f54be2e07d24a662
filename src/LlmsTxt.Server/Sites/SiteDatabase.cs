using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace LlmsTxt.Server.Sites;

/// <summary>Opens connections to the registry's database and hides the few dialect differences.</summary>
public sealed class SiteDatabase : IDisposable
{
    private readonly NpgsqlDataSource? _postgres;
    private readonly string _sqlite = "";

    public SiteDatabase(DatabaseOptions options)
    {
        Provider = options.Provider;
        if (Provider == DatabaseProvider.Postgres)
        {
            var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
            if (!options.ConnectionString.Contains("reset", StringComparison.OrdinalIgnoreCase))
            {
                // The registry keeps no session state (no SET, temp tables or prepared statements), so
                // skip Npgsql's DISCARD ALL on every pooled reuse: one statement is one round trip.
                builder.NoResetOnClose = true;
            }

            _postgres = NpgsqlDataSource.Create(builder.ConnectionString);
        }
        else
        {
            var builder = new SqliteConnectionStringBuilder(options.ConnectionString)
            {
                // Waiting on a writer (another request, the scheduler) is normal; a long lock is not.
                DefaultTimeout = 30,
                Pooling = true,
            };
            if (Path.GetDirectoryName(Path.GetFullPath(builder.DataSource)) is { } folder)
            {
                Directory.CreateDirectory(folder);
            }

            _sqlite = builder.ConnectionString;
        }
    }

    public DatabaseProvider Provider { get; }

    public bool IsPostgres => Provider == DatabaseProvider.Postgres;

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        if (_postgres is not null)
        {
            return await _postgres.OpenConnectionAsync(cancellationToken);
        }

        var connection = new SqliteConnection(_sqlite);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    /// <summary>Round-trips a trivial query, for /health/ready; the error says what failed, never the connection string.</summary>
    public async Task<(bool Ready, string? Error)> CheckReadyAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1";
            await command.ExecuteScalarAsync(cancellationToken);
            return (true, null);
        }
        catch (Exception e) when (e is DbException or InvalidOperationException or IOException or TimeoutException or System.Net.Sockets.SocketException)
        {
            return (false, $"{Provider} did not answer: {e.Message}");
        }
    }

    public void Dispose() => _postgres?.Dispose();
}
