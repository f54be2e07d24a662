using System.Text;
using LlmsTxt.Core.Generation;
using Spectre.Console;

namespace LlmsTxt.Cli;

/// <summary>Runs one generation for the CLI: progress on stderr, the file on stdout or to -o.</summary>
internal static class GenerateRunner
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    public static async Task<int> RunAsync(GenerateSettings settings, CancellationToken cancellationToken)
    {
        // Ctrl+C stops the crawl; the file is still written from the pages fetched so far.
        var stop = cancellationToken;
        CliGenerator created;
        try
        {
            created = CliGenerator.Create(settings.Request);
        }
        catch (ArgumentException ex)
        {
            // A malformed browser or LLM setting (BROWSER_WS_ENDPOINT, BRIGHTDATA_*, LLM_*, no key); the message names it.
            await Console.Error.WriteLineAsync($"llmstxt: {ex.Message}");
            return ExitCodes.Failure;
        }
        await using var generator = created;
        GenerationResult result;
        try
        {
            result = await RunWithReporterAsync(settings, p => generator.GenerateAsync(settings.Request, p, stop, CancellationToken.None));
        }
        catch (GenerationFailedException ex)
        {
            await Console.Error.WriteLineAsync($"llmstxt: {ex.Message}");
            return ExitCodes.Failure;
        }

        try
        {
            await WriteAsync(settings.Output, result.LlmsTxt);
            if (settings.FullOutput is { } fullFile && result.LlmsFullTxt is { } full) await WriteAsync(fullFile, full);
            if (settings.Explain is { } explainFile) await WriteAsync(explainFile, ExplainText.Format(result.Explanations ?? []));
        }
        catch (FileWriteException ex)
        {
            await Console.Error.WriteLineAsync($"llmstxt: {ex.Message}");
            return ExitCodes.Failure;
        }

        if (!settings.Quiet)
        {
            foreach (var finding in result.Validation.Findings)
                await Console.Error.WriteLineAsync($"{(finding.IsError ? "error" : "warning")}: {finding}");
            var where = settings.Output is null ? "stdout" : settings.Output.FullName;
            await Console.Error.WriteLineAsync($"Wrote {where}: {CountsLine(result.Stats, settings.Request.MaxPages)}, {result.Stats.Duration.TotalSeconds:0.0} s"
                + (settings.FullOutput is not null ? $"; llms-full.txt at {settings.FullOutput.FullName}" : ""));
            if (result.Stats.FullPagesShortened > 0)
                await Console.Error.WriteLineAsync($"warning: llms-full.txt reached its size cap; {result.Stats.FullPagesShortened} long pages are shortened so that every page fits.");
            if (result.Stats.FullPagesLeftOut > 0)
                await Console.Error.WriteLineAsync($"warning: llms-full.txt reached its size cap; {result.Stats.FullPagesLeftOut} pages are listed at its end instead of inlined.");
        }
        if (result.Partial && cancellationToken.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("llmstxt: interrupted; the file lists only the pages fetched before the stop.");
            return ExitCodes.Failure;
        }
        return result.Validation.IsValid ? ExitCodes.Ok : ExitCodes.Failure;
    }

    private static async Task<GenerationResult> RunWithReporterAsync(GenerateSettings settings, Func<IProgress<GenerationEvent>?, Task<GenerationResult>> run)
    {
        if (settings.Quiet) return await run(null);
        if (Console.IsErrorRedirected) return await run(new PlainReporter(Console.Error));

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return await console.Progress()
            .AutoClear(true)
            .HideCompleted(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new CountColumn(), new ElapsedTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask("Crawling", maxValue: settings.Request.MaxPages);
                try
                {
                    return await run(new SpectreReporter(console, task, settings.Verbose));
                }
                finally
                {
                    task.StopTask();
                }
            });
    }

    /// <summary>The shared vocabulary: "50 of 50 pages listed, 61 fetched, 2 failed, left out: 9 duplicate, 2 over the budget".</summary>
    internal static string CountsLine(GenerationStats stats, int maxPages)
    {
        var line = $"{stats.PagesListed} of {maxPages} pages listed, {stats.PagesFetched} fetched, {stats.Failed} failed";
        return stats.LeftOut.Count == 0 ? line : line + ", left out: " + string.Join(", ", stats.LeftOut.Select(r => $"{r.Value} {LeftOutWords(r.Key)}"));
    }

    private static string LeftOutWords(string reason) => reason switch
    {
        LeftOutReasons.Duplicate => "duplicate",
        LeftOutReasons.OtherLanguage => "in another language",
        LeftOutReasons.Robots => "disallowed by robots.txt",
        LeftOutReasons.NoIndex => "noindex",
        LeftOutReasons.OverBudget => "over the budget",
        _ => reason,
    };

    private static async Task WriteAsync(FileInfo? file, string text)
    {
        try
        {
            file?.Directory?.Create();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new FileWriteException($"could not write {file!.FullName}: {ex.Message}", ex);
        }

        if (file is null)
        {
            await using var stdout = Console.OpenStandardOutput();
            await stdout.WriteAsync(Utf8NoBom.GetBytes(text));
            return;
        }
        // Write beside the target, then move: a reader never sees half a file.
        var temp = Path.Combine(file.DirectoryName ?? ".", $".{file.Name}.{Guid.NewGuid():N}.tmp");
        try
        {
            await File.WriteAllTextAsync(temp, text, Utf8NoBom);
            File.Move(temp, file.FullName, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The user named the file, not our temporary neighbour: say their path.
            throw new FileWriteException($"could not write {file.FullName}: {ex.Message.Replace(temp, file.FullName, StringComparison.Ordinal)}", ex);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }
}

/// <summary>Shows "12/50" next to the bar.</summary>
internal sealed class CountColumn : ProgressColumn
{
    public override Spectre.Console.Rendering.IRenderable Render(Spectre.Console.Rendering.RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
        new Text($"{task.Value:0}/{task.MaxValue:0} pages");
}

/// <summary>An output file could not be written; the message names the user's path.</summary>
internal sealed class FileWriteException(string message, Exception inner) : Exception(message, inner);
