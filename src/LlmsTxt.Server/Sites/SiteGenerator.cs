using LlmsTxt.Core.Generation;
using LlmsTxt.Server.Pipeline;
using Microsoft.Extensions.Options;

namespace LlmsTxt.Server.Sites;

/// <summary>The scheduler's one call into the generation pipeline (a seam so tests and benchmarks see the same path).</summary>
public interface ISiteGenerator
{
    Task<GenerationResult> GenerateAsync(CrawlSite site, CancellationToken cancellationToken = default);

    /// <summary>Whether the site's crawls render pages in a browser (its setting, else the server's <c>RENDER_JS</c>).</summary>
    bool RendersJs(CrawlSite site) => false;
}

/// <summary>
/// Runs the same <see cref="LlmsTxtGenerator"/> as the socket and the CLI, with the settings the
/// site was enrolled with. With LLM enhancement, the site's last descriptions go in and the new ones are kept,
/// so pages whose content did not change are not sent to the model again.
/// </summary>
public sealed class PipelineSiteGenerator(LlmsTxtGenerator generator, IOptions<SchedulerOptions> options, SiteLlmMemory? memory = null, CrawlRenderingPolicy? rendering = null) : ISiteGenerator
{
    public async Task<GenerationResult> GenerateAsync(CrawlSite site, CancellationToken cancellationToken = default)
    {
        var request = new GenerationRequest
        {
            Url = new Uri(site.BaseUrl),
            MaxPages = CrawlLimits.Contract.MaxPages.Clamp(site.Settings.MaxPages),
            DescLength = CrawlLimits.Contract.DescLength.Clamp(site.Settings.DescLength),
            Full = site.Settings.Full,
            LlmEnhance = site.Settings.LlmEnhance,
            RenderJs = RendersJs(site),
            AllowPrivateNetworks = options.Value.AllowPrivateNetworks,
            EnhancementMemory = site.Settings.LlmEnhance && memory is not null ? await memory.GetAsync(site.BaseUrl, cancellationToken) : null,
        };
        var result = await generator.GenerateAsync(request, progress: null, cancellationToken);
        if (memory is not null && result.EnhancementMemory is { IsEmpty: false } learned)
            await memory.PutAsync(site.BaseUrl, learned, cancellationToken);
        return result;
    }

    public bool RendersJs(CrawlSite site) =>
        rendering is { Available: true } && (site.Settings.RenderJs ?? rendering.DefaultOn);
}
