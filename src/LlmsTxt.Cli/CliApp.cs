using System.CommandLine;

namespace LlmsTxt.Cli;

/// <summary>The <c>llmstxt</c> command line: <c>generate</c> and <c>validate</c>.</summary>
public static class CliApp
{
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("Turn a website into an llms.txt file (https://llmstxt.org), or check one.");
        root.Subcommands.Add(GenerateCommand.Build());
        root.Subcommands.Add(ValidateCommand.Build());
        return root;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var parse = BuildRoot().Parse(args);
        // System.CommandLine answers parse errors with 1; scripts expect 2 for usage mistakes.
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors) await Console.Error.WriteLineAsync($"llmstxt: {error.Message}");
            await Console.Error.WriteLineAsync("Run 'llmstxt --help' (or 'llmstxt <command> --help') for usage.");
            return ExitCodes.Usage;
        }
        var invocation = new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(10) };
        return await parse.InvokeAsync(invocation);
    }

    /// <summary>Reports a usage mistake found after parsing (same shape as parser errors).</summary>
    internal static int UsageError(string message)
    {
        Console.Error.WriteLine($"llmstxt: {message}");
        Console.Error.WriteLine("Run 'llmstxt --help' (or 'llmstxt <command> --help') for usage.");
        return ExitCodes.Usage;
    }
}
