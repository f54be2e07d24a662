using LlmsTxt.Core;
using LlmsTxt.Core.Enhancement;

namespace LlmsTxt.Settings;

/// <summary>
/// The environment variables behind <see cref="LlmEnhancerOptions"/>, read the same way by the server and the CLI:
/// <c>LLM_ENHANCEMENT_ENABLED</c>, <c>OPENROUTER_API_KEY</c> (or <c>LLM_API_KEY</c>), <c>LLM_BASE_URL</c>,
/// <c>LLM_MODEL</c>, <c>LLM_TIMEOUT</c> (seconds), <c>LLM_MAX_RETRIES</c>, <c>LLM_CONCURRENCY</c>,
/// <c>LLM_PROMPT_BUDGET</c> (bytes) and <c>LLM_RESPONSE_FORMAT</c> (json or lines).
/// </summary>
internal static class LlmEnhancerVariables
{
    private const int MaxModelIdLength = 200;

    /// <exception cref="InvalidSettingException">
    /// A value is malformed; <see cref="InvalidSettingException.Setting"/> is the variable. The key is never validated,
    /// so it never appears in a message.
    /// </exception>
    public static LlmEnhancerOptions Read(Func<string, string?> get)
    {
        ArgumentNullException.ThrowIfNull(get);
        var settings = new SettingReader(get);
        var d = new LlmEnhancerOptions();
        return d with
        {
            Enabled = settings.Flag("LLM_ENHANCEMENT_ENABLED", d.Enabled),
            ApiKey = settings.Raw("OPENROUTER_API_KEY") ?? settings.Raw("LLM_API_KEY"),
            BaseUrl = BaseUrl(settings) ?? d.BaseUrl,
            Model = Model(settings) ?? d.Model,
            Timeout = TimeSpan.FromSeconds(settings.Number("LLM_TIMEOUT", (int)d.Timeout.TotalSeconds, 1, 600)),
            MaxRetries = settings.Number("LLM_MAX_RETRIES", d.MaxRetries, 0, LlmEnhancerOptions.MaxRetriesLimit),
            Concurrency = settings.Number("LLM_CONCURRENCY", d.Concurrency, 1, LlmEnhancerOptions.MaxConcurrency),
            PromptBudgetBytes = settings.Number("LLM_PROMPT_BUDGET", d.PromptBudgetBytes, LlmEnhancerOptions.MinPromptBudget, LlmEnhancerOptions.MaxPromptBudget),
            AnswerFormat = AnswerFormat(settings) ?? d.AnswerFormat,
        };
    }

    private static Uri? BaseUrl(SettingReader settings)
    {
        if (settings.Raw("LLM_BASE_URL") is not { } raw) return null;
        if (Uri.TryCreate(raw, UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https" && string.IsNullOrEmpty(parsed.Query))
            return parsed;
        throw new InvalidSettingException("LLM_BASE_URL",
            $"must be an absolute http or https URL without a query, such as {LlmEnhancerOptions.DefaultBaseUrl}, got '{SettingValues.Printable(raw)}'");
    }

    private static string? Model(SettingReader settings)
    {
        if (settings.Raw("LLM_MODEL") is not { } model) return null;
        if (!model.Any(char.IsWhiteSpace) && model.Length <= MaxModelIdLength) return model;
        throw new InvalidSettingException("LLM_MODEL",
            $"must be a model id without spaces (such as {LlmEnhancerOptions.DefaultModel}), got '{SettingValues.Printable(model)}'");
    }

    private static LlmAnswerFormat? AnswerFormat(SettingReader settings) => settings.Raw("LLM_RESPONSE_FORMAT") is not { } raw
        ? null
        : raw.ToLowerInvariant() switch
        {
            "json" => LlmAnswerFormat.Json,
            "lines" or "text" => LlmAnswerFormat.Lines,
            _ => throw new InvalidSettingException("LLM_RESPONSE_FORMAT", $"must be json or lines, got '{SettingValues.Printable(raw)}'"),
        };
}
