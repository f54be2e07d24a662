using LlmsTxt.Core.Extraction;
using LlmsTxt.Core.Writing;

namespace LlmsTxt.Core.Enhancement;

/// <summary>What the enhancer improves: the writer's plan (header texts and every entry's note) and the start page's own text.</summary>
/// <param name="MaxDescriptionLength">The request's descLength: no description may be longer.</param>
/// <param name="Memory">Descriptions accepted by an earlier run for the same site; reused while a page's content is unchanged.</param>
public sealed record EnhancementInput(SitePlan Plan, Page? StartPage, int MaxDescriptionLength, EnhancementMemory? Memory = null);

/// <summary>
/// The enhanced plan (same sections, same entries, same order; only the header texts and notes substituted),
/// what it cost and what was kept, and the memory to pass to the next run.
/// </summary>
public sealed record PlanEnhancement(SitePlan Plan, EnhancementReport Report, EnhancementMemory Memory);

/// <summary>
/// Improves a planned llms.txt (e.g. with an LLM). The generator calls it after planning, when the request asks
/// for it, and renders the returned plan with the same writers, so URLs, sections, order and format can't change.
/// </summary>
public interface ILlmsTxtEnhancer
{
    bool IsAvailable { get; }

    Task<PlanEnhancement> EnhanceAsync(EnhancementInput input, CancellationToken cancellationToken = default);
}

/// <summary>Used when no enhancer is configured: returns the plan unchanged.</summary>
public sealed class NoOpEnhancer : ILlmsTxtEnhancer
{
    public static readonly NoOpEnhancer Instance = new();

    public bool IsAvailable => false;

    public Task<PlanEnhancement> EnhanceAsync(EnhancementInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Task.FromResult(new PlanEnhancement(input.Plan, EnhancementReport.Nothing("LLM enhancement is not enabled"), input.Memory ?? EnhancementMemory.Empty));
    }
}
