using System.Diagnostics;
using System.Globalization;

namespace LlmsTxt.Bench.Scheduler;

/// <summary>One server instance as its own process (dotnet LlmsTxt.Server.dll), configured by environment variables.</summary>
internal sealed class Instance : IDisposable
{
    private readonly Process _process;
    private int _updated;

    private Instance(Process process) => _process = process;

    public int Updated => Volatile.Read(ref _updated);

    public static Instance Start(IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Directory.CreateTempSubdirectory("llmstxt-bench-instance").FullName,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "LlmsTxt.Server.dll"));
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Logging__Console__FormatterName"] = "simple";
        info.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["Logging__LogLevel__LlmsTxt.Server.Sites.SiteRecrawler"] = "Information";
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info };
        var instance = new Instance(process);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.Contains(": Updated;", StringComparison.Ordinal) == true)
            {
                Interlocked.Increment(ref instance._updated);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 } line)
            {
                Console.Error.WriteLine($"[instance {process.Id}] {line}");
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return instance;
    }

    /// <summary>Peak resident memory (VmHWM) of the process so far, in MiB.</summary>
    public double PeakMemoryMiB()
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        var kib = line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        return kib / 1024.0;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }
}
