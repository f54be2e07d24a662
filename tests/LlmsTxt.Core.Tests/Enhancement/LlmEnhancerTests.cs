using System.Net.Http.Headers;
using System.Text.Json;
using LlmsTxt.Core.Enhancement;
using LlmsTxt.TestSites;

namespace LlmsTxt.Core.Tests.Enhancement;

/// <summary>The enhancer against a real local HTTP server speaking the chat completions protocol.</summary>
public sealed class LlmEnhancerTests
{
    private const string Key = "sk-or-test-9f8e7d6c5b4a";

    private static LlmEnhancerOptions Options(ChatCompletionsStandIn standIn) => new()
    {
        Enabled = true,
        ApiKey = Key,
        BaseUrl = standIn.BaseUrl,
        Model = "test/model-1",
        Timeout = TimeSpan.FromSeconds(30),
        RetryDelay = TimeSpan.FromMilliseconds(10),
    };

    private static async Task<(EnhancementOutcome Outcome, CapturingLogger<LlmEnhancer> Log)> EnhanceAsync(ChatCompletionsStandIn standIn, Func<LlmEnhancerOptions, LlmEnhancerOptions>? adjust = null)
    {
        var log = new CapturingLogger<LlmEnhancer>();
        var options = Options(standIn);
        using var enhancer = new LlmEnhancer(adjust?.Invoke(options) ?? options, log);
        var outcome = await enhancer.EnhanceAsync(LlmFiles.Original, []);
        Assert.DoesNotContain(log.Lines, l => l.Contains(Key, StringComparison.Ordinal));
        Assert.DoesNotContain(Key, outcome.Note ?? "", StringComparison.Ordinal);
        return (outcome, log);
    }

    [Fact]
    public async Task GoodAnswerReplacesTheFileKeepingEveryUrl()
    {
        await using var standIn = await ChatCompletionsStandIn.StartAsync(ChatReply.Answer(LlmFiles.Improved));

        var (outcome, _) = await EnhanceAsync(standIn);

        Assert.True(outcome.Changed, outcome.Note);
        Assert.Equal(LlmFiles.Improved, outcome.LlmsTxt);
        Assert.NotEqual(LlmFiles.Original, outcome.LlmsTxt);
        Assert.Equal(LlmOutputCheck.Urls(LlmFiles.Original), LlmOutputCheck.Urls(outcome.LlmsTxt));
    }

    [Fact]
    public async Task RequestCarriesTheModelTheBearerKeyAndTheFile()
    {
        await using var standIn = await ChatCompletionsStandIn.StartAsync(ChatReply.Answer(LlmFiles.Improved));

        await EnhanceAsync(standIn);

        var call = Assert.Single(standIn.Calls);
        Assert.Equal($"Bearer {Key}", call.Authorization);
        Assert.Equal("test/model-1", call.Model);
        Assert.Contains(LlmFiles.Original, call.UserPrompt, StringComparison.Ordinal);
        Assert.Contains("Keep every URL exactly", call.SystemPrompt, StringComparison.Ordinal);
        using var body = JsonDocument.Parse(call.Body);
        Assert.Equal(2, body.RootElement.GetProperty("messages").GetArrayLength());
    }

