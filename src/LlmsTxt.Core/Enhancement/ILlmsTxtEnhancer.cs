using LlmsTxt.Core.Extraction;

namespace LlmsTxt.Core.Enhancement;

/// <summary>The answer of an enhancer: the text to use, and why the original was kept when it was.</summary>
public sealed record EnhancementOutcome(string LlmsTxt, bool Changed, string? Note = null);

/// <summary>
/// Improves a generated llms.txt (e.g. with an LLM). The generator calls it after writing, when the
/// request asks for it; an implementation must keep the same URLs and layout or return the original.
/// </summary>
public interface ILlmsTxtEnhancer
{
    bool IsAvailable { get; }

    Task<EnhancementOutcome> EnhanceAsync(string llmsTxt, IReadOnlyList<Page> pages, CancellationToken cancellationToken = default);
}

/// <summary>The default until LLM enhancement is built: returns the file unchanged.</summary>
public sealed class NoOpEnhancer : ILlmsTxtEnhancer
{
    public static readonly NoOpEnhancer Instance = new();

    public bool IsAvailable => false;

    public Task<EnhancementOutcome> EnhanceAsync(string llmsTxt, IReadOnlyList<Page> pages, CancellationToken cancellationToken = default) =>
        Task.FromResult(new EnhancementOutcome(llmsTxt, Changed: false, Note: "LLM enhancement is not enabled; the file is unchanged."));
}
