using System.CommandLine;
using System.Net;
using LlmsTxt.Core.Generation;

namespace LlmsTxt.Cli;

/// <summary><c>llmstxt validate FILE|URL</c>: list the problems of an llms.txt with their line numbers.</summary>
internal static class ValidateCommand
{
    public static Command Build()
    {
        var target = new Argument<string>("FILE|URL")
        {
            Description = "A local llms.txt file, or its http(s) URL (a site root such as https://example.com means its /llms.txt).",
        };
        var full = new Option<bool>("--full")
        {
            Description = "Check the file as an llms-full.txt (page blocks with Source lines). Without it, a file named llms-full*.txt or shaped like one is checked as one.",
        };
        var command = new Command("validate", "Check an llms.txt (or llms-full.txt) against the llmstxt.org layout; exit 0 when valid, 1 when not.") { target, full };
        command.SetAction((parse, cancellationToken) => RunAsync(parse.GetRequiredValue(target), parse.GetValue(full), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string target, bool full, CancellationToken cancellationToken)
    {
        string text;
        string name;
        try
        {
            (text, name) = await ReadAsync(target, cancellationToken);
        }
        catch (ValidateInputException ex)
        {
            await Console.Error.WriteLineAsync($"llmstxt: {ex.Message}");
            return ExitCodes.Failure;
        }

        // The name or the shape tells an llms-full.txt apart: its sections hold pages, not link lists.
        full = full || Path.GetFileName(name).StartsWith("llms-full", StringComparison.OrdinalIgnoreCase) || LlmsTxtGenerator.LooksLikeFullFile(text);
        var kind = full ? "llms-full.txt" : "llms.txt";
        var verdict = LlmsTxtGenerator.Validate(text, full);
        foreach (var finding in verdict.Findings)
            await Console.Out.WriteLineAsync($"{name}:{finding.Line}: {(finding.IsError ? "error" : "warning")}: {finding.Message}");
        var errors = verdict.Findings.Count(f => f.IsError);
        var warnings = verdict.Findings.Count - errors;
        await Console.Out.WriteLineAsync(verdict.IsValid
            ? $"{name}: valid {kind}{(warnings > 0 ? $" ({warnings} warning{(warnings == 1 ? "" : "s")})" : "")}"
            : $"{name}: not a valid {kind}: {errors} error{(errors == 1 ? "" : "s")}, {warnings} warning{(warnings == 1 ? "" : "s")}");
        return verdict.IsValid ? ExitCodes.Ok : ExitCodes.Failure;
    }

    private static async Task<(string Text, string Name)> ReadAsync(string target, CancellationToken cancellationToken)
    {
        if (target.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || target.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            if (!Uri.TryCreate(target, UriKind.Absolute, out var uri)) throw new ValidateInputException($"'{target}' is not a valid URL.");
            if (uri.AbsolutePath == "/") uri = new Uri(uri, "/llms.txt");
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            http.DefaultRequestHeaders.UserAgent.ParseAdd("llmstxt-validate/1.0");
            try
            {
                using var response = await http.GetAsync(uri, cancellationToken);
                if (response.StatusCode != HttpStatusCode.OK)
                    throw new ValidateInputException($"{uri} answered {(int)response.StatusCode} {response.ReasonPhrase}.");
                return (await response.Content.ReadAsStringAsync(cancellationToken), uri.AbsoluteUri);
            }
            catch (HttpRequestException ex)
            {
                throw new ValidateInputException($"could not fetch {uri}: {ex.Message}");
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new ValidateInputException($"{uri} did not answer within 30 s.");
            }
        }
        try
        {
            return (await File.ReadAllTextAsync(target, cancellationToken), target);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ValidateInputException($"could not read {target}: {ex.Message}");
        }
    }

    private sealed class ValidateInputException(string message) : Exception(message);
}
