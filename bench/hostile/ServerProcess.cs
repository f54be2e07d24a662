using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace LlmsTxt.Bench.Hostile;

/// <summary>A fresh server process (dotnet LlmsTxt.Server.dll, or the native image) on 127.0.0.1, and its resident memory from /proc.</summary>
internal sealed class ServerProcess : IDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, int port) => (_process, Port) = (process, port);

    public int Port { get; }

    public int ProcessId => _process.Id;

    public Uri SocketUri => new($"ws://127.0.0.1:{Port}/ws/crawl");

    public static async Task<ServerProcess> StartAsync(string serverDll, IReadOnlyDictionary<string, string> extra)
    {
        var port = FreePort();
        // A .dll runs on the shared runtime; anything else is a native image (the Native AOT publish).
        var isDll = serverDll.EndsWith(".dll", StringComparison.Ordinal);
        var info = new ProcessStartInfo(isDll ? "dotnet" : serverDll)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Directory.CreateTempSubdirectory("llmstxt-bench-hostile").FullName,
        };
        if (isDll) info.ArgumentList.Add(serverDll);
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["HOST"] = "127.0.0.1";
        info.Environment["PORT"] = port.ToString(CultureInfo.InvariantCulture);
        info.Environment["ALLOW_PRIVATE_NETWORKS"] = "true";
        info.Environment["SCHEDULER_ENABLED"] = "false";
        info.Environment["DATA_DIR"] = Path.Combine(info.WorkingDirectory, "data");
        foreach (var (key, value) in extra)
        {
            info.Environment[key] = value;
        }
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 } line) Console.Error.WriteLine($"  [server] {line}");
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ServerProcess(process, port);
        using var http = new HttpClient();
        for (var i = 0; i < 300; i++)
        {
            try
            {
                if ((await http.GetAsync(new Uri($"http://127.0.0.1:{port}/health"))).StatusCode == HttpStatusCode.OK) return server;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(100);
        }
        server.Dispose();
        throw new InvalidOperationException("the server did not start");
    }

    /// <summary>VmRSS now, in MiB.</summary>
    public double ResidentMiB() => Status("VmRSS:");

    /// <summary>VmHWM (peak resident since start or the last <see cref="ResetPeak"/>), in MiB.</summary>
    public double PeakMiB() => Status("VmHWM:");

    /// <summary>Resets VmHWM to the current resident size (Linux: write 5 to clear_refs).</summary>
    public void ResetPeak() => File.WriteAllText($"/proc/{_process.Id}/clear_refs", "5");

    /// <summary>Where the resident memory is now (MiB): anonymous (heaps, JIT code, stacks) and file-backed (mapped assemblies, native libraries).</summary>
    public (double Anon, double File, double Shared, int Threads) ResidentParts() =>
        (Status("RssAnon:"), Status("RssFile:"), Status("RssShmem:"), (int)(Status("Threads:") * 1024));

    /// <summary>User plus system CPU time of the whole process so far (utime+stime from /proc/PID/stat), in ms.</summary>
    public double CpuMilliseconds() => ProcStat.CpuMilliseconds(_process.Id);

    private double Status(string field)
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
        return long.Parse(line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
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
