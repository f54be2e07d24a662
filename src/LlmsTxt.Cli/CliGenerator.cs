using LlmsTxt.Core.Crawling;
using LlmsTxt.Core.Enhancement;
using LlmsTxt.Core.Generation;
using LlmsTxt.Core.Rendering;
using LlmsTxt.Settings;

namespace LlmsTxt.Cli;

/// <summary>The generator as the CLI runs it, owning the browser it may start.</summary>
internal sealed class CliGenerator(LlmsTxtGenerator generator, ChromiumRenderer? renderer, LlmEnhancer? enhancer = null) : IAsyncDisposable
{
    public static CliGenerator Create(GenerationRequest request)
    {
        ChromiumRenderer? renderer = null;
        if (request.RenderJs)
        {
            var options = ChromiumRendererVariables.Read(Environment.GetEnvironmentVariable);
            // Without a browser the generator says rendering is unavailable and reads static HTML only.
            if (options.IsAvailable) renderer = new ChromiumRenderer(options);
        }
        var enhancer = request.LlmEnhance ? Enhancer() : null;
        // The refusal names the CLI's flag, not the server's setting.
        var crawl = new CrawlOptions { PrivateTargetsAdvice = "leave out --block-private-networks to allow private targets" };
        return new CliGenerator(new LlmsTxtGenerator(crawl, renderer: renderer, enhancer: enhancer), renderer, enhancer);
    }

    /// <exception cref="ArgumentException">A bad LLM_* value or no key; the message names the variable.</exception>
    private static LlmEnhancer Enhancer()
    {
        // The flag is the user's explicit ask, so it switches enhancement on without LLM_ENHANCEMENT_ENABLED.
        var options = LlmEnhancerVariables.Read(Environment.GetEnvironmentVariable) with { Enabled = true };
        if (!options.IsAvailable)
            throw new ArgumentException("--llm-enhance needs an API key: set OPENROUTER_API_KEY (or LLM_API_KEY) in the environment, or point LLM_BASE_URL at a server on this machine (no key needed), such as http://localhost:11434/v1.");
        return new LlmEnhancer(options);
    }

    public Task<GenerationResult> GenerateAsync(GenerationRequest request, IProgress<GenerationEvent>? progress, CancellationToken stopCrawling, CancellationToken cancellationToken) =>
        generator.GenerateAsync(request, progress, stopCrawling, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        generator.Dispose();
        enhancer?.Dispose();
        if (renderer is not null) await renderer.DisposeAsync();
    }
}
