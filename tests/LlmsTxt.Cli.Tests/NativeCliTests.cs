using LlmsTxt.TestSites;

namespace LlmsTxt.Cli.Tests;

/// <summary>
/// The tool as `dotnet publish -r &lt;rid&gt;` makes it: one Native AOT executable (test.sh publishes it). It must do what
/// the JIT build does, byte for byte: the same files, the same answers to a usage mistake, the same help.
/// </summary>
public sealed class NativeCliTests
{
    [Fact]
    public async Task NativeToolWritesTheSameFilesAsTheJitBuildAndValidatesThem()
    {
        await using var site = await SampleSites.StartDocsSiteAsync();
        var native = CliProcess.NewFolder();
        var jit = CliProcess.NewFolder();
        string[] generate = ["generate", site.BaseUri.AbsoluteUri, "-o", "llms.txt", "--full", "--max-pages", "20"];

        var nativeRun = await CliProcess.RunNativeAsync(native, generate);
        var jitRun = await CliProcess.RunAsync(jit, generate);

        Assert.True(nativeRun.ExitCode == 0, nativeRun.Stderr);
        Assert.True(jitRun.ExitCode == 0, jitRun.Stderr);
        foreach (var file in new[] { "llms.txt", "llms-full.txt" })
        {
            Assert.Equal(await File.ReadAllTextAsync(Path.Combine(jit, file)), await File.ReadAllTextAsync(Path.Combine(native, file)));
        }

        var validate = await CliProcess.RunNativeAsync(native, "validate", "llms.txt");
        Assert.True(validate.ExitCode == 0, validate.Stdout);
        Assert.Contains("valid llms.txt", validate.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NativeToolAnswersAUsageMistakeAndHelpAsTheJitBuildDoes()
    {
        string[] mistake = ["generate", "http://127.0.0.1:1/", "--max-pages", "0"];
        var nativeMistake = await CliProcess.RunNativeAsync(CliProcess.NewFolder(), mistake);
        var jitMistake = await CliProcess.RunAsync(CliProcess.NewFolder(), mistake);

        Assert.Equal(2, nativeMistake.ExitCode);
        Assert.Contains("--max-pages", nativeMistake.Stderr, StringComparison.Ordinal);
        Assert.Equal(jitMistake.Stderr, nativeMistake.Stderr);

        var nativeHelp = await CliProcess.RunNativeAsync(CliProcess.NewFolder(), "generate", "--help");
        var jitHelp = await CliProcess.RunAsync(CliProcess.NewFolder(), "generate", "--help");
        Assert.Equal(0, nativeHelp.ExitCode);
        Assert.Equal(jitHelp.Stdout, nativeHelp.Stdout);
    }
}
