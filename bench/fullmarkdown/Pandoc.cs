using System.Diagnostics;

namespace LlmsTxt.Bench.FullMarkdown;

/// <summary>The pandoc command on PATH, run as a new user would: <c>pandoc -f html -t gfm-raw_html</c>.</summary>
internal sealed class Pandoc(string path, string version)
{
    public string Version => version;

    public static Pandoc? Find()
    {
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(folder, "pandoc");
            if (File.Exists(candidate))
            {
                var first = Run(candidate, ["--version"], []).GetAwaiter().GetResult().Split('\n')[0];
                return new Pandoc(candidate, first.Trim());
            }
        }
        return null;
    }

    public Task<string> ConvertAsync(byte[] html) => Run(path, ["-f", "html", "-t", "gfm-raw_html", "--wrap=none"], html);

    private static async Task<string> Run(string file, string[] arguments, byte[] input)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.StandardInput.BaseStream.WriteAsync(input);
        process.StandardInput.Close();
        await process.WaitForExitAsync();
        _ = await errors;
        return await output;
    }
}
