using LlmsTxt.Core.Enhancement;
using LlmsTxt.Core.Generation;
using LlmsTxt.TestSites;

namespace LlmsTxt.Core.Tests.Generation;

public sealed class EnhancedHashTests
{
    private static string NewSummary(string file, string summary) =>
        string.Join('\n', file.Split('\n').Select(l => l.StartsWith("> ", StringComparison.Ordinal) ? "> " + summary : l));

    [Fact]
    public async Task ModelRewordingAnUnchangedSiteKeepsTheContentHash()
    {
        await using var standIn = await ChatCompletionsStandIn.StartAsync(
            ChatReply.Rewrite(f => NewSummary(f, "First wording of the summary.")),
            ChatReply.Rewrite(f => NewSummary(f, "A second, different wording.")));
        await using var site = await SampleSites.StartDocsSiteAsync();
        var options = new LlmEnhancerOptions { Enabled = true, ApiKey = "sk-test", BaseUrl = standIn.BaseUrl, Model = "test/model" };
        using var enhancer = new LlmEnhancer(options);
        using var generator = new LlmsTxtGenerator(enhancer: enhancer);
        var request = new GenerationRequest { Url = site.BaseUri, AllowPrivateNetworks = true, LlmEnhance = true };

        var first = await generator.GenerateAsync(request);
        var second = await generator.GenerateAsync(request);

        Assert.Contains("First wording", first.LlmsTxt, StringComparison.Ordinal);
        Assert.Contains("second, different wording", second.LlmsTxt, StringComparison.Ordinal);
        Assert.Equal(first.ContentHash, second.ContentHash);
        Assert.NotEqual(LlmsTxtGenerator.Hash(first.LlmsTxt), first.ContentHash);
    }
}
