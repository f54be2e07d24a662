using System.Data.Common;

namespace LlmsTxt.Server.Sites;

/// <summary>One named parameter of a statement: <c>@Name</c> in the SQL text, for SQLite and PostgreSQL alike.</summary>
internal readonly record struct SqlArg(string Name, object? Value);

/// <summary>
/// The registry's few statements in plain ADO.NET. Rows are read by hand (<see cref="SiteRow.Read"/>) rather than by
/// a mapper that emits code at run time, so the same code runs on the JIT and in the Native AOT image.
/// </summary>
internal static class Sql
{
    public static SqlArg Arg(string name, object? value) => new(name, value);

    public static async Task<int> ExecuteAsync(this DbConnection connection, string sql, DbTransaction? transaction, CancellationToken cancellationToken, params SqlArg[] args)
    {
        await using var command = Command(connection, sql, transaction, args);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The first column of the first row, or null when there is none (or it is NULL).</summary>
    public static async Task<object?> ScalarAsync(this DbConnection connection, string sql, DbTransaction? transaction, CancellationToken cancellationToken, params SqlArg[] args)
    {
        await using var command = Command(connection, sql, transaction, args);
        return await command.ExecuteScalarAsync(cancellationToken) is { } value and not DBNull ? value : null;
    }

    public static async Task<List<T>> QueryAsync<T>(this DbConnection connection, string sql, Func<DbDataReader, T> read, DbTransaction? transaction, CancellationToken cancellationToken, params SqlArg[] args)
    {
        await using var command = Command(connection, sql, transaction, args);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    private static DbCommand Command(DbConnection connection, string sql, DbTransaction? transaction, SqlArg[] args)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        // SQLite refuses a command without the connection's open transaction; PostgreSQL ignores it.
        command.Transaction = transaction;
        foreach (var (name, value) in args)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
