using LlmsTxt.Core.Enhancement;
using LlmsTxt.Core.Generation;
using LlmsTxt.Core.Writing;
using LlmsTxt.TestSites;

namespace LlmsTxt.Core.Tests.Generation;

/// <summary>The whole pipeline on a 1,000-page site with the stand-in provider.</summary>
public sealed class LargeSiteEnhancementTests
{
    [Fact]
    public async Task ThousandPageSiteIsEnhancedInRequestsUnderTheBudgetWithTheSameUrls()
    {
        await using var standIn = await ChatCompletionsStandIn.StartAsync(ChatReply.Improve());
        await using var site = await new GeneratedSite(pageCount: 1000, pageBytes: 3_000).ServeAsync();
        using var enhancer = new LlmEnhancer(new LlmEnhancerOptions { Enabled = true, BaseUrl = standIn.BaseUrl, Model = "test/big" });
        using var generator = new LlmsTxtGenerator(enhancer: enhancer);
        var request = new GenerationRequest { Url = site.BaseUri, MaxPages = 1000, AllowPrivateNetworks = true, Concurrency = 16 };
        var log = new LogLines();

        var plain = await generator.GenerateAsync(request);
        var enhanced = await generator.GenerateAsync(request with { LlmEnhance = true },
            log);

        Assert.Equal(1000, plain.Stats.PagesListed);
        Assert.All(standIn.Calls, c =>
        {
            Assert.True(c.BodyBytes <= LlmEnhancerOptions.DefaultPromptBudget, $"{c.BodyBytes} bytes");
            Assert.Equal(c.BodyBytes, c.ContentLength);
            Assert.NotNull(c.MaxTokens);
        });
        Assert.True(standIn.Calls.Count is > 5 and < 100, $"{standIn.Calls.Count} requests");
        Assert.Equal(LinkUrls(plain.LlmsTxt), LinkUrls(enhanced.LlmsTxt));
        Assert.Equal(Sections(plain.LlmsTxt), Sections(enhanced.LlmsTxt));
        Assert.NotEqual(plain.LlmsTxt, enhanced.LlmsTxt);
        Assert.Equal(plain.ContentHash, enhanced.ContentHash);
        Assert.True(enhanced.Validation.IsValid);
        Assert.True(enhanced.Enhancement!.DescriptionsImproved > 900, $"{enhanced.Enhancement.DescriptionsImproved} improved");
        Assert.Contains(log.Lines, l => l.StartsWith($"LLM enhancement with test/big: {standIn.Calls.Count} requests", StringComparison.Ordinal));
    }

    /// <summary>Collects log lines as they are reported (Progress&lt;T&gt; would post them later, on the thread pool).</summary>
    private sealed class LogLines : IProgress<GenerationEvent>
    {
        private readonly List<string> _lines = [];

        public IReadOnlyList<string> Lines { get { lock (_lines) return [.. _lines]; } }

        public void Report(GenerationEvent value)
        {
            if (value is GenerationLog log) lock (_lines) _lines.Add(log.Message);
        }
    }

    private static List<string> LinkUrls(string file) =>
        [.. file.Split('\n').Where(l => l.StartsWith("- [", StringComparison.Ordinal)).Select(l => l[(l.IndexOf("](", StringComparison.Ordinal) + 2)..l.IndexOf(')', l.IndexOf("](", StringComparison.Ordinal))])];

    private static List<string> Sections(string file) => [.. file.Split('\n').Where(l => l.StartsWith("## ", StringComparison.Ordinal))];
}
