using LlmsTxt.TestSites;

namespace LlmsTxt.Cli.Tests;

/// <summary>The mistakes a newcomer makes first, answered in plain words.</summary>
public sealed class FirstHourCliTests
{
    [Fact]
    public async Task OutputAndFullNamingTheSameFileIsRefusedBeforeCrawling()
    {
        await using var site = await SampleSites.StartDocsSiteAsync();
        var folder = CliProcess.NewFolder();

        var run = await CliProcess.RunAsync(folder, "generate", site.BaseUri.AbsoluteUri, "-o", "same.txt", "--full", "./same.txt");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("-o and --full name the same file", run.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(folder, "same.txt")));
        Assert.Empty(site.Requests);
    }

    [Theory]
    [InlineData("not a url at all", "contains spaces")]
    [InlineData("ftp://files.example.com/", "only http:// and https://")]
    [InlineData("intranet", "no domain")]
    public async Task TextThatIsNotAWebsiteAddressIsRefusedNotFixed(string typed, string why)
    {
        var run = await CliProcess.RunAsync(CliProcess.NewFolder(), "generate", typed);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(why, run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("%20", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABareLocalHostIsCrawledOverHttpAndTheChoiceIsSaid()
    {
        await using var site = await SampleSites.StartDocsSiteAsync();

        var run = await CliProcess.RunAsync(CliProcess.NewFolder(), "generate", site.BaseUri.Authority, "--max-pages", "3");

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains($"crawling http://{site.BaseUri.Authority}/", run.Stderr, StringComparison.Ordinal);
        Assert.StartsWith("# ", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("pages listed", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnwritableOutputNamesTheUsersPathNotATemporaryFile()
    {
        await using var site = await SampleSites.StartDocsSiteAsync();
        var folder = CliProcess.NewFolder();
        // A file where the output's folder should be: nothing can be written below it.
        await File.WriteAllTextAsync(Path.Combine(folder, "blocked"), "");

        var run = await CliProcess.RunAsync(folder, "generate", site.BaseUri.AbsoluteUri, "--max-pages", "3", "-o", "blocked/llms.txt");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(Path.Combine(folder, "blocked", "llms.txt"), run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(".tmp", run.Stderr, StringComparison.Ordinal);
    }
}
