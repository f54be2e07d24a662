using LlmsTxt.Core.Generation;
using LlmsTxt.TestSites;

namespace LlmsTxt.Cli.Tests;

public sealed class LlmEnhanceCliTests
{
    private const string Key = "sk-or-cli-test-5e6f7a8b";
    private const string Summary = "> " + StandInAnswers.Summary;

    [Fact]
    public async Task LlmEnhanceUsesTheProviderFromTheEnvironment()
    {
        await using var standIn = await ChatCompletionsStandIn.StartAsync(ChatReply.Improve());
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
        Assert.Equal(2, standIn.Calls.Count);
        Assert.All(standIn.Calls, c => Assert.Equal("test/cli-model", c.Model));
        Assert.All(standIn.Calls, c => Assert.Equal($"Bearer {Key}", c.Authorization));
        Assert.Contains("LLM enhancement with test/cli-model: 2 requests", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LlmEnhanceWithALocalServerNeedsNoKey()
    {
        await using var standIn = await ChatCompletionsStandIn.StartAsync(ChatReply.Improve());
        await using var site = await SampleSites.StartDocsSiteAsync();
        var env = new Dictionary<string, string?>
        {
            ["OPENROUTER_API_KEY"] = null,
            ["LLM_API_KEY"] = null,
            ["LLM_BASE_URL"] = standIn.BaseUrl.AbsoluteUri,
        };

        var run = await CliProcess.RunAsync(CliProcess.NewFolder(), env, "generate", site.BaseUri.AbsoluteUri, "--llm-enhance");

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains(Summary, run.Stdout, StringComparison.Ordinal);
        Assert.All(standIn.Calls, c => Assert.Equal("", c.Authorization));
    }

    [Fact]
    public async Task LlmEnhanceWithoutAKeyFailsNamingTheVariable()
    {
        var env = new Dictionary<string, string?> { ["OPENROUTER_API_KEY"] = null, ["LLM_API_KEY"] = null, ["LLM_BASE_URL"] = "https://llm.example.com/v1" };

        var run = await CliProcess.RunAsync(CliProcess.NewFolder(), env, "generate", "http://127.0.0.1:1/", "--llm-enhance");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("OPENROUTER_API_KEY", run.Stderr, StringComparison.Ordinal);
    }
}
