using System.Net.Http.Headers;
using System.Text.Json;
using LlmsTxt.Core.Enhancement;
using LlmsTxt.Core.Writing;
using LlmsTxt.TestSites;

namespace LlmsTxt.Core.Tests.Enhancement;

/// <summary>The enhancer's protocol and failure handling against a real local HTTP server speaking chat completions.</summary>
public sealed class LlmEnhancerTests
{
    private const string Key = "sk-or-test-9f8e7d6c5b4a";

    internal static LlmEnhancerOptions Options(ChatCompletionsStandIn standIn) => new()
    {
        Enabled = true,
        ApiKey = Key,
        BaseUrl = standIn.BaseUrl,
        Model = "test/model-1",
        Timeout = TimeSpan.FromSeconds(30),
        RetryDelay = TimeSpan.FromMilliseconds(10),
    };

    internal static async Task<(PlanEnhancement Outcome, CapturingLogger<LlmEnhancer> Log)> EnhanceAsync(
        ChatCompletionsStandIn standIn, Func<LlmEnhancerOptions, LlmEnhancerOptions>? adjust = null, SitePlan? plan = null, EnhancementMemory? memory = null)
    {
        var log = new CapturingLogger<LlmEnhancer>();
        var options = Options(standIn);
        using var enhancer = new LlmEnhancer(adjust?.Invoke(options) ?? options, log);
        var outcome = await enhancer.EnhanceAsync(new EnhancementInput(plan ?? LlmPlans.Small(), LlmPlans.StartPage(), 500, memory));
        Assert.DoesNotContain(log.Lines, l => l.Contains(Key, StringComparison.Ordinal));
        Assert.DoesNotContain(outcome.Report.Lines("m"), l => l.Line.Contains(Key, StringComparison.Ordinal));
        return (outcome, log);
    }

    private static string Kept(PlanEnhancement outcome) => Assert.Single(outcome.Report.Chunks, c => !c.Improved).Reason!;

    [Fact]
    public async Task GoodAnswersReplaceTheNotesAndHeaderKeepingEveryEntryInPlace()
    {
        await using var standIn = await ChatCompletionsStandIn.StartAsync(ChatReply.Improve());

        var (outcome, _) = await EnhanceAsync(standIn);

        var before = LlmPlans.Small();
        Assert.True(outcome.Report.Changed);
        Assert.Equal(before.Sections.Select(s => s.Name), outcome.Plan.Sections.Select(s => s.Name));
        Assert.Equal(LlmPlans.Entries(before).Select(p => p.Url), LlmPlans.Entries(outcome.Plan).Select(p => p.Url));
        Assert.Equal(LlmPlans.Entries(before).Select(p => p.Title), LlmPlans.Entries(outcome.Plan).Select(p => p.Title));
        Assert.All(LlmPlans.Entries(outcome.Plan), p => Assert.StartsWith("Stand-in description of " + p.Title, p.Note, StringComparison.Ordinal));
        Assert.Equal(StandInAnswers.Summary, outcome.Plan.Summary);
        Assert.Equal(StandInAnswers.About, outcome.Plan.About);
        Assert.Equal("Example Docs", outcome.Plan.SiteName);
        LlmPlans.AssertValid(LlmsTxtWriter.Write(outcome.Plan).Text);
    }

