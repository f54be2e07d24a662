using LlmsTxt.Core.Generation;
using LlmsTxt.TestSites;

namespace LlmsTxt.Cli.Tests;

public sealed class CliTests
{
    [Fact]
    public async Task GenerateWritesValidFileAndExitsZero()
    {
        await using var site = await SampleSites.StartDocsSiteAsync();
        var folder = CliProcess.NewFolder();

        var run = await CliProcess.RunAsync(folder, "generate", site.BaseUri.AbsoluteUri, "-o", "out/llms.txt", "--full", "--max-pages", "20");

        Assert.True(run.ExitCode == 0, run.Stderr);
        var text = await File.ReadAllTextAsync(Path.Combine(folder, "out", "llms.txt"));
        Assert.True(LlmsTxtGenerator.Validate(text).IsValid, string.Join("\n", LlmsTxtGenerator.Validate(text).Findings));
        Assert.Contains(site.Url("/docs/install").AbsoluteUri, text, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(folder, "out", "llms-full.txt")));
        Assert.Empty(run.Stdout);
        Assert.Contains("Fetched", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(Path.Combine(folder, "out"), "*.tmp"));
    }

    [Fact]
    public async Task GenerateWithoutOutputPrintsTheFileOnStdout()
    {
        await using var site = await SampleSites.StartDocsSiteAsync();

        var run = await CliProcess.RunAsync(CliProcess.NewFolder(), "generate", site.BaseUri.AbsoluteUri, "--quiet");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("# ", run.Stdout, StringComparison.Ordinal);
        Assert.True(LlmsTxtGenerator.Validate(run.Stdout).IsValid);
        Assert.Empty(run.Stderr);
    }

    [Theory]
    [InlineData("generate", "--bogus")]
    [InlineData("generate", "http://127.0.0.1:1/", "--max-pages", "0")]
    [InlineData("generate", "http://127.0.0.1:1/", "--max-pages", "many")]
    [InlineData("generate")]
    [InlineData("frobnicate")]
    public async Task UsageMistakesExitTwoWithAHint(params string[] args)
    {
        var run = await CliProcess.RunAsync(CliProcess.NewFolder(), args);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--help", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnreachableSiteExitsOneSayingWhy()
    {
        var run = await CliProcess.RunAsync(CliProcess.NewFolder(), "generate", "http://127.0.0.1:9/");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("127.0.0.1:9", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(run.Stdout);
    }

    [Fact]
    public async Task BlockedPrivateTargetIsRefusedNamingTheFlagThatAllowsIt()
    {
        await using var site = await SampleSites.StartDocsSiteAsync();

        var run = await CliProcess.RunAsync(CliProcess.NewFolder(), "generate", site.BaseUri.AbsoluteUri, "--block-private-networks");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Only public internet addresses are crawled; leave out --block-private-networks to allow private targets.", run.Stderr, StringComparison.Ordinal);
        // The server's setting means nothing to a CLI user.
        Assert.DoesNotContain("ALLOW_PRIVATE_NETWORKS", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(site.Requests);
    }

    [Fact]
    public async Task ValidateReportsTheLineOfAPlantedError()
    {
        var folder = CliProcess.NewFolder();
        var file = Path.Combine(folder, "llms.txt");
        await File.WriteAllTextAsync(file, "# Site\n\n> Summary of the site.\n\nAbout the site.\n\n## Docs\n\n- [Home](https://example.com/): the start\n### Too deep\n- [Guide](https://example.com/guide): a guide\n");

        var run = await CliProcess.RunAsync(folder, "validate", "llms.txt");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("llms.txt:10: error", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidateAcceptsAGeneratedFile()
    {
        await using var site = await SampleSites.StartDocsSiteAsync();
        var folder = CliProcess.NewFolder();
        var generated = await CliProcess.RunAsync(folder, "generate", site.BaseUri.AbsoluteUri, "-o", "llms.txt", "--quiet");
        Assert.Equal(0, generated.ExitCode);

        var run = await CliProcess.RunAsync(folder, "validate", Path.Combine(folder, "llms.txt"));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("valid", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidateFetchesASitesLlmsTxtOverHttp()
    {
        const string broken = "# Site\n\n> Summary.\n\nAbout.\n\n## Docs\n\n- [Guide](https://example.com/guide): a guide\n### Too deep\n";
        await using var site = await TestWebServer.StartAsync(app =>
            Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.MapGet(app, "/llms.txt", () => broken));

        var run = await CliProcess.RunAsync(CliProcess.NewFolder(), "validate", site.BaseUri.AbsoluteUri);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(site.Url("/llms.txt").AbsoluteUri + ":10: error", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExplainWritesEveryCrawledPagesSectionAndReason()
    {
        await using var site = await SampleSites.StartDocsSiteAsync();
        var folder = CliProcess.NewFolder();

        var run = await CliProcess.RunAsync(folder, "generate", site.BaseUri.AbsoluteUri, "-o", "llms.txt", "--max-pages", "5", "--explain", "why.txt", "--quiet");

        Assert.True(run.ExitCode == 0, run.Stderr);
        var why = await File.ReadAllTextAsync(Path.Combine(folder, "why.txt"));
        var listed = LlmsTxtGeneratorLinks(await File.ReadAllTextAsync(Path.Combine(folder, "llms.txt")));
        Assert.Equal(5, listed.Count);
        foreach (var url in listed)
        {
            // Every listed page has its block: section, the rule that placed it, where its description came from.
            var block = why[why.IndexOf("listed " + url + "\n", StringComparison.Ordinal)..];
            block = block[..(block.IndexOf("\n\n", StringComparison.Ordinal) is var end and > 0 ? end : block.Length)];
            Assert.Contains("  section: ", block, StringComparison.Ordinal);
            Assert.Contains("  placed by: ", block, StringComparison.Ordinal);
            Assert.Contains("  description from: ", block, StringComparison.Ordinal);
        }
        // The site has 8 listable pages: the 3 beyond the budget are explained, not silently dropped.
        Assert.Contains("  because: beyond the page budget of 5", why, StringComparison.Ordinal);
    }

    private static List<string> LlmsTxtGeneratorLinks(string text) =>
        text.Split('\n').Where(l => l.StartsWith("- [", StringComparison.Ordinal))
            .Select(l => l[(l.IndexOf("](", StringComparison.Ordinal) + 2)..l.IndexOf(')', l.IndexOf("](", StringComparison.Ordinal))]).ToList();

    [Fact]
    public async Task HelpListsEveryOptionAndExitsZero()
    {
        var run = await CliProcess.RunAsync(CliProcess.NewFolder(), "generate", "--help");

        Assert.Equal(0, run.ExitCode);
        foreach (var option in new[] { "--output", "--full", "--max-pages", "--desc-length", "--full-max-chars", "--concurrency", "--render-js", "--quiet", "--explain" })
            Assert.Contains(option, run.Stdout, StringComparison.Ordinal);
    }
}
