using LlmsTxt.Server.Configuration;
using LlmsTxt.Server.Diagnostics;
using LlmsTxt.Server.Tests.Hosting;
using LlmsTxt.Server.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace LlmsTxt.Server.Tests;

public sealed class ConfigurationTests
{
    [Theory]
    [InlineData("PORT", "abc")]
    [InlineData("PORT", "70000")]
    [InlineData("HOST", "not a host")]
    [InlineData("AUTH_FAILURE_LIMIT", "0")]
    [InlineData("CORS_ORIGINS", "example.com")]
    [InlineData("WS_PING_INTERVAL", "0")]
    [InlineData("WS_PONG_TIMEOUT", "soon")]
    public async Task BadValueStopsStartUpNamingTheVariable(string name, string value)
    {
        var (exitCode, stderr) = await ServerProcess.RunUntilExitAsync(new Dictionary<string, string> { [name] = value });

        Assert.Equal(StartupFailure.ConfigurationExitCode, exitCode);
        Assert.Contains($"{name} must be", stderr, StringComparison.Ordinal);
        Assert.Contains(value, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BlankApiKeyStopsStartUp()
    {
        var (exitCode, stderr) = await ServerProcess.RunUntilExitAsync(new Dictionary<string, string> { ["API_KEY"] = "   " });

        Assert.Equal(StartupFailure.ConfigurationExitCode, exitCode);
        Assert.Contains("API_KEY is blank", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData("abc", "abc")]
    [InlineData(" key-from-a-file\n", "key-from-a-file")]
    public void ApiKeyIsTrimmedAndEmptyMeansUnset(string? raw, string? expected)
    {
        var env = new EnvSettings(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["API_KEY"] = raw }).Build());
        var options = new LlmsTxt.Server.Auth.ApiKeyOptions();
        LlmsTxt.Server.Auth.ApiKeyOptions.Read(env, options);
        Assert.Equal(expected, options.ApiKey);
        Assert.Empty(env.Errors);
    }

    [Fact]
    public async Task DotEnvInTheWorkingDirectoryIsReadAndTheEnvironmentWins()
    {
        var (exitCode, stderr) = await ServerProcess.RunUntilExitAsync(
            new Dictionary<string, string> { ["HOST"] = "127.0.0.1" },
            dotEnv: "HOST=bad-host-from-file\nPORT=bad-port-from-file\n");

        Assert.Equal(StartupFailure.ConfigurationExitCode, exitCode);
        Assert.Contains("PORT must be a whole number from 0 to 65535, got 'bad-port-from-file'", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("HOST must", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void DotEnvFileIsReadButTheEnvironmentWins()
    {
        var directory = Directory.CreateTempSubdirectory("llmstxt-env-");
        try
        {
            File.WriteAllText(Path.Combine(directory.FullName, ".env"), "# comment\nLLMSTXT_TEST_FROM_FILE=file-value\nLLMSTXT_TEST_BOTH=\"from file\"\n");
            Environment.SetEnvironmentVariable("LLMSTXT_TEST_BOTH", "from environment");
            var configuration = new ConfigurationBuilder().AddEnvironmentVariables().AddDotEnvFile(directory.FullName).Build();

            Assert.Equal("file-value", configuration["LLMSTXT_TEST_FROM_FILE"]);
            Assert.Equal("from environment", configuration["LLMSTXT_TEST_BOTH"]);
            Assert.Null(Environment.GetEnvironmentVariable("LLMSTXT_TEST_FROM_FILE"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("LLMSTXT_TEST_BOTH", null);
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void MissingDotEnvFileIsFine()
    {
        var directory = Directory.CreateTempSubdirectory("llmstxt-env-");
        var configuration = new ConfigurationBuilder().AddDotEnvFile(directory.FullName).Build();
        Assert.Null(configuration["PORT"]);
        directory.Delete();
    }

    [Fact]
    public void EnvSettingsCollectsEveryBadValue()
    {
        var env = new EnvSettings(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["A"] = "12x",
            ["B"] = "maybe",
            ["C"] = "ftp://x",
            ["D"] = " 42 ",
            ["E"] = "1",
            ["F"] = "a, b,,c",
        }).Build());

        Assert.Equal(7, env.Number("A", 7, 0, 10));
        Assert.False(env.Flag("B", false));
        Assert.Null(env.AbsoluteUrl("C", "http", "https"));
        Assert.Equal(42, env.Number("D", 0, 0, 100));
        Assert.True(env.Flag("E", false));
        Assert.Equal(["a", "b", "c"], env.List("F"));
        Assert.Equal(TimeSpan.FromSeconds(30), env.Seconds("UNSET", TimeSpan.FromSeconds(30), TimeSpan.Zero, TimeSpan.FromMinutes(1)));
        Assert.Equal(3, env.Errors.Count);
        Assert.StartsWith("A must be a whole number from 0 to 10", env.Errors[0], StringComparison.Ordinal);
        Assert.StartsWith("B must be true or false (or 1 or 0)", env.Errors[1], StringComparison.Ordinal);
        Assert.StartsWith("C must be an absolute http or https URL", env.Errors[2], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://0.0.0.0:8000", "http://localhost:8000/")]
    [InlineData("http://[::]:8000", "http://localhost:8000/")]
    [InlineData("http://127.0.0.1:8123", "http://localhost:8123/")]
    [InlineData("http://localhost:8000", "http://localhost:8000/")]
    [InlineData("http://10.1.2.3:80", "http://10.1.2.3/")]
    public void StartUpLogPointsAtAUrlABrowserCanOpen(string bound, string open) =>
        Assert.Equal(open, StartupReport.UrlToOpen(bound));

    [Fact]
    public async Task StartUpLogSaysWhichUrlToOpen()
    {
        using var host = new ServerHost(new Dictionary<string, string?>());
        var port = host.BaseUri.Port;
        var line = await host.Logs.WaitForAsync(l => l.Message.Contains("open http://localhost:" + port + "/", StringComparison.Ordinal));
        Assert.Contains("ready", line.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("?api_key=s3cret&x=1", "?api_key=REDACTED&x=1")]
    [InlineData("?TOKEN=abc", "?TOKEN=REDACTED")]
    [InlineData("?api%5Fkey=s3cret", "?api%5Fkey=REDACTED")]
    [InlineData("?q=token&page=2", "?q=token&page=2")]
    [InlineData("", "")]
    public void RequestLogRedactsSecretQueryValues(string query, string logged) =>
        Assert.Equal(logged, RequestLogging.RedactQuery(query));
}
