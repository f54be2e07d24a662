using System.Diagnostics;
using System.Globalization;
using LlmsTxt.Core.Extraction;
using LlmsTxt.Core.Writing;

// Extraction + Markdown conversion over the fixture corpus, then the writers: a plain stopwatch loop on one
// thread, with allocations from GC.GetAllocatedBytesForCurrentThread. Usage: dotnet run -c Release --project bench/extraction [seconds]
var seconds = args.Length > 0 && double.TryParse(args[0], CultureInfo.InvariantCulture, out var s) ? s : 3.0;
var folder = Path.Combine(AppContext.BaseDirectory, "Fixtures");
var corpus = Directory.EnumerateFiles(folder, "*.html", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
    .Select(f => (Name: Path.GetRelativePath(folder, f), Bytes: File.ReadAllBytes(f), Url: new Uri("https://bench.example/" + Path.GetRelativePath(folder, f).Replace('\\', '/'))))
    .ToList();
var extractor = new PageExtractor();
Console.WriteLine($"Corpus: {corpus.Count} pages, {corpus.Sum(c => c.Bytes.Length) / 1024.0:F0} KiB; {Environment.ProcessorCount} cores; {seconds:F0} s per measurement");

Measure("Extraction + Markdown, whole corpus", corpus.Sum(c => c.Bytes.Length), () =>
{
    foreach (var (_, bytes, url) in corpus)
    {
        extractor.Extract(bytes, url);
    }
    return corpus.Count;
});

var typical = corpus.Single(c => c.Name == "typical-docs.html");
Measure($"Extraction + Markdown, typical docs page ({typical.Bytes.Length / 1024.0:F0} KiB)", typical.Bytes.Length, () =>
{
    extractor.Extract(typical.Bytes, typical.Url);
    return 1;
});

// For scale: AngleSharp's parse alone, the floor under everything above.
var typicalHtml = HtmlEncoding.Decode(typical.Bytes, null);
var parser = new AngleSharp.Html.Parser.HtmlParser(new AngleSharp.Html.Parser.HtmlParserOptions { IsKeepingSourceReferences = false, SkipComments = true, SkipScriptText = true });
Measure("AngleSharp parse only, typical docs page", typical.Bytes.Length, () =>
{
    parser.ParseDocument(typicalHtml).Dispose();
    return 1;
});

var noMarkdown = new PageExtractor(new ExtractionOptions { ConvertMarkdown = false });
Measure("Extraction without Markdown, typical docs page", typical.Bytes.Length, () =>
{
    noMarkdown.Extract(typical.Bytes, typical.Url);
    return 1;
});

// The crawler extracts on several threads at once: throughput with one extraction per core.
{
    var threads = Environment.ProcessorCount;
    var total = 0;
    var before = GC.GetTotalAllocatedBytes(precise: true);
    var watch = Stopwatch.StartNew();
    Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, _ =>
    {
        var local = 0;
        while (watch.Elapsed < TimeSpan.FromSeconds(seconds))
        {
            extractor.Extract(typical.Bytes, typical.Url);
            local++;
        }
        Interlocked.Add(ref total, local);
    });
    var allocated = (GC.GetTotalAllocatedBytes(precise: true) - before) / (double)total;
    Console.WriteLine($"Extraction + Markdown, typical docs page on {threads} threads: {total / watch.Elapsed.TotalSeconds:F0} pages/s, {allocated / 1024:F0} KiB allocated per page");
}

// Writers: a 1,000-page site made of the corpus pages at distinct URLs.
var pages = Enumerable.Range(0, 1000).Select(i =>
{
    var (_, bytes, url) = corpus[i % corpus.Count];
    return extractor.Extract(bytes, url) with { Url = new Uri($"https://bench.example/section-{i % 12}/page-{i}") };
}).ToList();
var input = new LlmsTxtInput { StartUrl = new Uri("https://bench.example/"), Pages = pages };
Measure("llms.txt for 1,000 pages", 0, () =>
{
    LlmsTxtWriter.Write(input);
    return 1;
}, unit: "files");
Measure("llms-full.txt for 1,000 pages", 0, () =>
{
    LlmsFullWriter.Write(input);
    return 1;
}, unit: "files");

void Measure(string name, long bytesPerRound, Func<int> round, string unit = "pages")
{
    for (var warm = Stopwatch.StartNew(); warm.Elapsed < TimeSpan.FromSeconds(1);)
    {
        round();
    }
    GC.Collect();
    var allocated = GC.GetAllocatedBytesForCurrentThread();
    var items = 0;
    var rounds = 0;
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var watch = Stopwatch.StartNew();
    var best = double.MaxValue;
    while (watch.Elapsed < TimeSpan.FromSeconds(seconds))
    {
        var before = watch.Elapsed;
        var done = round();
        best = Math.Min(best, (watch.Elapsed - before).TotalMilliseconds / done);
        items += done;
        rounds++;
    }
    watch.Stop();
    // CPU time and the best round are reported too: on a shared machine the wall clock also counts time spent
    // waiting for a core; the best round approximates the cost when the benchmark has a core to itself.
    var cpuPerItem = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / items;
    var perItem = watch.Elapsed.TotalMilliseconds / items;
    var bytes = (GC.GetAllocatedBytesForCurrentThread() - allocated) / (double)items;
    var throughput = bytesPerRound > 0 ? $", {bytesPerRound * rounds / watch.Elapsed.TotalSeconds / 1024 / 1024:F1} MiB/s of HTML" : "";
    Console.WriteLine($"{name}: {items / watch.Elapsed.TotalSeconds:F0} {unit}/s, {perItem:F3} ms per {unit.TrimEnd('s')} (best round {best:F3} ms, CPU {cpuPerItem:F3} ms), {bytes / 1024:F0} KiB allocated per {unit.TrimEnd('s')}{throughput}");
}
