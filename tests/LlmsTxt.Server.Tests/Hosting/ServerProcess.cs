using System.Collections.Concurrent;
using System.Diagnostics;

namespace LlmsTxt.Server.Tests.Hosting;

/// <summary>
/// The real server as a separate operating-system process (<c>dotnet LlmsTxt.Server.dll</c>), configured
/// by environment variables exactly as a deployment would be, its output captured line by line. The one way tests
/// start the server as a process: for what only a process shows (start-up failures and exit codes, <c>.env</c> and
/// the working directory, crashes, several instances); everything else uses <c>WebApplicationFactory</c>.
/// </summary>
public sealed class ServerProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ConcurrentQueue<string> _errors = new();

    private ServerProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public IReadOnlyCollection<string> Lines => _lines;

    public string Output => string.Join('\n', _lines);

    /// <summary>Standard error only: where start-up failures are reported.</summary>
    public string ErrorOutput => string.Join('\n', _errors);

    public bool HasExited => _process.HasExited;

    public int ExitCode
    {
        get
        {
            // Exited, but the output pipes may still be draining: wait for them too.
            _process.WaitForExit();
            return _process.ExitCode;
        }
    }

    /// <param name="environment">The variables the test sets; they win over the defaults below.</param>
    /// <param name="workingDirectory">Where the process runs (its <c>.env</c> is read from there); a fresh folder when null.</param>
    /// <param name="onFreePort">Listen on 127.0.0.1 and a port the system picks unless <paramref name="environment"/> says otherwise;
    /// false leaves <c>HOST</c> and <c>PORT</c> to the server's own defaults and <c>.env</c>.</param>
    /// <param name="nativeImage">The Native AOT executable to run (<see cref="TestServices.NativeServer"/>) instead of the JIT build beside the tests.</param>
    public static ServerProcess Start(IReadOnlyDictionary<string, string> environment, string? workingDirectory = null, bool onFreePort = true, string? nativeImage = null)
    {
        var info = new ProcessStartInfo(nativeImage ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? TestServices.NewTempFolder(),
        };
        if (nativeImage is null)
        {
            info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "LlmsTxt.Server.dll"));
        }

        // Only what the test says: nothing the test runner's own environment happens to hold.
        foreach (var name in new[] { "API_KEY", "HOST", "PORT", "CORS_ORIGINS", "AUTH_FAILURE_LIMIT", "AUTH_FAILURE_WINDOW_SECONDS", "ASPNETCORE_URLS" })
        {
            info.Environment.Remove(name);
        }
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        if (onFreePort)
        {
            info.Environment["HOST"] = "127.0.0.1";
            info.Environment["PORT"] = "0";
        }
        info.Environment["Logging__Console__FormatterName"] = "simple";
        info.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info };
        var server = new ServerProcess(process);
        process.OutputDataReceived += (_, e) => server.Add(e.Data);
        process.ErrorDataReceived += (_, e) =>
        {
            server.Add(e.Data);
            if (e.Data is not null)
            {
                server._errors.Enqueue(e.Data);
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    /// <summary>
    /// Starts the server in a fresh working directory (with <paramref name="dotEnv"/> as its <c>.env</c> file) and waits
    /// for it to exit, as it must when its configuration is refused; fails when it starts serving instead.
    /// </summary>
    public static async Task<(int ExitCode, string Stderr)> RunUntilExitAsync(IReadOnlyDictionary<string, string> environment, string? dotEnv = null)
    {
        var directory = TestServices.NewTempFolder();
        if (dotEnv is not null)
        {
            await File.WriteAllTextAsync(Path.Combine(directory, ".env"), dotEnv);
        }

        using var server = Start(environment, directory, onFreePort: false);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await server._process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException("The server started instead of refusing its configuration: " + server.Output);
        }

        return (server.ExitCode, server.ErrorOutput);
    }

    /// <summary>SIGKILL: no shutdown code runs, leases are left behind as after a crash.</summary>
    public void KillHard()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    /// <summary>Waits for the start-up line "open http://… in a browser" and returns that address.</summary>
    public async Task<Uri> ListeningAsync()
    {
        await Eventually.HoldsAsync(() => Task.FromResult(HasExited || Output.Contains("in a browser", StringComparison.Ordinal)), TimeSpan.FromSeconds(60), () => Output);
        var match = System.Text.RegularExpressions.Regex.Match(Output, @"open (http://\S+) in a browser");
        return match.Success ? new Uri(match.Groups[1].Value) : throw new InvalidOperationException("The server did not start: " + Output);
    }

    public int CountLines(string fragment) => _lines.Count(l => l.Contains(fragment, StringComparison.Ordinal));

    private void Add(string? line)
    {
        if (line is not null)
        {
            _lines.Enqueue(line);
        }
    }

    public void Dispose()
    {
        KillHard();
        _process.Dispose();
    }
}

/// <summary>Polls a condition that another process makes true; fails with a description after the deadline.</summary>
public static class Eventually
{
    public static async Task HoldsAsync(Func<Task<bool>> condition, TimeSpan within, Func<string> describe)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > within)
            {
                throw new TimeoutException($"Not reached within {within.TotalSeconds:0} s: {describe()}");
            }

            await Task.Delay(100);
        }
    }
}
