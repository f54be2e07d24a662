using LlmsTxt.Core;
using LlmsTxt.Core.Enhancement;
using LlmsTxt.Settings;

namespace LlmsTxt.Server.Tests.Settings;

/// <summary>The LLM_* variables as the server and the CLI both read them (one source, src/Shared/Settings).</summary>
public sealed class LlmEnhancerVariablesTests
{
    private static LlmEnhancerOptions Read(params (string Name, string Value)[] values)
    {
        var map = values.ToDictionary(v => v.Name, v => v.Value);
        return LlmEnhancerVariables.Read(n => map.GetValueOrDefault(n));
    }

    [Fact]
    public void NothingSetGivesTheDefaults() => Assert.Equal(new LlmEnhancerOptions(), Read());

    [Theory]
    [InlineData("true", "", false)]
    [InlineData("TRUE", "k", true)]
    [InlineData("1", "k", true)]
    [InlineData("false", "k", false)]
    [InlineData("0", "k", false)]
    [InlineData("true", "k", true)]
    public void AvailableOnlyWhenEnabledAndGivenAKey(string enabled, string key, bool available) =>
        Assert.Equal(available, Read(("LLM_ENHANCEMENT_ENABLED", enabled), ("OPENROUTER_API_KEY", key)).IsAvailable);

    [Fact]
    public void ReadsEveryVariable()
    {
        var options = Read(("LLM_ENHANCEMENT_ENABLED", "true"), ("LLM_API_KEY", "k2"), ("LLM_BASE_URL", " http://127.0.0.1:9/v1/ "),
            ("LLM_MODEL", "anthropic/claude-3.5-haiku"), ("LLM_TIMEOUT", "15"), ("LLM_MAX_RETRIES", "0"),
            ("LLM_CONCURRENCY", "8"), ("LLM_PROMPT_BUDGET", "12288"), ("LLM_RESPONSE_FORMAT", "lines"));
        Assert.True(options.IsAvailable);
        Assert.Equal("k2", options.ApiKey);
        Assert.Equal(new Uri("http://127.0.0.1:9/v1/chat/completions"), options.Endpoint);
        Assert.Equal("anthropic/claude-3.5-haiku", options.Model);
        Assert.Equal(TimeSpan.FromSeconds(15), options.Timeout);
        Assert.Equal(0, options.MaxRetries);
        Assert.Equal(8, options.Concurrency);
        Assert.Equal(12288, options.PromptBudgetBytes);
        Assert.Equal(LlmAnswerFormat.Lines, options.AnswerFormat);
    }

    [Fact]
    public void OpenRouterKeyWinsOverTheGenericOne() =>
        Assert.Equal("or", Read(("OPENROUTER_API_KEY", "or"), ("LLM_API_KEY", "generic")).ApiKey);

    [Theory]
    [InlineData("LLM_ENHANCEMENT_ENABLED", "maybe")]
    [InlineData("LLM_BASE_URL", "openrouter.ai/api/v1")]
    [InlineData("LLM_BASE_URL", "ftp://example.com")]
    [InlineData("LLM_MODEL", "two words")]
    [InlineData("LLM_TIMEOUT", "0")]
    [InlineData("LLM_TIMEOUT", "abc")]
    [InlineData("LLM_MAX_RETRIES", "4")]
    [InlineData("LLM_CONCURRENCY", "0")]
    [InlineData("LLM_CONCURRENCY", "33")]
    [InlineData("LLM_PROMPT_BUDGET", "1000")]
    [InlineData("LLM_RESPONSE_FORMAT", "xml")]
    public void BadValueNamesTheVariable(string name, string value)
    {
        var ex = Assert.Throws<InvalidSettingException>(() => Read((name, value)));
        Assert.Equal(name, ex.Setting);
        Assert.StartsWith($"{name} must be", ex.Message, StringComparison.Ordinal);
        Assert.Contains(value, ex.Message, StringComparison.Ordinal);
    }

    // The same four words as every other flag the server reads (FORWARDED_HEADERS, RENDER_JS, ...): a "yes" that
    // works here but stops start-up there would be a trap.
    [Theory]
    [InlineData("yes")]
    [InlineData("on")]
    [InlineData("no")]
    [InlineData("off")]
    public void EnabledTakesOnlyTheFlagWordsEveryOtherSettingTakes(string value)
    {
        var ex = Assert.Throws<InvalidSettingException>(() => Read(("LLM_ENHANCEMENT_ENABLED", value)));
        Assert.Equal($"LLM_ENHANCEMENT_ENABLED must be true or false (or 1 or 0), got '{value}'", ex.Message);
    }

    [Fact]
    public void TheKeyIsNeverInAnError()
    {
        var ex = Assert.Throws<InvalidSettingException>(() => Read(("OPENROUTER_API_KEY", "sk-secret-value"), ("LLM_TIMEOUT", "abc")));
        Assert.DoesNotContain("sk-secret-value", ex.Message, StringComparison.Ordinal);
    }
}
