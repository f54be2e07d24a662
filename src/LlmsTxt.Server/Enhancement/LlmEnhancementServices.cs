using LlmsTxt.Core;
using LlmsTxt.Core.Enhancement;
using LlmsTxt.Server.Configuration;
using LlmsTxt.Settings;
using Microsoft.Extensions.Options;

namespace LlmsTxt.Server.Enhancement;

/// <summary>
/// LLM enhancement settings (<c>LLM_ENHANCEMENT_ENABLED</c>, <c>OPENROUTER_API_KEY</c> / <c>LLM_API_KEY</c>,
/// <c>LLM_BASE_URL</c>, <c>LLM_MODEL</c>, <c>LLM_TIMEOUT</c>, <c>LLM_MAX_RETRIES</c>, <c>LLM_CONCURRENCY</c>, <c>LLM_PROMPT_BUDGET</c>, <c>LLM_RESPONSE_FORMAT</c>), validated at start-up.
/// </summary>
public sealed class LlmEnhancementSettings
{
    public LlmEnhancerOptions Options { get; set; } = new();

    internal static void Read(EnvSettings env, LlmEnhancementSettings settings)
    {
        try
        {
            settings.Options = LlmEnhancerVariables.Read(env.Raw);
        }
        catch (InvalidSettingException ex)
        {
            // Names the variable; never holds the key (the key isn't validated).
            env.Fail(ex.Setting, ex.Problem);
        }
    }
}

public static class LlmEnhancementServices
{
    /// <summary>
    /// Registers the <see cref="ILlmsTxtEnhancer"/>: the LLM one when enabled and given a key, else the no-op one
    /// (so <c>/api/config</c> reports enhancement as unavailable and requests keep the generated file).
    /// </summary>
    public static IServiceCollection AddLlmEnhancement(this IServiceCollection services)
    {
        services.AddEnvOptions<LlmEnhancementSettings>(LlmEnhancementSettings.Read);
        services.AddSingleton<ILlmsTxtEnhancer>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<LlmEnhancementSettings>>().Value.Options;
            var logger = sp.GetRequiredService<ILogger<LlmEnhancer>>();
            if (options.IsAvailable)
            {
                logger.LogInformation("LLM enhancement is on: model {Model} at {Host}{Keyless}, {Timeout} s timeout, {Concurrency} requests at once, prompts up to {Budget} bytes",
                    options.Model, options.BaseUrl.Host, string.IsNullOrWhiteSpace(options.ApiKey) ? " (local, no key)" : "", options.Timeout.TotalSeconds, options.Concurrency, options.PromptBudgetBytes);
                return new LlmEnhancer(options, logger);
            }
            if (options.Enabled)
                logger.LogWarning("LLM_ENHANCEMENT_ENABLED is true but OPENROUTER_API_KEY (or LLM_API_KEY) is not set and LLM_BASE_URL is not on this machine; LLM enhancement is off");
            return NoOpEnhancer.Instance;
        });
        return services;
    }
}
