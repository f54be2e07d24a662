using LlmsTxt.Server.Configuration;
using Npgsql;

namespace LlmsTxt.Server.Sites;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// The site registry's database: PostgreSQL when <c>DATABASE_URL</c> is set (URL form
/// <c>postgres://user:pass@host:port/db?sslmode=require</c> or Npgsql keyword form), else SQLite
/// at <c>DATA_DIR/llmstxt.db</c>.
/// </summary>
public sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>ADO.NET connection string for <see cref="Provider"/>. Contains the password: never log it.</summary>
    public string ConnectionString { get; set; } = $"Data Source={Path.Combine(DataDirectory.Default, "llmstxt.db")}";

    /// <summary><c>DATABASE_STARTUP_WAIT</c>: seconds start-up waits for the database to answer (default 30).</summary>
    public TimeSpan StartupWait { get; set; } = TimeSpan.FromSeconds(30);

    internal static void Read(EnvSettings env, DatabaseOptions options)
    {
        options.StartupWait = env.Seconds("DATABASE_STARTUP_WAIT", options.StartupWait, TimeSpan.Zero, TimeSpan.FromMinutes(10));
        var url = env.Raw("DATABASE_URL")?.Trim();
        if (url is null)
        {
            var dataDir = DataDirectory.Read(env);
            options.Provider = DatabaseProvider.Sqlite;
            options.ConnectionString = $"Data Source={Path.Combine(dataDir, "llmstxt.db")}";
            return;
        }

        options.Provider = DatabaseProvider.Postgres;
        try
        {
            options.ConnectionString = PostgresConnectionString(url);
        }
        catch (ArgumentException e)
        {
            // The message may quote the value; say what is wrong without echoing a password.
            env.Fail("DATABASE_URL", $"must be postgres://user:password@host:port/database or an Npgsql connection string (Host=...;Database=...): {Redact(e.Message, url)}");
        }
    }

    /// <summary>Turns a postgres:// URL into an Npgsql connection string; keyword strings are checked and passed on.</summary>
    public static string PostgresConnectionString(string value)
    {
        if (!value.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) && !value.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            var parsed = new NpgsqlConnectionStringBuilder(value);
            if (string.IsNullOrEmpty(parsed.Host))
            {
                throw new ArgumentException("no Host given");
            }

            return parsed.ConnectionString;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw new ArgumentException("the URL has no host");
        }

        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host.Trim('[', ']'),
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')) is { Length: > 0 } db ? db : "postgres",
        };
        var userInfo = uri.UserInfo.Split(':', 2);
        if (userInfo[0].Length > 0)
        {
            builder.Username = Uri.UnescapeDataString(userInfo[0]);
        }

        if (userInfo.Length == 2)
        {
            builder.Password = Uri.UnescapeDataString(userInfo[1]);
        }

        // Query parameters map to keywords: ?sslmode=require&pooling=false.
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            builder[Uri.UnescapeDataString(parts[0])] = parts.Length == 2 ? Uri.UnescapeDataString(parts[1]) : "true";
        }

        return builder.ConnectionString;
    }

    private static string Redact(string message, string url)
    {
        if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.UserInfo.Contains(':', StringComparison.Ordinal))
        {
            var password = uri.UserInfo.Split(':', 2)[1];
            if (password.Length > 0)
            {
                message = message.Replace(password, "***", StringComparison.Ordinal);
            }
        }

        return message;
    }
}
