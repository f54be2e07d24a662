using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace LlmsTxt.Bench.Scheduler;

/// <summary>
/// The PostgreSQL the benchmark uses: LLMSTXT_TEST_POSTGRES when set (test.sh exports it), else a
/// throwaway cluster started here from Debian's postgresql package, as test.sh does, and removed at the end.
/// </summary>
internal sealed class PostgresCluster : IAsyncDisposable
{
    private string? _folder;
    private string? _pgCtl;

    public string AdminConnectionString { get; private set; } = "";

    public static async Task<PostgresCluster> StartAsync()
    {
        var cluster = new PostgresCluster();
        if (Environment.GetEnvironmentVariable("LLMSTXT_TEST_POSTGRES") is { Length: > 0 } given)
        {
            cluster.AdminConnectionString = given;
            return cluster;
        }

        var bin = Directory.GetDirectories("/usr/lib/postgresql").OrderBy(d => d, StringComparer.Ordinal).Select(d => Path.Combine(d, "bin")).LastOrDefault(Directory.Exists)
            ?? throw new InvalidOperationException("PostgreSQL is not installed: run ./test.sh once (it installs it) or set LLMSTXT_TEST_POSTGRES.");
        var folder = Directory.CreateTempSubdirectory("llmstxt-bench-pg").FullName;
        var port = FreePort();
        await RunAsync("chmod", "755", folder);
        await RunAsync("chown", "postgres:postgres", folder);
        var data = Path.Combine(folder, "data");
        var pass = Path.Combine(folder, "pass");
        await File.WriteAllTextAsync(pass, "bench");
        await RunAsync("chown", "postgres", pass);
        await RunAsync("runuser", "-u", "postgres", "--", Path.Combine(bin, "initdb"), "-D", data, "-U", "postgres", "--auth=scram-sha-256", $"--pwfile={pass}", "-E", "UTF8");
        cluster._folder = folder;
        cluster._pgCtl = Path.Combine(bin, "pg_ctl");
        await RunAsync("runuser", "-u", "postgres", "--", cluster._pgCtl, "-D", data, "-w", "-t", "60", "-l", Path.Combine(folder, "log"),
            "-o", $"-c listen_addresses=127.0.0.1 -p {port} -k {folder} -c max_connections=200 -c fsync=off", "start");
        cluster.AdminConnectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Password=bench;Database=postgres";
        return cluster;
    }

    public async Task<string> CreateDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE); CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, MaxPoolSize = 20 }.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_folder is not null && _pgCtl is not null)
        {
            await RunAsync("runuser", "-u", "postgres", "--", _pgCtl, "-D", Path.Combine(_folder, "data"), "-m", "immediate", "stop");
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string file, params string[] arguments)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed: {await error}");
        }
    }
}
