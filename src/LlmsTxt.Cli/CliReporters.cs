using LlmsTxt.Core.Generation;
using Spectre.Console;

namespace LlmsTxt.Cli;

/// <summary>Log lines to a plain stderr (pipes, CI logs): no colours, no redraws, progress left out.</summary>
internal sealed class PlainReporter(TextWriter error) : IProgress<GenerationEvent>
{
    private readonly Lock _gate = new();

    public void Report(GenerationEvent value)
    {
        if (value is not GenerationLog log) return;
        lock (_gate) error.WriteLine(log.Level == GenerationLogLevel.Info ? log.Message : $"{log.Level.ToString().ToLowerInvariant()}: {log.Message}");
    }
}

/// <summary>
/// A live progress bar at the bottom of the terminal with the milestones (robots, sitemap, sections, summary)
/// scrolling above it; the line for each page only with <c>--verbose</c>.
/// </summary>
internal sealed class SpectreReporter(IAnsiConsole console, ProgressTask task, bool verbose) : IProgress<GenerationEvent>
{
    private readonly Lock _gate = new();

    public void Report(GenerationEvent value)
    {
        // Events arrive from crawler threads; Spectre's console is not thread-safe.
        lock (_gate)
        {
            switch (value)
            {
                case GenerationLog { PerPage: true } when !verbose:
                    break;
                case GenerationLog log:
                    var text = Markup.Escape(log.Message);
                    console.MarkupLine(log.Level switch
                    {
                        GenerationLogLevel.Error => $"[red]{text}[/]",
                        GenerationLogLevel.Warning => $"[yellow]{text}[/]",
                        _ => text,
                    });
                    break;
                case GenerationProgress p:
                    task.MaxValue = Math.Max(1, p.MaxPages);
                    // Listed never passes the budget; pages read can (duplicates, concurrent fetches).
                    task.Value = Math.Min(p.Crawled, p.MaxPages);
                    task.Description = p.Failed > 0 ? $"Listing pages ({p.Crawled} fetched, {p.Failed} failed)" : $"Listing pages ({p.Crawled} fetched)";
                    break;
            }
        }
    }
}
