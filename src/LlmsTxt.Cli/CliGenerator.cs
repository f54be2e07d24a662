using LlmsTxt.Core.Generation;
using LlmsTxt.Core.Rendering;

namespace LlmsTxt.Cli;

/// <summary>The generator as the CLI runs it, owning the browser it may start.</summary>
internal sealed class CliGenerator(LlmsTxtGenerator generator, ChromiumRenderer? renderer) : IAsyncDisposable
{
    public static CliGenerator Create(GenerationRequest request)
    {
        ChromiumRenderer? renderer = null;
        if (request.RenderJs)
        {
            var options = ChromiumRendererOptions.FromEnvironment(Environment.GetEnvironmentVariable);
            // Without a browser the generator says rendering is unavailable and reads static HTML only.
            if (options.IsAvailable) renderer = new ChromiumRenderer(options);
        }
        return new CliGenerator(new LlmsTxtGenerator(renderer: renderer), renderer);
    }

    public Task<GenerationResult> GenerateAsync(GenerationRequest request, IProgress<GenerationEvent>? progress, CancellationToken stopCrawling, CancellationToken cancellationToken) =>
        generator.GenerateAsync(request, progress, stopCrawling, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        generator.Dispose();
        if (renderer is not null) await renderer.DisposeAsync();
    }
}