    [Fact]
    public async Task AnswerThatDropsAUrlIsRefusedWithTheReason()
    {
        var dropped = LlmFiles.Improved.Replace("- [Guide](https://docs.example.com/guide): Everyday commands, options and examples.\n", "", StringComparison.Ordinal);
        await using var standIn = await ChatCompletionsStandIn.StartAsync(ChatReply.Answer(dropped));

        var (outcome, log) = await EnhanceAsync(standIn);

        Assert.False(outcome.Changed);
        Assert.Equal(LlmFiles.Original, outcome.LlmsTxt);
        Assert.Equal("the model dropped 1 URL", outcome.Note);
        Assert.Contains(log.Lines, l => l.Contains("the model dropped 1 URL", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnswerThatAddsAUrlIsRefused()
    {
        var added = LlmFiles.Improved.Replace("## Optional\n", "## Optional\n\n- [FAQ](https://docs.example.com/faq): Questions.\n", StringComparison.Ordinal);
        await using var standIn = await ChatCompletionsStandIn.StartAsync(ChatReply.Answer(added));

        var (outcome, _) = await EnhanceAsync(standIn);

        Assert.Equal(LlmFiles.Original, outcome.LlmsTxt);
        Assert.Equal("the model added 1 URL", outcome.Note);
    }

    [Fact]
    public async Task AnswerWithTwoH1sIsRefused()
    {
        await using var standIn = await ChatCompletionsStandIn.StartAsync(ChatReply.Answer("# Improved\n\n" + LlmFiles.Improved));

        var (outcome, _) = await EnhanceAsync(standIn);

        Assert.Equal(LlmFiles.Original, outcome.LlmsTxt);
        Assert.Equal("the answer had 2 H1s", outcome.Note);
    }

    [Fact]
    public async Task FencedAnswerIsAccepted()
    {
        await using var standIn = await ChatCompletionsStandIn.StartAsync(ChatReply.Answer("```markdown\n" + LlmFiles.Improved + "```\n"));

        var (outcome, _) = await EnhanceAsync(standIn);

        Assert.True(outcome.Changed, outcome.Note);
        Assert.Equal(LlmFiles.Improved, outcome.LlmsTxt);
    }

    [Fact]
    public async Task TooManyRequestsWithRetryAfterIsRetriedThenSucceeds()
    {
        await using var standIn = await ChatCompletionsStandIn.StartAsync(ChatReply.Error(429, retryAfter: "1"), ChatReply.Answer(LlmFiles.Improved));

        var (outcome, log) = await EnhanceAsync(standIn);

        Assert.True(outcome.Changed, outcome.Note);
        Assert.Equal(2, standIn.Calls.Count);
        // The provider's Retry-After (1 s) was used, not the 10 ms backoff.
        Assert.Contains(log.Lines, l => l.Contains("HTTP 429; retrying in 1 s", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ServerErrorFourTimesKeepsTheOriginal()
    {
        await using var standIn = await ChatCompletionsStandIn.StartAsync(ChatReply.Error(500));

        var (outcome, _) = await EnhanceAsync(standIn);

        Assert.False(outcome.Changed);
        Assert.Equal(LlmFiles.Original, outcome.LlmsTxt);
        Assert.Equal(4, standIn.Calls.Count);
        Assert.Equal("HTTP 500 from the provider after 4 attempts", outcome.Note);
    }

    [Fact]
    public async Task UnauthorizedIsNotRetried()
    {
        await using var standIn = await ChatCompletionsStandIn.StartAsync(ChatReply.Error(401));

        var (outcome, _) = await EnhanceAsync(standIn);

        Assert.Equal(LlmFiles.Original, outcome.LlmsTxt);
        Assert.Single(standIn.Calls);
        Assert.Equal("HTTP 401 from the provider", outcome.Note);
    }

    [Fact]
    public async Task TimeoutKeepsTheOriginal()
    {
        await using var standIn = await ChatCompletionsStandIn.StartAsync(ChatReply.Hanging());

        var (outcome, _) = await EnhanceAsync(standIn, o => o with { Timeout = TimeSpan.FromMilliseconds(300) });

        Assert.False(outcome.Changed);
        Assert.Equal(LlmFiles.Original, outcome.LlmsTxt);
        Assert.Equal("timed out after 0.3 s", outcome.Note);
        Assert.Single(standIn.Calls);
    }

    [Theory]
    [InlineData("<html>Bad gateway</html>", "the provider's answer was not a chat completion (invalid JSON)")]
    [InlineData("{\"choices\":[]}", "the provider's answer held no message")]
    [InlineData("{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"# Ex\"},\"finish_reason\":\"length\"}]}", "the answer was cut off (the model hit its output limit)")]
    public async Task MalformedAnswerKeepsTheOriginal(string body, string reason)
    {
        await using var standIn = await ChatCompletionsStandIn.StartAsync(new ChatReply { RawBody = body });

        var (outcome, _) = await EnhanceAsync(standIn);

        Assert.Equal(LlmFiles.Original, outcome.LlmsTxt);
        Assert.Equal(reason, outcome.Note);
    }

    [Fact]
    public async Task CallerCancellationIsNotReportedAsATimeout()
    {
        await using var standIn = await ChatCompletionsStandIn.StartAsync(ChatReply.Hanging());
        using var enhancer = new LlmEnhancer(Options(standIn));
        using var cancel = new CancellationTokenSource();

        var run = enhancer.EnhanceAsync(LlmFiles.Original, [], cancel.Token);
        await WaitForCallAsync(standIn);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }

    [Fact]
    public async Task UnreachableProviderKeepsTheOriginal()
    {
        Uri unused;
        await using (var standIn = await ChatCompletionsStandIn.StartAsync(ChatReply.Answer(LlmFiles.Improved))) unused = standIn.BaseUrl;
        using var enhancer = new LlmEnhancer(new LlmEnhancerOptions { Enabled = true, ApiKey = Key, BaseUrl = unused });

        var outcome = await enhancer.EnhanceAsync(LlmFiles.Original, []);

        Assert.Equal(LlmFiles.Original, outcome.LlmsTxt);
        Assert.StartsWith("could not reach the provider", outcome.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void RetryDelayHonoursRetryAfterUpToTheCap()
    {
        var options = new LlmEnhancerOptions { RetryDelay = TimeSpan.FromSeconds(1), MaxRetryDelay = TimeSpan.FromSeconds(20) };
        var now = DateTimeOffset.UnixEpoch;

        Assert.Equal(TimeSpan.FromSeconds(7), LlmEnhancer.RetryDelay(0, new RetryConditionHeaderValue(TimeSpan.FromSeconds(7)), options, now));
        Assert.Equal(TimeSpan.FromSeconds(20), LlmEnhancer.RetryDelay(0, new RetryConditionHeaderValue(TimeSpan.FromMinutes(10)), options, now));
        Assert.Equal(TimeSpan.FromSeconds(5), LlmEnhancer.RetryDelay(0, new RetryConditionHeaderValue(now.AddSeconds(5)), options, now));
        Assert.Equal(TimeSpan.Zero, LlmEnhancer.RetryDelay(0, new RetryConditionHeaderValue(now.AddSeconds(-5)), options, now));
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)],
            Enumerable.Range(0, 3).Select(a => LlmEnhancer.RetryDelay(a, null, options, now)));
    }

    private static async Task WaitForCallAsync(ChatCompletionsStandIn standIn)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (standIn.Calls.Count == 0) await Task.Delay(10, deadline.Token);
    }
}
