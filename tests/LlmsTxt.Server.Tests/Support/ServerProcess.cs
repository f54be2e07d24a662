using System.Diagnostics;

namespace LlmsTxt.Server.Tests.Support;

/// <summary>Runs the built server as its own process (as a user would) in an empty working directory, for start-up failures.</summary>
public static class ServerProcess
{
    public static async Task<(int ExitCode, string Stderr)> RunAsync(IReadOnlyDictionary<string, string> environment, string? dotEnv = null)
    {
        var directory = Directory.CreateTempSubdirectory("llmstxt-start-");
        try
        {
            if (dotEnv is not null)
            {
                await File.WriteAllTextAsync(Path.Combine(directory.FullName, ".env"), dotEnv);
            }

            var start = new ProcessStartInfo("dotnet", [typeof(Program).Assembly.Location])
            {
                WorkingDirectory = directory.FullName,
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            };
            foreach (var name in new[] { "API_KEY", "HOST", "PORT", "CORS_ORIGINS", "AUTH_FAILURE_LIMIT", "AUTH_FAILURE_WINDOW_SECONDS", "ASPNETCORE_URLS" })
            {
                start.Environment.Remove(name);
            }

            foreach (var (name, value) in environment)
            {
                start.Environment[name] = value;
            }

            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("The server started instead of refusing its configuration: " + await stdout);
            }

            return (process.ExitCode, await stderr);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
