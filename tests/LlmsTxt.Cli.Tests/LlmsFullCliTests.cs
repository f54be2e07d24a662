using LlmsTxt.TestSites;

namespace LlmsTxt.Cli.Tests;

/// <summary>llms-full.txt from the command line: the size cap option and validation that knows the file.</summary>
public sealed class LlmsFullCliTests
{
    [Fact]
    public async Task CapOptionLimitsLlmsFullAndValidateRecognisesTheFile()
    {
        await using var site = await SampleSites.StartDocsSiteAsync();
        var folder = CliProcess.NewFolder();

        var run = await CliProcess.RunAsync(folder, "generate", site.BaseUri.AbsoluteUri, "-o", "llms.txt", "--full", "--full-max-chars", "2000");

        Assert.True(run.ExitCode == 0, run.Stderr);
        var full = await File.ReadAllTextAsync(Path.Combine(folder, "llms-full.txt"));
        Assert.True(full.Length <= 2000, $"{full.Length} characters");
        Assert.Contains("pages inlined, about ", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("reached its size cap", run.Stderr, StringComparison.Ordinal);

        var byName = await CliProcess.RunAsync(folder, "validate", "llms-full.txt");
        Assert.True(byName.ExitCode == 0, byName.Stdout);
        Assert.Contains("valid llms-full.txt", byName.Stdout, StringComparison.Ordinal);

        // Under another name the file's shape (page blocks with Source lines) tells what it is.
        File.Copy(Path.Combine(folder, "llms-full.txt"), Path.Combine(folder, "docs.md"));
        var byShape = await CliProcess.RunAsync(folder, "validate", "docs.md");
        Assert.True(byShape.ExitCode == 0, byShape.Stdout);
        Assert.Contains("valid llms-full.txt", byShape.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidateFullNamesTheBrokenPageBlock()
    {
        var folder = CliProcess.NewFolder();
        await File.WriteAllTextAsync(Path.Combine(folder, "all.txt"),
            "# Site\n\n> Summary.\n\nAbout.\n\n## Guide\n\nSource: https://example.com/guide\n\nText.\n\n## API\n\nNo source line here.\n");

        var run = await CliProcess.RunAsync(folder, "validate", "--full", "all.txt");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("all.txt:13: error: The page \"API\" has no \"Source: url\" line after its heading.", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("not a valid llms-full.txt", run.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("999")]
    [InlineData("lots")]
    public async Task CapBelowTheMinimumOrNotANumberIsAUsageMistake(string value)
    {
        var run = await CliProcess.RunAsync(CliProcess.NewFolder(), "generate", "http://127.0.0.1:1/", "--full", "--full-max-chars", value);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--full-max-chars must be", run.Stderr, StringComparison.Ordinal);
    }
}
