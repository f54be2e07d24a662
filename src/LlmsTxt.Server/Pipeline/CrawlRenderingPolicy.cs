using LlmsTxt.Core.Rendering;

namespace LlmsTxt.Server.Pipeline;

/// <summary>Whether the server can render pages in a browser, and whether requests do so unless they say otherwise (<c>RENDER_JS</c>).</summary>
public sealed record CrawlRenderingPolicy(bool Available, bool DefaultOn, ChromiumRendererOptions Options);
