using System.Text.RegularExpressions;
using LlmsTxt.Core.Writing;

namespace LlmsTxt.Bench.FullMarkdown;

/// <summary>The issue's Measure figures for one converted page (or the sum over pages).</summary>
internal sealed partial class Figures
{
    private static readonly HashSet<string> NavWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "prev", "previous", "next", "up", "home", "index", "modules",
    };

    public int DataTables, TablesKept, TablesComplete, TablesAsRowLists, CodeBlocks, CodeIdentical, NavLinks, Fragments, HtmlFragments;
    public int SkippedLevels, TitleHeadings, PagesWithSkippedLevels, PagesWithRepeatedTitle;

    public void Add(Figures page)
    {
        DataTables += page.DataTables;
        TablesKept += page.TablesKept;
        TablesComplete += page.TablesComplete;
        TablesAsRowLists += page.TablesAsRowLists;
        CodeBlocks += page.CodeBlocks;
        CodeIdentical += page.CodeIdentical;
        NavLinks += page.NavLinks;
        Fragments += page.Fragments;
        HtmlFragments += page.HtmlFragments;
        SkippedLevels += page.SkippedLevels;
        TitleHeadings += page.TitleHeadings;
        PagesWithSkippedLevels += page.SkippedLevels > 0 ? 1 : 0;
        PagesWithRepeatedTitle += page.TitleHeadings > 1 ? 1 : 0;
    }

    /// <param name="pageLevel">The level of the page's own heading (2 in llms-full.txt); 0 when the first heading may be any level.</param>
    /// <param name="indentedCode">Read 4-space indented code blocks too (pandoc writes code without a language that way).</param>
    public static Figures Measure(HtmlReference reference, string markdown, string title, int pageLevel, bool indentedCode = false)
    {
        var (prose, code, tables) = Split(markdown, indentedCode);
        var figures = new Figures { DataTables = reference.DataTables.Count, CodeBlocks = reference.CodeBlocks.Count, HtmlFragments = reference.FragmentLinks };
        var remaining = code.ToList();
        foreach (var block in reference.CodeBlocks)
        {
            var index = remaining.IndexOf(block);
            if (index >= 0)
            {
                figures.CodeIdentical++;
                remaining.RemoveAt(index);
            }
        }
        var everything = Text.Normalize(Text.StripMarkdown(prose + "\n" + string.Join("\n", code)));
        var unusedTables = tables.Select(t => Text.Normalize(Text.StripMarkdown(t))).ToList();
        foreach (var cells in reference.DataTables)
        {
            var signature = cells.FirstOrDefault(c => c.Length >= 3) ?? cells.FirstOrDefault();
            var match = signature is null ? -1 : unusedTables.FindIndex(t => t.Contains(Text.Head(signature), StringComparison.Ordinal));
            var complete = cells.TrueForAll(c => everything.Contains(Text.Head(c), StringComparison.Ordinal));
            if (!complete && Environment.GetEnvironmentVariable("BENCH_DEBUG") is not null)
            {
                Console.Error.WriteLine("missing cell: " + cells.First(c => !everything.Contains(Text.Head(c), StringComparison.Ordinal)));
            }
            if (match >= 0)
            {
                figures.TablesKept++;
                unusedTables.RemoveAt(match);
            }
            else if (complete)
            {
                figures.TablesAsRowLists++;
            }
            figures.TablesComplete += complete ? 1 : 0;
        }
        foreach (Match link in LinkPattern().Matches(prose))
        {
            var text = link.Groups["text"].Value.Trim().Trim('*', '`', ' ');
            figures.NavLinks += NavWords.Contains(text) ? 1 : 0;
            figures.Fragments += link.Groups["url"].Value.Contains('#', StringComparison.Ordinal) ? 1 : 0;
        }
        var previous = pageLevel;
        foreach (var line in prose.Split('\n'))
        {
            var level = PageHeadings.Level(line);
            if (level == 0)
            {
                continue;
            }
            if (previous > 0 && level > previous + 1)
            {
                figures.SkippedLevels++;
            }
            previous = level;
            figures.TitleHeadings += PageHeadings.SameText(line.AsSpan(level).Trim(), title) ? 1 : 0;
        }
        return figures;
    }

    /// <summary>Prose lines, fenced code blocks (indentation of list items removed), and GFM table blocks.</summary>
    private static (string Prose, List<string> Code, List<string> Tables) Split(string markdown, bool indentedCode)
    {
        var prose = new System.Text.StringBuilder();
        var code = new List<string>();
        var tables = new List<string>();
        var lines = markdown.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var indent = line.Length - line.TrimStart(' ').Length;
            var trimmed = line.TrimStart(' ');
            if (trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal))
            {
                var fence = new string(trimmed[0], trimmed.TakeWhile(c => c == trimmed[0]).Count());
                var body = new List<string>();
                for (i++; i < lines.Length; i++)
                {
                    var inner = lines[i].TrimStart(' ');
                    if (inner.StartsWith(fence, StringComparison.Ordinal) && inner.Trim().Trim(fence[0]).Length == 0)
                    {
                        break;
                    }
                    body.Add(lines[i].Length >= indent && lines[i][..indent].Trim().Length == 0 ? lines[i][indent..] : lines[i].TrimStart(' '));
                }
                code.Add(string.Join('\n', body));
                continue;
            }
            if (indentedCode && line.StartsWith("    ", StringComparison.Ordinal) && (i == 0 || lines[i - 1].Trim().Length == 0))
            {
                var body = new List<string>();
                for (; i < lines.Length && (lines[i].StartsWith("    ", StringComparison.Ordinal) || lines[i].Trim().Length == 0); i++)
                {
                    body.Add(lines[i].Length >= 4 ? lines[i][4..] : "");
                }
                i--;
                code.Add(string.Join('\n', body).TrimEnd('\n'));
                continue;
            }
            if (trimmed.StartsWith('|') && i + 1 < lines.Length && SeparatorPattern().IsMatch(lines[i + 1].Trim()))
            {
                var table = new List<string>();
                for (; i < lines.Length && lines[i].TrimStart().StartsWith('|'); i++)
                {
                    table.Add(lines[i]);
                }
                i--;
                tables.Add(string.Join('\n', table));
                prose.Append(string.Join('\n', table)).Append('\n');
                continue;
            }
            prose.Append(line).Append('\n');
        }
        return (prose.ToString(), code, tables);
    }

    [GeneratedRegex(@"(?<!!)\[(?<text>(?:\\.|[^\]\\])*)\]\((?<url>[^)\s]*)(?:\s+""[^""]*"")?\)")]
    private static partial Regex LinkPattern();

    [GeneratedRegex(@"^\|?(\s*:?-{3,}:?\s*\|)+\s*(:?-{3,}:?\s*)?$")]
    private static partial Regex SeparatorPattern();
}

/// <summary>Text compared as a reader sees it: Markdown marks, case and spacing ignored.</summary>
internal static partial class Text
{
    // Marks vanish (a reader never sees them); table bars separate cells like spaces.
    public static string StripMarkdown(string markdown) => MarkPattern().Replace(LinkTarget().Replace(markdown, "]").Replace('|', ' '), "");

    public static string Normalize(string text) =>
        Spaces().Replace(MarkPattern().Replace(text.Replace('\u00A0', ' ').Replace('|', ' '), "").ToLowerInvariant(), " ").Trim();

    /// <summary>The first 60 characters: long cells may be wrapped or cut differently by each converter.</summary>
    public static string Head(string text) => text.Length > 60 ? text[..60].TrimEnd() : text;

    [GeneratedRegex(@"\]\([^)\s]*(?:\s+""[^""]*"")?\)")]
    private static partial Regex LinkTarget();

    [GeneratedRegex(@"[*_`\[\]\\#>]")]
    private static partial Regex MarkPattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
