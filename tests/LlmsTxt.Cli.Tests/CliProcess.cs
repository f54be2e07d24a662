using System.Diagnostics;
using System.Text;

namespace LlmsTxt.Cli.Tests;

public sealed record CliRun(int ExitCode, string Stdout, string Stderr);

/// <summary>Runs the built <c>llmstxt</c> (src/LlmsTxt.Cli output, same configuration as the tests) as a real process.</summary>
public static class CliProcess
{
    public static string DllPath()
    {
        // tests/LlmsTxt.Cli.Tests/bin/<Configuration>/net10.0 → src/LlmsTxt.Cli/bin/<Configuration>/net10.0/llmstxt.dll
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = output.Parent!.Name;
        var root = output.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
        var dll = Path.Combine(root, "src", "LlmsTxt.Cli", "bin", configuration, output.Name, "llmstxt.dll");
        Assert.True(File.Exists(dll), $"The CLI was not built at {dll}.");
        return dll;
    }

    public static Task<CliRun> RunAsync(string workingDirectory, params string[] args) => RunAsync(workingDirectory, null, args);

    /// <param name="environment">Extra environment variables for the process (null value removes one).</param>
    public static async Task<CliRun> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string?>? environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(DllPath());
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null) start.Environment.Remove(name);
            else start.Environment[name] = value;
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"llmstxt {string.Join(' ', args)} did not finish within 60 s. stderr: {await stderr}");
        }
        return new CliRun(process.ExitCode, await stdout, await stderr);
    }

    public static string NewFolder() => LlmsTxt.TestSites.TempFolders.New();
}
