using System.Collections.Concurrent;
using LlmsTxt.Core.Crawling;

namespace LlmsTxt.Core.Tests.Crawling;

/// <summary>Crawler settings for fixture sites on 127.0.0.1: private networks allowed, short retry delays.</summary>
internal static class CrawlKit
{
    public static CrawlOptions Options => new()
    {
        AllowPrivateNetworks = true,
        RetryBaseDelay = TimeSpan.FromMilliseconds(10),
        CheckMarkdownTwins = false,
    };

    public static async Task<(CrawlResult Result, List<CrawlEvent> Events)> CrawlAsync(Uri start, int maxPages = 50, CrawlOptions? options = null, CancellationToken cancellationToken = default)
    {
        using var crawler = new Crawler(options ?? Options);
        var events = new EventLog();
        var result = await crawler.RunAsync(new CrawlRequest(start, maxPages), events, cancellationToken);
        return (result, events.ToList());
    }

    public static List<string> Paths(CrawlResult result) => result.Pages.Select(p => p.Url.PathAndQuery).ToList();

    /// <summary>Collects events synchronously (Progress&lt;T&gt; would post them to the thread pool out of order).</summary>
    internal sealed class EventLog : IProgress<CrawlEvent>
    {
        private readonly ConcurrentQueue<CrawlEvent> _events = new();

        public void Report(CrawlEvent value) => _events.Enqueue(value);

        public List<CrawlEvent> ToList() => [.. _events];
    }
}
