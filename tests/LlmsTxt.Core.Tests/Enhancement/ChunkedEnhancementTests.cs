using LlmsTxt.Core.Enhancement;
using LlmsTxt.Core.Writing;
using LlmsTxt.TestSites;

namespace LlmsTxt.Core.Tests.Enhancement;

/// <summary>Big plans: requests under the prompt budget, partial acceptance, both answer formats, usage and reuse.</summary>
public sealed class ChunkedEnhancementTests
{
    private static string Text(SitePlan plan) => LlmsTxtWriter.Write(plan).Text;

    [Fact]
    public async Task ThousandEntriesGoInRequestsUnderTheBudgetAndEveryUrlIsImproved()
    {
        await using var standIn = await ChatCompletionsStandIn.StartAsync(ChatReply.Improve());
        var plan = LlmPlans.Large(1000, 10);

        var (outcome, _) = await LlmEnhancerTests.EnhanceAsync(standIn, plan: plan);

        Assert.InRange(standIn.Calls.Count, 10, 80);
        Assert.All(standIn.Calls, c => Assert.True(c.BodyBytes <= LlmEnhancerOptions.DefaultPromptBudget, $"{c.BodyBytes} bytes"));
        Assert.All(standIn.Calls, c => Assert.Equal(c.BodyBytes, c.ContentLength));
        Assert.All(standIn.Calls, c => Assert.NotNull(c.MaxTokens));
        Assert.Single(standIn.Calls, c => c.IsHeaderRequest);
        // Each page is asked about exactly once.
        var asked = standIn.Calls.SelectMany(c => c.Pages).Select(p => p.Url).ToList();
        Assert.Equal(LlmPlans.Entries(plan).Select(p => p.Url.AbsoluteUri).Order(), asked.Order());
        Assert.Equal(LlmPlans.Entries(plan).Select(p => p.Url), LlmPlans.Entries(outcome.Plan).Select(p => p.Url));
        Assert.All(LlmPlans.Entries(outcome.Plan), p => Assert.StartsWith("Stand-in description", p.Note, StringComparison.Ordinal));
        Assert.All(outcome.Report.Chunks, c => Assert.True(c.Improved, c.Reason));
        Assert.Equal(1000, outcome.Report.DescriptionsImproved);
        LlmPlans.AssertValid(Text(outcome.Plan));
    }

    [Fact]
    public async Task ASmallerBudgetGivesSmallerRequests()
    {
        await using var standIn = await ChatCompletionsStandIn.StartAsync(ChatReply.Improve());

        // 150 sections: the header's section list alone would not fit 8 KB with examples.
        var (outcome, _) = await LlmEnhancerTests.EnhanceAsync(standIn, o => o with { PromptBudgetBytes = 8192 }, LlmPlans.Large(300, 150));

        Assert.All(standIn.Calls, c => Assert.True(c.BodyBytes <= 8192, $"{c.BodyBytes} bytes"));
        Assert.Single(standIn.Calls, c => c.IsHeaderRequest);
        Assert.True(outcome.Report.HeaderImproved);
        Assert.Equal(300, outcome.Report.DescriptionsImproved);
        Assert.True(outcome.Report.Usage.LargestPromptBytes <= 8192);
        Assert.Equal(standIn.Calls.Max(c => c.BodyBytes), outcome.Report.Usage.LargestPromptBytes);
    }

    [Fact]
    public async Task RequestsRunConcurrentlyUpToTheLimit()
    {
        await using var standIn = await ChatCompletionsStandIn.StartAsync(ChatReply.Improve());
        standIn.Latency = TimeSpan.FromMilliseconds(150);

        await LlmEnhancerTests.EnhanceAsync(standIn, o => o with { Concurrency = 3 }, LlmPlans.Large(300, 6));

        Assert.True(standIn.Calls.Count > 6);
        Assert.InRange(standIn.MaxInFlight, 2, 3);
    }

