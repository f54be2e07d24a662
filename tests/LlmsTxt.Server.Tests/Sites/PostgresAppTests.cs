using LlmsTxt.Server.Tests.Support;
using System.Net;
using System.Text.Json;
using Dapper;
using LlmsTxt.Server.Configuration;
using LlmsTxt.Server.Sites;
using LlmsTxt.Server.Tests.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace LlmsTxt.Server.Tests.Sites;

/// <summary>The app on the real PostgreSQL: start-up migrations, readiness, DATABASE_URL validation.</summary>
public sealed class PostgresAppTests(PostgresDatabases databases) : IClassFixture<PostgresDatabases>
{
    [Fact]
    public async Task StartUpMigratesAFreshDatabaseAndReportsReady()
    {
        var connection = await databases.CreateDatabaseAsync();
        var builder = new NpgsqlConnectionStringBuilder(connection);
        var url = $"postgres://{builder.Username}:{Uri.EscapeDataString(builder.Password!)}@{builder.Host}:{builder.Port}/{builder.Database}";
        using var factory = new ServerHost(new Dictionary<string, string?>
        {
            ["DATABASE_URL"] = url,
            ["DATA_DIR"] = TestServices.NewTempFolder(),
            ["SCHEDULER_ENABLED"] = "false",
        });
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"backend\":\"postgres\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var db = new NpgsqlConnection(connection);
        Assert.Equal([1, 2, 3], await db.QueryAsync<int>("SELECT version FROM schema_migrations ORDER BY version"));
    }

    [Fact]
    public async Task ReadinessIs503NamingTheDatabaseWhenItGoesAway()
    {
        var connection = await databases.CreateDatabaseAsync();
        using var factory = new ServerHost(new Dictionary<string, string?>
        {
            ["DATABASE_URL"] = connection,
            ["DATA_DIR"] = TestServices.NewTempFolder(),
            ["SCHEDULER_ENABLED"] = "false",
        });
        using var client = factory.CreateClient();
        using (var ok = await client.GetAsync(new Uri("/health/ready", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        await using (var admin = new NpgsqlConnection(TestServices.Postgres))
        {
            await admin.OpenAsync();
            await admin.ExecuteAsync($"DROP DATABASE {new NpgsqlConnectionStringBuilder(connection).Database} WITH (FORCE)");
        }

        using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("failed", body.RootElement.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("ok", body.RootElement.GetProperty("checks").GetProperty("storage").GetProperty("status").GetString());
        Assert.Contains("database", body.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnreachableDatabaseIsOneWarningLineNamingDatabaseUrlAndReadinessSays503()
    {
        using var server = ServerProcess.Start(new Dictionary<string, string>
        {
            ["DATABASE_URL"] = "postgres://app:hunter2-secret@127.0.0.1:9/llms",
            ["DATABASE_STARTUP_WAIT"] = "1",
            ["DATA_DIR"] = TestServices.NewTempFolder(),
            ["SCHEDULER_ENABLED"] = "false",
        });

        await Eventually.HoldsAsync(() => Task.FromResult(server.Output.Contains("in a browser", StringComparison.Ordinal) || server.HasExited), TimeSpan.FromSeconds(60), () => server.Output);

        Assert.False(server.HasExited, server.Output);
        Assert.Equal(1, server.CountLines("DATABASE_URL: the PostgreSQL database does not answer"));
        var url = System.Text.RegularExpressions.Regex.Match(server.Output, @"open (http://\S+) in a browser").Groups[1].Value;
        using var http = new HttpClient();
        using var ready = await http.GetAsync(new Uri(new Uri(url), "/health/ready"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.DoesNotContain("hunter2-secret", server.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("postgres://")]
    [InlineData("Database=only")]
    public void ABadDatabaseUrlStopsStartUpNamingIt(string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["DATABASE_URL"] = value }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddEnvOptions<DatabaseOptions>(DatabaseOptions.Read);
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<DatabaseOptions>>().Value);
        Assert.Contains(error.Failures, f => f.StartsWith("DATABASE_URL", StringComparison.Ordinal));
    }

    [Fact]
    public void APasswordInDatabaseUrlIsNeverEchoed()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["DATABASE_URL"] = "postgres://u:hunter2-secret@h:notaport/db" }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddEnvOptions<DatabaseOptions>(DatabaseOptions.Read);
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<DatabaseOptions>>().Value);
        Assert.DoesNotContain("hunter2-secret", error.Message, StringComparison.Ordinal);
    }
}
