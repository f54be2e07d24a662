using LlmsTxt.Core.Enhancement;

namespace LlmsTxt.Core.Generation;

/// <summary>What to build: the same fields the socket, the CLI and the scheduler accept.</summary>
public sealed record GenerationRequest
{
    /// <summary>Absolute http(s) start URL; its path prefix limits the crawl.</summary>
    public required Uri Url { get; init; }

    public int MaxPages { get; init; } = CrawlLimits.Contract.MaxPages.Default;

    /// <summary>Characters of page text in each link's description.</summary>
    public int DescLength { get; init; } = CrawlLimits.Contract.DescLength.Default;

    /// <summary>Also build llms-full.txt.</summary>
    public bool Full { get; init; }

    /// <summary>Cap on llms-full.txt in characters for this request; null keeps the generator's setting.</summary>
    public int? FullMaxChars { get; init; }

    /// <summary>Render pages whose static HTML is empty in headless Chromium (needs a renderer).</summary>
    public bool RenderJs { get; init; }

    /// <summary>Ask the enhancer to improve the file (an LLM when the host configures one; else the file is kept).</summary>
    public bool LlmEnhance { get; init; }

    /// <summary>What the last enhancement of this site produced: descriptions of pages whose content is unchanged are reused, not asked for again.</summary>
    public EnhancementMemory? EnhancementMemory { get; init; }

    /// <summary>Requests in flight per host; null keeps the crawler's default.</summary>
    public int? Concurrency { get; init; }

    /// <summary>Allow loopback/private targets (CLI and tests); the server refuses them by default.</summary>
    public bool AllowPrivateNetworks { get; init; }
}
