using LlmsTxt.Core.Generation;
using LlmsTxt.TestSites;

namespace LlmsTxt.Cli.Tests;

public sealed class LlmEnhanceCliTests
{
    private const string Key = "sk-or-cli-test-5e6f7a8b";
    private const string Summary = "> Improved summary from the stand-in provider.";

    [Fact]
    public async Task LlmEnhanceUsesTheProviderFromTheEnvironment()
    {
        await using var standIn = await ChatCompletionsStandIn.StartAsync(ChatReply.Rewrite(f =>
            string.Join('\n', f.Split('\n').Select(l => l.StartsWith("> ", StringComparison.Ordinal) ? Summary : l))));
        await using var site = await SampleSites.StartDocsSiteAsync();
        var env = new Dictionary<string, string?>
        {
            ["OPENROUTER_API_KEY"] = Key,
            ["LLM_BASE_URL"] = standIn.BaseUrl.AbsoluteUri,
            ["LLM_MODEL"] = "test/cli-model",
            ["LLM_ENHANCEMENT_ENABLED"] = null,
        };

        var run = await CliProcess.RunAsync(CliProcess.NewFolder(), env, "generate", site.BaseUri.AbsoluteUri, "--llm-enhance");

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains(Summary, run.Stdout, StringComparison.Ordinal);
        Assert.True(LlmsTxtGenerator.Validate(run.Stdout).IsValid);
        Assert.Contains("Improved the file with an LLM", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, run.Stderr, StringComparison.Ordinal);
        Assert.Equal("test/cli-model", Assert.Single(standIn.Calls).Model);
    }

    [Fact]
    public async Task LlmEnhanceWithoutAKeyFailsNamingTheVariable()
    {
        var env = new Dictionary<string, string?> { ["OPENROUTER_API_KEY"] = null, ["LLM_API_KEY"] = null };

        var run = await CliProcess.RunAsync(CliProcess.NewFolder(), env, "generate", "http://127.0.0.1:1/", "--llm-enhance");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("OPENROUTER_API_KEY", run.Stderr, StringComparison.Ordinal);
    }
}
