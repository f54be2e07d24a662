using System.CommandLine;
using System.CommandLine.Parsing;
using LlmsTxt.Core.Crawling;
using LlmsTxt.Core.Generation;

namespace LlmsTxt.Cli;

/// <summary><c>llmstxt generate URL</c>: crawl a site and write its llms.txt.</summary>
internal static class GenerateCommand
{
    /// <summary>The same default as the server's <c>LLMS_FULL_MAX_CHARS</c> (≈ 1M tokens).</summary>

    public static Command Build()
    {
        var url = new Argument<string?>("URL")
        {
            Description = "The site's start URL, e.g. https://example.com or https://example.com/docs/ (a path limits the crawl to it).",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var output = new Option<FileInfo?>("--output", "-o")
        {
            Description = "Write llms.txt to FILE (atomically) instead of standard output.",
            HelpName = "FILE",
        };
        var full = new Option<string?>("--full")
        {
            Description = "Also write llms-full.txt (every page's content): to FILE, or next to the output file (current folder when writing to stdout).",
            HelpName = "FILE",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var maxPages = Ranged("--max-pages", "Pages in the result", CrawlLimits.Contract.MaxPages);
        var descLength = Ranged("--desc-length", "Characters of page text per link description", CrawlLimits.Contract.DescLength);
        var concurrency = Ranged("--concurrency", "Requests in flight to the site at once", 1, 64, 8);
        var fullMaxChars = Ranged("--full-max-chars", "Cap on llms-full.txt in characters, about 4 a token; pages beyond it are listed, not inlined",
            CrawlLimits.Contract.FullMaxChars);
        var renderJs = new Option<bool>("--render-js")
        {
            Description = "Render pages whose HTML is empty without JavaScript in headless Chromium (CHROMIUM_PATH, default /usr/bin/chromium, or BROWSER_WS_ENDPOINT).",
        };
        var llmEnhance = new Option<bool>("--llm-enhance")
        {
            Description = "Improve the summary, about paragraph and link notes with an LLM (OPENROUTER_API_KEY or LLM_API_KEY; LLM_BASE_URL, LLM_MODEL and the other LLM_* variables). Sections whose answers are unusable keep the generated text; no key is needed when LLM_BASE_URL is on this machine.",
        };
        var explain = new Option<FileInfo?>("--explain")
        {
            Description = "Also write FILE: for every crawled page, its section and the outline path or rule that put it there, where its description came from, or why it was left out.",
            HelpName = "FILE",
        };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress or log on stderr; errors only." };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "In a terminal, also print a line for every page fetched, skipped or failed (always printed when stderr is not a terminal)." };
        var blockPrivate = new Option<bool>("--block-private-networks")
        {
            Description = "Refuse loopback and private addresses (allowed by default: the CLI runs on your own machine).",
        };

        var command = new Command("generate", "Crawl a website and write its llms.txt (stdout unless -o).")
        {
            url, output, full, maxPages, descLength, fullMaxChars, concurrency, renderJs, llmEnhance, quiet, verbose, blockPrivate, explain,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var urlText = parse.GetValue(url);
            var fullPresent = parse.GetResult(full) is not null;
            var fullPath = parse.GetValue(full);
            // `--full https://site` reads the URL as --full's FILE; take it back as the URL.
            if (urlText is null && fullPath is not null && fullPath.Contains("://", StringComparison.Ordinal))
            {
                urlText = fullPath;
                fullPath = null;
            }
            if (urlText is not null && urlText.StartsWith('-'))
                return Task.FromResult(CliApp.UsageError($"unknown option '{urlText}'."));
            if (urlText is null) return Task.FromResult(CliApp.UsageError("generate needs the site's URL, e.g. llmstxt generate https://example.com -o llms.txt"));
            var site = SiteAddress.Parse(urlText, out var problem, out var schemeAdded);
            if (site is null) return Task.FromResult(CliApp.UsageError(problem!));
            if (schemeAdded && !parse.GetValue(quiet)) Console.Error.WriteLine($"llmstxt: no http:// or https:// given; crawling {site}");

            var outputFile = parse.GetValue(output);
            var fullFile = fullPresent ? FullFile(fullPath, outputFile) : null;
            if (outputFile is not null && fullFile is not null && SamePath(outputFile, fullFile))
                return Task.FromResult(CliApp.UsageError($"-o and --full name the same file ({outputFile.FullName}); llms-full.txt would overwrite llms.txt. Give --full another FILE."));
            var settings = new GenerateSettings(
                new GenerationRequest
                {
                    Url = site,
                    MaxPages = parse.GetValue(maxPages),
                    DescLength = parse.GetValue(descLength),
                    Full = fullPresent,
                    FullMaxChars = parse.GetValue(fullMaxChars),
                    RenderJs = parse.GetValue(renderJs),
                    LlmEnhance = parse.GetValue(llmEnhance),
                    Concurrency = parse.GetValue(concurrency),
                    AllowPrivateNetworks = !parse.GetValue(blockPrivate),
                },
                outputFile,
                fullFile,
                parse.GetValue(quiet),
                parse.GetValue(verbose),
                parse.GetValue(explain));
            return GenerateRunner.RunAsync(settings, cancellationToken);
        });
        return command;
    }

    private static bool SamePath(FileInfo a, FileInfo b) =>
        string.Equals(Path.GetFullPath(a.FullName), Path.GetFullPath(b.FullName), OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);

    private static FileInfo FullFile(string? explicitPath, FileInfo? output) =>
        explicitPath is not null ? new FileInfo(explicitPath)
        : output is not null ? new FileInfo(Path.Combine(output.DirectoryName ?? ".", "llms-full.txt"))
        : new FileInfo("llms-full.txt");

    private static Option<int> Ranged(string name, string what, IntRange range) => Ranged(name, what, range.Min, range.Max, range.Default);

    private static Option<int> Ranged(string name, string what, int min, int max, int defaultValue)
    {
        var option = new Option<int>(name)
        {
            Description = $"{what} ({min}–{max}).",
            HelpName = "N",
            DefaultValueFactory = _ => defaultValue,
        };
        // One parser for both mistakes (not a number, out of range), so each gets a message naming the option.
        option.CustomParser = result =>
        {
            if (result.Tokens.Count == 0) return defaultValue;
            var text = result.Tokens[0].Value;
            if (!int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value))
            {
                result.AddError($"{name} must be a whole number between {min} and {max} (got '{text}').");
                return defaultValue;
            }
            if (value < min || value > max) result.AddError($"{name} must be between {min} and {max} (got {value}).");
            return value;
        };
        return option;
    }
}

/// <summary>A parsed <c>generate</c> command line.</summary>
internal sealed record GenerateSettings(GenerationRequest Request, FileInfo? Output, FileInfo? FullOutput, bool Quiet, bool Verbose = false, FileInfo? Explain = null);
