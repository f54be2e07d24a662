using LlmsTxt.Server.Sites;
using Npgsql;

namespace LlmsTxt.Server.Tests.Hosting;

/// <summary>Hands out fresh, empty registry databases of one kind; cleans them up with the test class.</summary>
public abstract class TestDatabases : IAsyncLifetime
{
    private readonly List<SiteDatabase> _opened = [];

    public abstract DatabaseProvider Provider { get; }

    /// <summary>A fresh, empty database (not migrated) and its options.</summary>
    public async Task<SiteDatabase> NewAsync()
    {
        var database = new SiteDatabase(await NewOptionsAsync());
        lock (_opened)
        {
            _opened.Add(database);
        }

        return database;
    }

    public abstract Task<DatabaseOptions> NewOptionsAsync();

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync()
    {
        foreach (var database in _opened)
        {
            database.Dispose();
        }

        return Task.CompletedTask;
    }
}

public sealed class SqliteDatabases : TestDatabases
{
    private readonly string _folder = TestServices.NewTempFolder();

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public override Task<DatabaseOptions> NewOptionsAsync() => Task.FromResult(new DatabaseOptions
    {
        Provider = DatabaseProvider.Sqlite,
        ConnectionString = $"Data Source={Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".db")}",
    });
}

/// <summary>Databases created on the real PostgreSQL from test.sh (LLMSTXT_TEST_POSTGRES) and dropped afterwards.</summary>
public sealed class PostgresDatabases : TestDatabases
{
    private readonly List<string> _created = [];

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    public override async Task<DatabaseOptions> NewOptionsAsync() => new()
    {
        Provider = DatabaseProvider.Postgres,
        ConnectionString = await CreateDatabaseAsync(),
    };

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var admin = TestServices.Postgres;
        var name = "llmstxt_test_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }

        lock (_created)
        {
            _created.Add(name);
        }

        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(TestServices.Postgres);
        await connection.OpenAsync();
        foreach (var name in _created)
        {
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}
