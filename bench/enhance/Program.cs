using System.Diagnostics;
using System.Globalization;
using System.Text;
using LlmsTxt.Core.Enhancement;
using LlmsTxt.Core.Generation;
using LlmsTxt.TestSites;

// bench/enhance: `dotnet run -c Release --project bench/enhance [-- pages [latencySeconds [concurrency...]]]`
// A generated 1,000-page site (≈30 KB pages) and the chat completions stand-in answering each request after 1 s,
// both on 127.0.0.1. Generates llms.txt without enhancement, then with it at each LLM concurrency (default 4 and 8),
// and prints requests, the largest request body, tokens, and the wall time enhancement added to the crawl.
var pages = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1000;
var latency = TimeSpan.FromSeconds(args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 1.0);
int[] concurrencies = args.Length > 2 ? [.. args[2..].Select(a => int.Parse(a, CultureInfo.InvariantCulture))] : [LlmEnhancerOptions.DefaultConcurrency, 8];

await using var site = await new GeneratedSite(pages).ServeAsync();
await using var standIn = await ChatCompletionsStandIn.StartAsync(ChatReply.Improve());
var request = new GenerationRequest { Url = site.BaseUri, MaxPages = pages, AllowPrivateNetworks = true };

// Warm-up (JIT, connection pools), not measured.
using (var warm = new LlmsTxtGenerator()) await warm.GenerateAsync(request with { MaxPages = 50 });

var clock = Stopwatch.StartNew();
GenerationResult plain;
using (var generator = new LlmsTxtGenerator()) plain = await generator.GenerateAsync(request);
var plainSeconds = clock.Elapsed.TotalSeconds;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Site: {pages} pages at {site.BaseUri}; stand-in answers after {latency.TotalSeconds:0.#} s; prompt budget {LlmEnhancerOptions.DefaultPromptBudget / 1024} KB"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Without enhancement: {plain.Stats.PagesListed} pages listed in {plainSeconds:0.00} s; the whole file is {Encoding.UTF8.GetByteCount(plain.LlmsTxt) / 1024.0:0.0} KB (what one whole-file request would have carried)"));
Console.WriteLine($"{"concurrency",11} {"requests",9} {"largest KB",11} {"prompt tok",11} {"compl. tok",11} {"improved",9} {"in flight",10} {"seconds",8} {"added s",8}");

standIn.Latency = latency;
foreach (var concurrency in concurrencies)
{
    var before = standIn.Calls.Count;
    using var enhancer = new LlmEnhancer(new LlmEnhancerOptions { Enabled = true, BaseUrl = standIn.BaseUrl, Model = "bench/stand-in", Concurrency = concurrency });
    using var generator = new LlmsTxtGenerator(enhancer: enhancer);
    clock.Restart();
    var enhanced = await generator.GenerateAsync(request with { LlmEnhance = true });
    var seconds = clock.Elapsed.TotalSeconds;
    var report = enhanced.Enhancement!;
    var calls = standIn.Calls.Skip(before).ToList();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{concurrency,11} {report.Usage.Requests,9} {report.Usage.LargestPromptBytes / 1024.0,11:0.0} {report.Usage.PromptTokens,11:N0} {report.Usage.CompletionTokens,11:N0} {report.DescriptionsImproved,9} {standIn.MaxInFlight,10} {seconds,8:0.00} {seconds - plainSeconds,8:0.00}"));
    if (calls.Any(c => c.ContentLength != c.BodyBytes || c.MaxTokens is null)) Console.WriteLine("  !! a request lacked Content-Length or max_tokens");
}
Console.WriteLine("'added s' is the enhanced generation's wall time minus the un-enhanced one's (same site, same process).");
return 0;
