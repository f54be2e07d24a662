using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using LlmsTxt.Server.Configuration;
using LlmsTxt.Server.Tests.Hosting;
using LlmsTxt.Server.Tests.Sites;
using LlmsTxt.Server.Tests.Support;

namespace LlmsTxt.Server.Tests.FirstRun;

/// <summary>What a newcomer meets first: where settings and data live, and what a bad start looks like.</summary>
public sealed partial class FirstRunTests
{
    [Fact]
    public async Task ServerRunInTheProjectFolderReadsTheCheckoutRootsDotEnvAndLeavesGitClean()
    {
        // A checkout with the project's .gitignore, a .env at its root, the server started in the project
        // folder src/App as `dotnet run --project src/LlmsTxt.Server` does. ALLOW_PRIVATE_NETWORKS comes only from that .env.
        await using var site = await ChangingSite.StartAsync();
        var checkout = TestServices.NewTempFolder();
        Git(checkout, "init", "-q", ".");
        File.Copy(Path.Combine(DotEnvFile.RepositoryRoot(AppContext.BaseDirectory)!, ".gitignore"), Path.Combine(checkout, ".gitignore"));
        await File.WriteAllTextAsync(Path.Combine(checkout, ".env"), "ALLOW_PRIVATE_NETWORKS=true\nAPI_KEY=\n");
        var project = Directory.CreateDirectory(Path.Combine(checkout, "src", "App")).FullName;
        await File.WriteAllTextAsync(Path.Combine(project, "App.csproj"), "<Project />\n");
        Git(checkout, "add", "-A");
        Git(checkout, "-c", "user.email=t@example.test", "-c", "user.name=t", "commit", "-q", "-m", "start");
        var committed = Git(checkout, "ls-files");
        Assert.DoesNotContain(".env", committed, StringComparison.Ordinal);

        using var server = ServerProcess.Start(new Dictionary<string, string>(), project);
        var url = await ReadyUrlAsync(server);
        var socket = new UriBuilder(url) { Scheme = "ws", Path = "/ws/crawl" }.Uri;
        var outcome = await SocketClient.ExchangeAsync(socket, $$"""{"url":"{{site.BaseUrl}}","maxPages":3}""");

        Assert.Single(outcome.OfType("result"));
        Assert.Empty(outcome.OfType("error"));
        Assert.Equal("", Git(checkout, "status", "--porcelain", "--untracked-files=all"));
    }

    [Fact]
    public async Task SeveralBadSettingsAreAllNamedOnePerLineWithoutAStackTrace()
    {
        var (exitCode, stderr) = await ServerProcess.RunUntilExitAsync(new Dictionary<string, string>
        {
            ["PORT"] = "abc",
            ["AUTH_FAILURE_LIMIT"] = "0",
            ["ALLOW_PRIVATE_NETWORKS"] = "yes",
            ["S3_BUCKET"] = "B",
            ["SCHEDULER_INTERVAL"] = "never",
        });

        Assert.Equal(StartupFailure.ConfigurationExitCode, exitCode);
        foreach (var name in new[] { "PORT", "AUTH_FAILURE_LIMIT", "ALLOW_PRIVATE_NETWORKS", "S3_BUCKET", "SCHEDULER_INTERVAL" })
        {
            Assert.Single(stderr.Split('\n'), line => line.TrimStart().StartsWith(name + " ", StringComparison.Ordinal));
        }

        Assert.Contains("ALLOW_PRIVATE_NETWORKS must be true or false (or 1 or 0), got 'yes'", stderr, StringComparison.Ordinal);
        Assert.DoesNotMatch(StackFrame(), stderr);
    }

    [Fact]
    public async Task PortInUseSaysSoAndNamesThePortVariable()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var (exitCode, stderr) = await ServerProcess.RunUntilExitAsync(new Dictionary<string, string> { ["HOST"] = "127.0.0.1", ["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture) });

        Assert.Equal(StartupFailure.RuntimeExitCode, exitCode);
        Assert.Contains($"port {port} is already in use; set PORT", stderr, StringComparison.Ordinal);
        Assert.DoesNotMatch(StackFrame(), stderr);
    }

    [Fact]
    public async Task UnreachableS3AtStartUpIsAWarningAndReadinessSays503()
    {
        using var closed = new TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var endpoint = $"http://127.0.0.1:{((IPEndPoint)closed.LocalEndpoint).Port}";
        closed.Stop();
        using var server = ServerProcess.Start(new Dictionary<string, string>
        {
            ["S3_ENDPOINT"] = endpoint,
            ["S3_BUCKET"] = "unreachable-bucket",
            ["S3_ACCESS_KEY"] = "a",
            ["S3_SECRET_KEY"] = "b",
            ["SCHEDULER_ENABLED"] = "false",
        });
        var url = await ReadyUrlAsync(server);

        await Eventually.HoldsAsync(() => Task.FromResult(server.CountLines("Storage (s3) does not answer") == 1), TimeSpan.FromSeconds(30), () => server.Output);
        using var http = new HttpClient();
        using var ready = await http.GetAsync(new Uri(new Uri(url), "/health/ready"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.False(server.HasExited);
    }

    private static async Task<string> ReadyUrlAsync(ServerProcess server)
    {
        await Eventually.HoldsAsync(() => Task.FromResult(server.Output.Contains("in a browser", StringComparison.Ordinal) || server.HasExited), TimeSpan.FromSeconds(60), () => server.Output);
        Assert.False(server.HasExited, server.Output);
        return Regex.Match(server.Output, @"open (http://\S+) in a browser").Groups[1].Value;
    }

    private static string Git(string directory, params string[] arguments)
    {
        var info = new ProcessStartInfo("git") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var git = Process.Start(info)!;
        var output = git.StandardOutput.ReadToEnd();
        git.WaitForExit();
        Assert.True(git.ExitCode == 0, $"git {string.Join(' ', arguments)}: {git.StandardError.ReadToEnd()}");
        return output;
    }

    [GeneratedRegex(@"^\s+at \S+", RegexOptions.Multiline)]
    private static partial Regex StackFrame();
}
