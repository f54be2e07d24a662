using LlmsTxt.Core.Crawling;

namespace LlmsTxt.Core.Generation;

/// <summary>Forwards the crawler's events as generation events: counters as progress, everything else as readable lines.</summary>
internal sealed class CrawlEventRelay(IProgress<GenerationEvent>? target) : IProgress<CrawlEvent>
{
    public void Report(CrawlEvent value)
    {
        if (target is null) return;
        target.Report(value switch
        {
            CrawlProgressEvent p => new GenerationProgress(p.Crawled, p.Failed, p.Queued, p.MaxPages),
            PageFailedEvent or PageRetriedEvent => new GenerationLog(value.Message, GenerationLogLevel.Warning, PerPage: true),
            PageFetchedEvent or PageSkippedEvent or PageRenderedEvent => new GenerationLog(value.Message, PerPage: true),
            SitemapFailedEvent => new GenerationLog(value.Message, GenerationLogLevel.Warning),
            RobotsEvent { Status: RobotsStatus.DisallowAll } => new GenerationLog(value.Message, GenerationLogLevel.Error),
            _ => new GenerationLog(value.Message),
        });
    }

    public void Log(string message, GenerationLogLevel level = GenerationLogLevel.Info) => target?.Report(new GenerationLog(message, level));
}
