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
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"llmstxt: could not write the file: {ex.Message}");
            return ExitCodes.Failure;
        }

        if (!settings.Quiet)
        {
            foreach (var finding in result.Validation.Findings)
                await Console.Error.WriteLineAsync($"{(finding.IsError ? "error" : "warning")}: {finding}");
            var where = settings.Output is null ? "stdout" : settings.Output.FullName;
            await Console.Error.WriteLineAsync($"Wrote {where}: {result.Stats.PagesListed} pages listed, {result.Stats.Failed} failed, {result.Stats.Duration.TotalSeconds:0.0} s"
                + (settings.FullOutput is not null ? $"; llms-full.txt at {settings.FullOutput.FullName}" : ""));
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
                    return await run(new SpectreReporter(console, task));
                }
                finally
                {
                    task.StopTask();
                }
            });
    }

    private static async Task WriteAsync(FileInfo? file, string text)
    {
        if (file is null)
        {
            await using var stdout = Console.OpenStandardOutput();
            await stdout.WriteAsync(Utf8NoBom.GetBytes(text));
            return;
        }
        // Write beside the target, then move: a reader never sees half a file.
        file.Directory?.Create();
        var temp = Path.Combine(file.DirectoryName ?? ".", $".{file.Name}.{Guid.NewGuid():N}.tmp");
        try
        {
            await File.WriteAllTextAsync(temp, text, Utf8NoBom);
            File.Move(temp, file.FullName, overwrite: true);
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
