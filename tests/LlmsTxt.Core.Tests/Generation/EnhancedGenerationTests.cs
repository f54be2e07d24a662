using LlmsTxt.Core.Enhancement;
using LlmsTxt.Core.Generation;
using LlmsTxt.TestSites;

namespace LlmsTxt.Core.Tests.Generation;

public sealed class EnhancedGenerationTests
{
    private static string Header(string file) => file[..file.IndexOf("\n## ", StringComparison.Ordinal)];

    [Fact]
    public async Task ModelRewordingAnUnchangedSiteKeepsTheContentHashes()
    {
        var wording = 0;
        await using var standIn = await ChatCompletionsStandIn.StartAsync(_ => ChatReply.Improve(p => $"Wording {Volatile.Read(ref wording)} of the description of {p.Title} pages."));
        await using var site = await SampleSites.StartDocsSiteAsync();
        var options = new LlmEnhancerOptions { Enabled = true, ApiKey = "sk-test", BaseUrl = standIn.BaseUrl, Model = "test/model" };
        using var enhancer = new LlmEnhancer(options);
        using var generator = new LlmsTxtGenerator(enhancer: enhancer);
        var request = new GenerationRequest { Url = site.BaseUri, AllowPrivateNetworks = true, LlmEnhance = true, Full = true };

        var first = await generator.GenerateAsync(request);
        Interlocked.Increment(ref wording);
        var second = await generator.GenerateAsync(request);

        Assert.Contains("Wording 0 of", first.LlmsTxt, StringComparison.Ordinal);
        Assert.Contains("Wording 1 of", second.LlmsTxt, StringComparison.Ordinal);
        Assert.Equal(first.ContentHash, second.ContentHash);
        Assert.Equal(first.FullContentHash, second.FullContentHash);
        Assert.NotEqual(LlmsTxtGenerator.Hash(first.LlmsTxt), first.ContentHash);
    }

    [Fact]
    public async Task LlmsFullHasTheSameHeaderAsTheEnhancedLlmsTxt()
    {
        await using var standIn = await ChatCompletionsStandIn.StartAsync(ChatReply.Improve());
        await using var site = await SampleSites.StartDocsSiteAsync();
        using var enhancer = new LlmEnhancer(new LlmEnhancerOptions { Enabled = true, BaseUrl = standIn.BaseUrl });
        using var generator = new LlmsTxtGenerator(enhancer: enhancer);

        var result = await generator.GenerateAsync(new GenerationRequest { Url = site.BaseUri, AllowPrivateNetworks = true, LlmEnhance = true, Full = true });

        Assert.Contains("> " + StandInAnswers.Summary, result.LlmsTxt, StringComparison.Ordinal);
        Assert.Equal(Header(result.LlmsTxt), Header(result.LlmsFullTxt!));
        Assert.True(result.Validation.IsValid);
        Assert.NotNull(result.Enhancement);
        Assert.Equal(standIn.Calls.Count, result.Enhancement.Usage.Requests);
    }

    [Fact]
    public async Task StopDuringEnhancementKeepsTheGeneratedFile()
    {
        await using var standIn = await ChatCompletionsStandIn.StartAsync(ChatReply.Hanging());
        await using var site = await SampleSites.StartDocsSiteAsync();
        using var enhancer = new LlmEnhancer(new LlmEnhancerOptions { Enabled = true, BaseUrl = standIn.BaseUrl });
        using var generator = new LlmsTxtGenerator(enhancer: enhancer);
        using var stop = new CancellationTokenSource();
        var request = new GenerationRequest { Url = site.BaseUri, AllowPrivateNetworks = true };
        var plain = await generator.GenerateAsync(request);
        var log = new List<string>();

        var run = generator.GenerateAsync(request with { LlmEnhance = true }, new SyncProgress(e => { if (e is GenerationLog l) lock (log) log.Add(l.Message); }), stop.Token, CancellationToken.None);
        using (var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20)))
            while (standIn.Calls.Count == 0) await Task.Delay(10, deadline.Token);
        await stop.CancelAsync();
        var result = await run.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(plain.LlmsTxt, result.LlmsTxt);
        lock (log) Assert.Contains("Stopped during LLM enhancement; keeping the generated file.", log);
    }

    private sealed class SyncProgress(Action<GenerationEvent> report) : IProgress<GenerationEvent>
    {
        public void Report(GenerationEvent value) => report(value);
    }
}
