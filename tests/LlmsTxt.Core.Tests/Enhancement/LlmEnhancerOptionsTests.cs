using LlmsTxt.Core.Enhancement;

namespace LlmsTxt.Core.Tests.Enhancement;

public sealed class LlmEnhancerOptionsTests
{
    private static LlmEnhancerOptions Read(params (string Name, string Value)[] values)
    {
        var map = values.ToDictionary(v => v.Name, v => v.Value);
        return LlmEnhancerOptions.FromEnvironment(n => map.GetValueOrDefault(n));
    }

    [Fact]
    public void DefaultsAreOffWithOpenRouter()
    {
        var options = Read();
        Assert.False(options.IsAvailable);
        Assert.Equal(new Uri("https://openrouter.ai/api/v1/chat/completions"), options.Endpoint);
        Assert.Equal(LlmEnhancerOptions.DefaultModel, options.Model);
        Assert.Equal(TimeSpan.FromSeconds(60), options.Timeout);
        Assert.Equal(3, options.MaxRetries);
    }

    [Theory]
    [InlineData("true", "", false)]
    [InlineData("false", "k", false)]
    [InlineData("true", "k", true)]
    public void AvailableOnlyWhenEnabledAndGivenAKey(string enabled, string key, bool available) =>
        Assert.Equal(available, Read(("LLM_ENHANCEMENT_ENABLED", enabled), ("OPENROUTER_API_KEY", key)).IsAvailable);

    [Theory]
    [InlineData("http://localhost:11434/v1", true)]
    [InlineData("http://127.0.0.1:8080/v1", true)]
    [InlineData("http://[::1]:8001/v1", true)]
    [InlineData("https://api.openai.com/v1", false)]
    [InlineData("http://10.0.0.5:11434/v1", false)]
    public void NoKeyIsNeededOnlyForAServerOnThisMachine(string baseUrl, bool available) =>
        Assert.Equal(available, Read(("LLM_ENHANCEMENT_ENABLED", "true"), ("LLM_BASE_URL", baseUrl)).IsAvailable);

    [Fact]
    public void ConcurrencyBudgetAndFormatHaveDefaultsAndAreRead()
    {
        var defaults = Read();
        Assert.Equal(4, defaults.Concurrency);
        Assert.Equal(24 * 1024, defaults.PromptBudgetBytes);
        Assert.Equal(LlmAnswerFormat.Json, defaults.AnswerFormat);
        var set = Read(("LLM_CONCURRENCY", "8"), ("LLM_PROMPT_BUDGET", "12288"), ("LLM_RESPONSE_FORMAT", "lines"));
        Assert.Equal(8, set.Concurrency);
        Assert.Equal(12288, set.PromptBudgetBytes);
        Assert.Equal(LlmAnswerFormat.Lines, set.AnswerFormat);
    }

    [Fact]
    public void ReadsEveryVariable()
    {
        var options = Read(("LLM_ENHANCEMENT_ENABLED", "yes"), ("LLM_API_KEY", "k2"), ("LLM_BASE_URL", "http://127.0.0.1:9/v1/"),
            ("LLM_MODEL", "anthropic/claude-3.5-haiku"), ("LLM_TIMEOUT", "15"), ("LLM_MAX_RETRIES", "0"));
        Assert.True(options.IsAvailable);
        Assert.Equal(new Uri("http://127.0.0.1:9/v1/chat/completions"), options.Endpoint);
        Assert.Equal("anthropic/claude-3.5-haiku", options.Model);
        Assert.Equal(TimeSpan.FromSeconds(15), options.Timeout);
        Assert.Equal(0, options.MaxRetries);
    }

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
        var ex = Assert.Throws<ArgumentException>(() => Read((name, value)));
        Assert.StartsWith($"{name} must be", ex.Message, StringComparison.Ordinal);
        Assert.Contains(value, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToStringHidesTheKey() =>
        Assert.DoesNotContain("sk-secret", new LlmEnhancerOptions { ApiKey = "sk-secret" }.ToString(), StringComparison.Ordinal);
}
