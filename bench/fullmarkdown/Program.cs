using System.Globalization;
using LlmsTxt.Bench.FullMarkdown;
using LlmsTxt.Core.Extraction;
using Page = LlmsTxt.Core.Extraction.Page;
using LlmsTxt.Core.Generation;
using LlmsTxt.Core.Writing;

// llms-full.txt fidelity on 15 real documentation pages against pandoc (-f html -t gfm-raw_html), then the Python
// docs' llms-full.txt at --max-pages 300. Needs the loopback doc sites (bash /work/shared/quality/sites.sh) and
// pandoc (Debian: apt-get install pandoc). Usage: dotnet run -c Release --project bench/fullmarkdown [-- --no-site] [--dump DIR]
// (--dump writes each page's Markdown from both converters to DIR for reading side by side).
string[] pgPages = ["sql-select", "functions-string", "datatype-numeric", "tutorial-join", "libpq-connect"];
string[] pyPages = ["library/re", "library/argparse", "library/asyncio-task", "library/json", "library/functions", "library/stdtypes",
    "library/os.path", "tutorial/controlflow", "reference/datamodel", "howto/logging"];
var pg = Environment.GetEnvironmentVariable("BENCH_PG_URL") ?? "http://127.0.0.1:18081/";
var py = Environment.GetEnvironmentVariable("BENCH_PY_URL") ?? "http://127.0.0.1:18082/";
var urls = pgPages.Select(p => new Uri(new Uri(pg), p + ".html")).Concat(pyPages.Select(p => new Uri(new Uri(py), p + ".html"))).ToList();

using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
var pandoc = Pandoc.Find();
Console.WriteLine(pandoc is null
    ? "pandoc is missing: its column shows n/a. Install it (Debian/Ubuntu: apt-get install pandoc) to compare."
    : $"pandoc: {pandoc.Version} (-f html -t gfm-raw_html)");

var total = new Dictionary<string, (Figures Ours, Figures? Pandoc)>();
var ours = new Figures();
Figures? theirs = pandoc is null ? null : new Figures();
var extractor = new PageExtractor();
var dump = Array.IndexOf(args, "--dump") is var d and >= 0 && d + 1 < args.Length ? Directory.CreateDirectory(args[d + 1]).FullName : null;
Console.WriteLine();
Console.WriteLine($"{"page",-28} {"tables",7} {"kept",9} {"code",9} {"same",9} {"nav",7} {"frag",11} {"skip",7} {"title",7}");
// Each site's pages go through one plan, as in a real run (titles lose the site's suffix the same way).
var fetched = new List<(Uri Url, byte[] Html, Page Page)>();
foreach (var url in urls)
{
    try
    {
        var html = await http.GetByteArrayAsync(url);
        fetched.Add((url, html, extractor.Extract(html, url)));
    }
    catch (HttpRequestException ex)
    {
        Console.Error.WriteLine($"{url} could not be fetched ({ex.Message}); start the doc sites with: bash /work/shared/quality/sites.sh");
        return 1;
    }
}
var files = fetched.GroupBy(f => f.Url.Authority).ToDictionary(g => g.Key, g =>
    LlmsFullWriter.Write(new LlmsTxtInput { StartUrl = new Uri(g.First().Url, "/"), Pages = [.. g.Select(f => f.Page)] }).Text);
foreach (var (url, html, page) in fetched)
{
    var reference = HtmlReference.Read(html, url);
    var (title, block) = PageBlock(files[url.Authority], url);
    var mine = Figures.Measure(reference, block, title, pageLevel: 2);
    var name = url.AbsolutePath.Trim('/').Replace('/', '_');
    if (dump is not null) await File.WriteAllTextAsync(Path.Combine(dump, name + ".llmstxt.md"), block);
    ours.Add(mine);
    Figures? theirsPage = null;
    if (pandoc is not null)
    {
        var converted = await pandoc.ConvertAsync(html);
        if (dump is not null) await File.WriteAllTextAsync(Path.Combine(dump, name + ".pandoc.md"), converted);
        theirsPage = Figures.Measure(reference, converted, title, pageLevel: 0, indentedCode: true);
        theirs!.Add(theirsPage);
    }
    Console.WriteLine($"{url.AbsolutePath.TrimStart('/'),-28} {reference.DataTables.Count,7} {Pair(mine.TablesKept, theirsPage?.TablesKept),9} "
        + $"{reference.CodeBlocks.Count,9} {Pair(mine.CodeIdentical, theirsPage?.CodeIdentical),9} {Pair(mine.NavLinks, theirsPage?.NavLinks),7} "
        + $"{Pair(mine.Fragments, theirsPage?.Fragments) + "/" + reference.FragmentLinks,11} {Pair(mine.SkippedLevels, theirsPage?.SkippedLevels),7} {Pair(mine.TitleHeadings, theirsPage?.TitleHeadings),7}");
}
Console.WriteLine();
Console.WriteLine("Totals (llmstxt / pandoc):");
Console.WriteLine($"  data tables kept as tables:  {ours.TablesKept} / {Show(theirs?.TablesKept)} of {ours.DataTables}  (goal: at least pandoc's)");
Console.WriteLine($"  data tables written as row lists (llmstxt): {ours.TablesAsRowLists}; tables with every cell's text kept: {ours.TablesComplete} / {Show(theirs?.TablesComplete)}");
Console.WriteLine($"  code blocks identical:       {ours.CodeIdentical} / {Show(theirs?.CodeIdentical)} of {ours.CodeBlocks}");
Console.WriteLine($"  navigation links leaked:     {ours.NavLinks} / {Show(theirs?.NavLinks)}  (Prev/Next/Up/Home/previous/next/index/modules link texts; goal 0)");
Console.WriteLine($"  link fragments kept:         {ours.Fragments} / {Show(theirs?.Fragments)}  (the HTML's content has {ours.HtmlFragments} links with a fragment)");
Console.WriteLine($"  pages with a skipped heading level: {ours.PagesWithSkippedLevels} / {Show(theirs?.PagesWithSkippedLevels)} of {urls.Count}");
Console.WriteLine($"  pages whose title is a heading more than once: {ours.PagesWithRepeatedTitle} / {Show(theirs?.PagesWithRepeatedTitle)} of {urls.Count}");

if (!args.Contains("--no-site"))
{
    await PythonSite.RunAsync(new Uri(py));
}
return 0;

// The page's block as the writer wrote it: its "## Title" line, the Source line and the Markdown up to the next page.
static (string Title, string Block) PageBlock(string full, Uri url)
{
    var source = full.IndexOf("\nSource: " + url.AbsoluteUri + "\n", StringComparison.Ordinal);
    var start = full.LastIndexOf("\n## ", source - 1, StringComparison.Ordinal) + 1;
    // The next page starts at the heading just before its Source line ("## " inside code can't be mistaken for it).
    var nextSource = full.IndexOf("\nSource: ", source + 1, StringComparison.Ordinal);
    var end = nextSource < 0 ? full.Length : full.LastIndexOf("\n## ", nextSource - 1, StringComparison.Ordinal) + 1;
    var title = full[(start + 3)..full.IndexOf('\n', start)];
    return (title, full[start..end]);
}

static string Pair(int ours, int? theirs) => theirs is { } t ? $"{ours}/{t}" : $"{ours}/n/a";
static string Show(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "n/a";
