using System.Globalization;
using System.Text.RegularExpressions;
using LlmsTxt.Core.Generation;

namespace LlmsTxt.Bench.FullMarkdown;

/// <summary>The issue's second figure: the Python docs' llms-full.txt at --max-pages 300 under the default 4,000,000-character cap.</summary>
internal static partial class PythonSite
{
    public static async Task RunAsync(Uri site)
    {
        Console.WriteLine();
        Console.WriteLine($"llms-full.txt of {site} at --max-pages 300 (cap 4,000,000 characters):");
        using var generator = new LlmsTxtGenerator { MaxFullChars = 4_000_000 };
        var result = await generator.GenerateAsync(new GenerationRequest { Url = site, MaxPages = 300, Full = true, AllowPrivateNetworks = true });
        var text = result.LlmsFullTxt ?? "";
        var blocks = Blocks(text);
        var utility = blocks.Where(b => UtilityPage().IsMatch(b.Url)).ToList();
        var skipped = text.Contains("\n## Pages not included\n", StringComparison.Ordinal)
            ? text[text.IndexOf("\n## Pages not included\n", StringComparison.Ordinal)..].Split('\n').Count(l => l.StartsWith("- [", StringComparison.Ordinal))
            : 0;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  pages listed {result.Stats.PagesListed}, inlined {blocks.Count}, not inlined {skipped}; {text.Length:N0} characters, about {text.Length / 4:N0} tokens"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  index/search/contents pages inlined: {utility.Count} ({utility.Sum(b => b.Length):N0} characters){(utility.Count > 0 ? ": " + string.Join(", ", utility.Select(b => new Uri(b.Url).AbsolutePath)) : "")}"));
        foreach (var block in blocks.OrderByDescending(b => b.Length).Take(5))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {new Uri(block.Url).AbsolutePath,-40} {block.Length,10:N0} characters ({100.0 * block.Length / Math.Max(1, text.Length):0.0} %)"));
        }
    }

    private static List<(string Url, int Length)> Blocks(string text)
    {
        var matches = SourceLine().Matches(text);
        var blocks = new List<(string, int)>();
        for (var i = 0; i < matches.Count; i++)
        {
            var end = i + 1 < matches.Count ? matches[i + 1].Index : text.Length;
            blocks.Add((matches[i].Groups["url"].Value, end - matches[i].Index));
        }
        return blocks;
    }

    [GeneratedRegex(@"^Source: (?<url>\S+)$", RegexOptions.Multiline)]
    private static partial Regex SourceLine();

    [GeneratedRegex(@"/(genindex[^/]*|py-modindex|search|contents|modindex)\.html$")]
    private static partial Regex UtilityPage();
}