    [Fact]
    public async Task RequestsCarryModelKeyMaxTokensContentLengthAndThePagesOwnText()
    {
        await using var standIn = await ChatCompletionsStandIn.StartAsync(ChatReply.Improve());

        await EnhanceAsync(standIn);

        Assert.Equal(2, standIn.Calls.Count);
        Assert.All(standIn.Calls, call =>
        {
            Assert.Equal($"Bearer {Key}", call.Authorization);
            Assert.Equal("test/model-1", call.Model);
            Assert.Equal(call.BodyBytes, call.ContentLength);
            Assert.True(call.MaxTokens is > 50 and < 4000, $"max_tokens {call.MaxTokens}");
            Assert.Equal("json_object", call.ResponseFormat);
            using var body = JsonDocument.Parse(call.Body);
            Assert.Equal(2, body.RootElement.GetProperty("messages").GetArrayLength());
        });
        var pages = Assert.Single(standIn.Calls, c => !c.IsHeaderRequest).Pages;
        Assert.Equal(["https://docs.example.com/install", "https://docs.example.com/guide", "https://docs.example.com/changelog"], pages.Select(p => p.Url));
        Assert.StartsWith("Install explained: The crawler reads", pages[0].Text, StringComparison.Ordinal);
        var header = Assert.Single(standIn.Calls, c => c.IsHeaderRequest);
        Assert.Contains("turns any website into an llms.txt file", header.UserPrompt, StringComparison.Ordinal);
        Assert.Contains("\"name\":\"Docs\"", header.UserPrompt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LocalServerNeedsNoKeyAndGetsNoAuthorizationHeader()
    {
        await using var standIn = await ChatCompletionsStandIn.StartAsync(ChatReply.Improve());

        var (outcome, _) = await EnhanceAsync(standIn, o => o with { ApiKey = null });

        Assert.True(outcome.Report.Changed);
        Assert.All(standIn.Calls, c => Assert.Equal("", c.Authorization));
        Assert.False(new LlmEnhancerOptions { Enabled = true, BaseUrl = new Uri("https://llm.example.com/v1") }.IsAvailable);
    }

    [Fact]
    public async Task TooManyRequestsWithRetryAfterIsRetriedThenSucceeds()
    {
        await using var standIn = await ChatCompletionsStandIn.StartAsync(ChatReply.Error(429, retryAfter: "1"), ChatReply.Improve());

        var (outcome, log) = await EnhanceAsync(standIn, o => o with { Concurrency = 1 });

        Assert.True(outcome.Report.Changed);
        Assert.All(outcome.Report.Chunks, c => Assert.True(c.Improved, c.Reason));
        Assert.Equal(3, standIn.Calls.Count);
        Assert.Equal(3, outcome.Report.Usage.Requests);
        // The provider's Retry-After (1 s) was used, not the 10 ms backoff.
        Assert.Contains(log.Lines, l => l.Contains("HTTP 429; retrying in 1 s", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ServerErrorFourTimesKeepsTheOriginal()
    {
        await using var standIn = await ChatCompletionsStandIn.StartAsync(ChatReply.Error(500));

        var (outcome, _) = await EnhanceAsync(standIn);

        Assert.False(outcome.Report.Changed);
        Assert.Equal(LlmsTxtWriter.Write(LlmPlans.Small()).Text, LlmsTxtWriter.Write(outcome.Plan).Text);
        Assert.Equal(8, standIn.Calls.Count);
        Assert.Equal("HTTP 500 from the provider after 4 attempts", Kept(outcome));
        Assert.Equal("HTTP 500 from the provider after 4 attempts", outcome.Report.HeaderKept);
    }

    [Fact]
    public async Task UnauthorizedIsNotRetried()
    {
        await using var standIn = await ChatCompletionsStandIn.StartAsync(ChatReply.Error(401));

        var (outcome, _) = await EnhanceAsync(standIn);

        Assert.Equal(2, standIn.Calls.Count);
        Assert.Equal("HTTP 401 from the provider", Kept(outcome));
    }

    [Fact]
    public async Task TimeoutKeepsTheOriginal()
    {
        await using var standIn = await ChatCompletionsStandIn.StartAsync(ChatReply.Hanging());

        var (outcome, _) = await EnhanceAsync(standIn, o => o with { Timeout = TimeSpan.FromMilliseconds(300) });

        Assert.False(outcome.Report.Changed);
        Assert.Equal("timed out after 0.3 s", Kept(outcome));
        Assert.Equal(2, standIn.Calls.Count);
    }

    [Theory]
    [InlineData("<html>Bad gateway</html>", "the provider's answer was not a chat completion (invalid JSON)")]
    [InlineData("{\"choices\":[]}", "the provider's answer held no message")]
    [InlineData("{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"{\\\"descr\"},\"finish_reason\":\"length\"}]}", "the answer was cut off (the model hit its output limit)")]
    public async Task MalformedAnswerKeepsTheOriginal(string body, string reason)
    {
        await using var standIn = await ChatCompletionsStandIn.StartAsync(new ChatReply { RawBody = body });

        var (outcome, _) = await EnhanceAsync(standIn);

        Assert.False(outcome.Report.Changed);
        Assert.Equal(reason, Kept(outcome));
    }

    [Fact]
    public async Task CallerCancellationIsNotReportedAsATimeout()
    {
        await using var standIn = await ChatCompletionsStandIn.StartAsync(ChatReply.Hanging());
        using var enhancer = new LlmEnhancer(Options(standIn));
        using var cancel = new CancellationTokenSource();

        var run = enhancer.EnhanceAsync(new EnhancementInput(LlmPlans.Small(), null, 500), cancel.Token);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (standIn.Calls.Count == 0) await Task.Delay(10, deadline.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }

    [Fact]
    public async Task UnreachableProviderKeepsTheOriginal()
    {
        Uri unused;
        await using (var standIn = await ChatCompletionsStandIn.StartAsync(ChatReply.Improve())) unused = standIn.BaseUrl;
        using var enhancer = new LlmEnhancer(new LlmEnhancerOptions { Enabled = true, ApiKey = Key, BaseUrl = unused });

        var outcome = await enhancer.EnhanceAsync(new EnhancementInput(LlmPlans.Small(), null, 500));

        Assert.False(outcome.Report.Changed);
        Assert.StartsWith("could not reach the provider", Kept(outcome), StringComparison.Ordinal);
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
}
