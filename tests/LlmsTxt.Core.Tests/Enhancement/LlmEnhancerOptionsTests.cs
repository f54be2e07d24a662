using LlmsTxt.Core.Enhancement;

namespace LlmsTxt.Core.Tests.Enhancement;

/// <summary>What the options mean; how hosts read them from variables is tested with the hosts (Server.Tests/Settings).</summary>
public sealed class LlmEnhancerOptionsTests
{
    [Fact]
    public void DefaultsAreOffWithOpenRouter()
    {
        var options = new LlmEnhancerOptions();
        Assert.False(options.IsAvailable);
        Assert.Equal(new Uri("https://openrouter.ai/api/v1/chat/completions"), options.Endpoint);
        Assert.Equal(LlmEnhancerOptions.DefaultModel, options.Model);
        Assert.Equal(TimeSpan.FromSeconds(60), options.Timeout);
        Assert.Equal(3, options.MaxRetries);
        Assert.Equal(4, options.Concurrency);
        Assert.Equal(24 * 1024, options.PromptBudgetBytes);
        Assert.Equal(LlmAnswerFormat.Json, options.AnswerFormat);
    }

    [Theory]
    [InlineData(true, null, false)]
    [InlineData(false, "k", false)]
    [InlineData(true, "k", true)]
    public void AvailableOnlyWhenEnabledAndGivenAKey(bool enabled, string? key, bool available) =>
        Assert.Equal(available, new LlmEnhancerOptions { Enabled = enabled, ApiKey = key }.IsAvailable);

    [Theory]
    [InlineData("http://localhost:11434/v1", true)]
    [InlineData("http://127.0.0.1:8080/v1", true)]
    [InlineData("http://[::1]:8001/v1", true)]
    [InlineData("https://api.openai.com/v1", false)]
    [InlineData("http://10.0.0.5:11434/v1", false)]
    public void NoKeyIsNeededOnlyForAServerOnThisMachine(string baseUrl, bool available) =>
        Assert.Equal(available, new LlmEnhancerOptions { Enabled = true, BaseUrl = new Uri(baseUrl) }.IsAvailable);

    [Fact]
    public void EndpointIsUnderTheBaseUrlWithOrWithoutASlash()
    {
        Assert.Equal(new Uri("http://127.0.0.1:9/v1/chat/completions"), new LlmEnhancerOptions { BaseUrl = new Uri("http://127.0.0.1:9/v1/") }.Endpoint);
        Assert.Equal(new Uri("http://127.0.0.1:9/v1/chat/completions"), new LlmEnhancerOptions { BaseUrl = new Uri("http://127.0.0.1:9/v1") }.Endpoint);
    }

    [Fact]
    public void ToStringHidesTheKey() =>
        Assert.DoesNotContain("sk-secret", new LlmEnhancerOptions { ApiKey = "sk-secret" }.ToString(), StringComparison.Ordinal);
}