    [Fact]
    public async Task OneCorruptedChunkKeepsItsOriginalAndTheOthersAreApplied()
    {
        // Each part is about 14 KB of prompt: one request per part under the 24 KB budget.
        var plan = LlmPlans.Large(60, 3);
        await using var standIn = await ChatCompletionsStandIn.StartAsync(call =>
            call.Pages.Any(p => p.Section == "Part 1") ? ChatReply.Answer("Sorry, I can't help with that.") : ChatReply.Improve());

        var (outcome, _) = await LlmEnhancerTests.EnhanceAsync(standIn, plan: plan);

        var kept = Assert.Single(outcome.Report.Chunks, c => !c.Improved);
        Assert.Equal("Part 1", kept.Name);
        Assert.Equal(2, outcome.Report.Chunks.Count(c => c.Improved));
        var original = plan.Sections[1].Pages.Select(p => p.Note);
        Assert.Equal(original, outcome.Plan.Sections[1].Pages.Select(p => p.Note));
        Assert.All(outcome.Plan.Sections[0].Pages.Concat(outcome.Plan.Sections[2].Pages), p => Assert.StartsWith("Stand-in description", p.Note, StringComparison.Ordinal));
        var lines = outcome.Report.Lines("test/model-1").ToList();
        Assert.Contains(lines, l => l.Line == "LLM enhancement: 2 of 3 chunks improved (40 descriptions).");
        Assert.Contains(lines, l => l.Warning && l.Line.StartsWith("LLM enhancement: chunk \"Part 1\" (20 entries) kept its original text: the answer was neither JSON", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ServerWithoutResponseFormatGetsTheLineFormat()
    {
        await using var standIn = await ChatCompletionsStandIn.StartAsync(call => call.ResponseFormat is null ? ChatReply.Improve() : ChatReply.Error(400));

        var (outcome, log) = await LlmEnhancerTests.EnhanceAsync(standIn, o => o with { Concurrency = 1 });

        Assert.All(outcome.Report.Chunks, c => Assert.True(c.Improved, c.Reason));
        Assert.True(outcome.Report.HeaderImproved);
        Assert.Equal(StandInAnswers.Summary, outcome.Plan.Summary);
        // One refused JSON request, then lines only.
        Assert.Single(standIn.Calls, c => c.ResponseFormat is not null);
        Assert.Equal(2, standIn.Calls.Count(c => c.ResponseFormat is null));
        Assert.Contains("one line per page", standIn.Calls.Last(c => !c.IsHeaderRequest).SystemPrompt, StringComparison.Ordinal);
        Assert.Contains(log.Lines, l => l.Contains("using the line format from now on", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReasoningModelRefusingMaxTokensAndTemperatureGetsTheParametersItTakes()
    {
        // What OpenAI answers for its reasoning models (o-series, gpt-5): one refused parameter at a time.
        await using var standIn = await ChatCompletionsStandIn.StartAsync(call =>
            call.Body.Contains("\"max_tokens\"", StringComparison.Ordinal) ? Refusal("Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.", "max_tokens")
            : call.Body.Contains("\"temperature\"", StringComparison.Ordinal) ? Refusal("Unsupported value: 'temperature' does not support 0.2 with this model. Only the default (1) value is supported.", "temperature")
            : ChatReply.Improve());

        var (outcome, log) = await LlmEnhancerTests.EnhanceAsync(standIn, o => o with { Concurrency = 1 });

        Assert.All(outcome.Report.Chunks, c => Assert.True(c.Improved, c.Reason));
        Assert.True(outcome.Report.HeaderImproved);
        // Two refusals, then every request in the shape the model takes, still asking for JSON.
        Assert.Equal(2, standIn.Calls.Count(c => c.Body.Contains("\"max_tokens\"", StringComparison.Ordinal) || c.Body.Contains("\"temperature\"", StringComparison.Ordinal)));
        var accepted = standIn.Calls.Skip(2).ToList();
        Assert.NotEmpty(accepted);
        Assert.All(accepted, c => Assert.Contains("\"max_completion_tokens\"", c.Body, StringComparison.Ordinal));
        Assert.All(accepted, c => Assert.Equal("json_object", c.ResponseFormat));
        Assert.Contains(log.Lines, l => l.Contains("sending max_completion_tokens from now on", StringComparison.Ordinal));
        Assert.Contains(log.Lines, l => l.Contains("using its default from now on", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RefusalNamingNoParameterIsNotRetriedInAnotherShape()
    {
        await using var standIn = await ChatCompletionsStandIn.StartAsync(_ => Refusal("The model `test/model-1` does not exist.", "model"));

        var (outcome, _) = await LlmEnhancerTests.EnhanceAsync(standIn, o => o with { Concurrency = 1, AnswerFormat = LlmAnswerFormat.Lines });

        Assert.All(outcome.Report.Chunks, c => Assert.False(c.Improved));
        Assert.All(standIn.Calls, c => Assert.Contains("\"max_tokens\"", c.Body, StringComparison.Ordinal));
        Assert.All(standIn.Calls, c => Assert.Contains("\"temperature\"", c.Body, StringComparison.Ordinal));
    }

    private static ChatReply Refusal(string message, string parameter) => new()
    {
        Status = 400,
        RawBody = $$$"""{"error":{"message":"{{{message}}}","type":"invalid_request_error","param":"{{{parameter}}}","code":"unsupported_parameter"}}""",
    };

    [Fact]
    public async Task LinesFormatNeverSendsResponseFormat()
    {
        await using var standIn = await ChatCompletionsStandIn.StartAsync(ChatReply.Improve());

        var (outcome, _) = await LlmEnhancerTests.EnhanceAsync(standIn, o => o with { AnswerFormat = LlmAnswerFormat.Lines });

        Assert.All(standIn.Calls, c => Assert.Null(c.ResponseFormat));
        Assert.Equal(3, outcome.Report.DescriptionsImproved);
        Assert.True(outcome.Report.HeaderImproved);
    }

    [Fact]
    public async Task UsageIsTheSumOfTheAnswersUsage()
    {
        await using var standIn = await ChatCompletionsStandIn.StartAsync(ChatReply.Improve());

        var (outcome, _) = await LlmEnhancerTests.EnhanceAsync(standIn, plan: LlmPlans.Large(200, 4));

        var usage = outcome.Report.Usage;
        Assert.Equal(standIn.Calls.Count, usage.Requests);
        Assert.Equal(standIn.Calls.Sum(c => (long)(c.BodyBytes / 4)), usage.PromptTokens);
        Assert.True(usage.CompletionTokens > 200 * 10);
        Assert.Contains(outcome.Report.Lines("m"), l => l.Line.Contains($"{usage.Requests} requests", StringComparison.Ordinal)
            && l.Line.Contains($"{usage.PromptTokens:N0} prompt + {usage.CompletionTokens:N0} completion tokens", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnswerInAnotherLanguageIsRefused()
    {
        await using var standIn = await ChatCompletionsStandIn.StartAsync(ChatReply.Improve(p =>
            $"Diese Seite erklärt, wie man {p.Title} mit der Software einrichtet und für die eigene Umgebung anpasst."));

        var (outcome, _) = await LlmEnhancerTests.EnhanceAsync(standIn, plan: LlmPlans.Large(20, 1));

        var chunk = Assert.Single(outcome.Report.Chunks);
        Assert.False(chunk.Improved);
        Assert.Equal("the answer is in another language (de) than the pages (en)", chunk.Reason);
    }

    [Fact]
    public async Task AnswerNamingAPageNotAskedAboutKeepsTheChunk()
    {
        await using var standIn = await ChatCompletionsStandIn.StartAsync(call => call.IsHeaderRequest ? ChatReply.Improve()
            : ChatReply.Answer("{\"descriptions\":{\"https://docs.example.com/install\":\"Installing Example on Linux and macOS.\",\"https://docs.example.com/invented\":\"A page the model made up.\"}}"));

        var (outcome, _) = await LlmEnhancerTests.EnhanceAsync(standIn);

        Assert.Equal("the answer named 1 URL that the request did not hold", Assert.Single(outcome.Report.Chunks).Reason);
        Assert.Equal(LlmPlans.Entries(LlmPlans.Small()).Select(p => p.Note), LlmPlans.Entries(outcome.Plan).Select(p => p.Note));
        Assert.True(outcome.Report.HeaderImproved);
    }

    [Fact]
    public async Task BadSingleDescriptionsKeepTheirOriginalInsideAGoodChunk()
    {
        await using var standIn = await ChatCompletionsStandIn.StartAsync(ChatReply.Improve(p => p.Title switch
        {
            "Page 0.1" => "See https://elsewhere.example.com for this.",
            "Page 0.2" => new string('x', 600),
            _ => StandInAnswers.Describe(p),
        }));

        var (outcome, _) = await LlmEnhancerTests.EnhanceAsync(standIn, plan: LlmPlans.Large(10, 1));

        var notes = outcome.Plan.Sections[0].Pages.Select(p => p.Note).ToList();
        Assert.StartsWith("Page 0.1: The crawler", notes[1], StringComparison.Ordinal);
        Assert.StartsWith("Page 0.2: The crawler", notes[2], StringComparison.Ordinal);
        Assert.Equal(8, notes.Count(n => n.StartsWith("Stand-in", StringComparison.Ordinal)));
        Assert.Equal(1, outcome.Report.DescriptionsRefused["contains a link or URL"]);
        Assert.Equal(1, outcome.Report.DescriptionsRefused["longer than 500 characters"]);
    }

    [Fact]
    public async Task ASecondRunAsksOnlyAboutThePageWhoseContentChanged()
    {
        await using var standIn = await ChatCompletionsStandIn.StartAsync(ChatReply.Improve());
        var plan = LlmPlans.Large(100, 4);
        var (first, _) = await LlmEnhancerTests.EnhanceAsync(standIn, plan: plan);
        var firstCalls = standIn.Calls.Count;
        var changed = plan with
        {
            Sections = [.. plan.Sections.Select((s, i) => i != 2 ? s : s with
            {
                Pages = [.. s.Pages.Select((p, j) => j != 5 ? p : p with { Note = "Page 2.5 now explains the new upgrade path." })],
            })],
        };

        var (second, _) = await LlmEnhancerTests.EnhanceAsync(standIn, plan: changed, memory: EnhancementMemory.FromJson(first.Memory.ToJson()));

        var call = Assert.Single(standIn.Calls.Skip(firstCalls));
        Assert.Equal(["https://big.example.com/part-2/page-5"], call.Pages.Select(p => p.Url));
        Assert.Equal(99, second.Report.DescriptionsReused);
        Assert.True(second.Report.HeaderReused);
        Assert.Equal(Text(first.Plan), Text(second.Plan));
        Assert.Equal(Text(first.Plan), Text(second.Plan));
    }

    [Fact]
    public async Task MemoryOfAnotherModelIsNotReused()
    {
        await using var standIn = await ChatCompletionsStandIn.StartAsync(ChatReply.Improve());
        var (first, _) = await LlmEnhancerTests.EnhanceAsync(standIn);
        var firstCalls = standIn.Calls.Count;

        await LlmEnhancerTests.EnhanceAsync(standIn, o => o with { Model = "other/model" }, memory: first.Memory);

        Assert.Equal(firstCalls, standIn.Calls.Count - firstCalls);
    }
}
