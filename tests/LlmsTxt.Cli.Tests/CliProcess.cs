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
    public static Task<CliRun> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string?>? environment, params string[] args) =>
        RunProcessAsync(null, workingDirectory, environment, args);

    /// <summary>The tool published as a Native AOT executable (test.sh publishes it and exports the path).</summary>
    public static string NativeImage() => Environment.GetEnvironmentVariable("LLMSTXT_TEST_NATIVE_CLI") is { Length: > 0 } path && File.Exists(path)
        ? path
        : throw new InvalidOperationException("LLMSTXT_TEST_NATIVE_CLI is not set or missing: run the tests through ./test.sh, which publishes the tool as a Native AOT executable.");

    /// <param name="executable">A native executable to run; null runs the built llmstxt.dll with dotnet.</param>
    public static Task<CliRun> RunNativeAsync(string workingDirectory, params string[] args) => RunProcessAsync(NativeImage(), workingDirectory, null, args);

    private static async Task<CliRun> RunProcessAsync(string? executable, string workingDirectory, IReadOnlyDictionary<string, string?>? environment, string[] args)
    {
        var start = new ProcessStartInfo(executable ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        if (executable is null) start.ArgumentList.Add(DllPath());
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
