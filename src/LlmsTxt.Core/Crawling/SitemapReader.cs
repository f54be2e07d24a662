using System.Globalization;
using System.IO.Compression;
using System.Xml;
using Microsoft.Extensions.Logging;

namespace LlmsTxt.Core.Crawling;

/// <summary>One page URL listed by a sitemap, with its <c>lastmod</c>.</summary>
public sealed record SitemapEntry(Uri Url, DateTimeOffset? LastModified);

/// <summary>One sitemap document that was read, with the newest <c>lastmod</c> it holds (of pages or child sitemaps).</summary>
public sealed record SitemapDocument(Uri Url, DateTimeOffset? NewestLastModified);

/// <summary>Everything the sitemaps of a site said, in the order they said it.</summary>
public sealed record SitemapSet(IReadOnlyList<SitemapEntry> Entries, IReadOnlyList<SitemapDocument> Documents)
{
    public static SitemapSet Empty { get; } = new([], []);
}

/// <summary>
/// Reads sitemaps and sitemap indexes (nested at most <see cref="CrawlOptions.MaxSitemapDepth"/> deep),
/// plain or gzip (by magic bytes, whatever the headers say). XML is read as a stream with DTDs prohibited
/// and no resolver (no entity expansion, no external fetches), and the decompressed bytes are capped while
/// they are read, so a billion-laughs file or a gzip bomb is rejected quickly with little memory.
/// </summary>
public sealed class SitemapReader(PageFetcher fetcher, CrawlOptions options, ILogger logger)
{
    /// <summary>
    /// Reads <paramref name="roots"/> in order, depth-first through indexes. Page URLs pass through
    /// <paramref name="accept"/> (normalisation and scope filters; null drops the URL) and at most
    /// <paramref name="maxEntries"/> are kept; child
    /// sitemaps are never filtered by it. Every document is still scanned for the newest <c>lastmod</c>.
    /// </summary>
    public async Task<SitemapSet> ReadAsync(IReadOnlyList<Uri> roots, Func<Uri, Uri?> accept, int maxEntries, bool quietIfMissing, Action<CrawlEvent>? report, CancellationToken cancellationToken = default)
    {
        var state = new State(accept, maxEntries);
        foreach (var root in roots)
        {
            await ReadDocumentAsync(root, 0, state, quietIfMissing, report, cancellationToken).ConfigureAwait(false);
        }
        return new SitemapSet(state.Entries, state.Documents);
    }

    private async Task ReadDocumentAsync(Uri url, int depth, State state, bool quietIfMissing, Action<CrawlEvent>? report, CancellationToken cancellationToken)
    {
        if (state.Documents.Count >= options.MaxSitemapDocuments || !state.Seen.Add(url.AbsoluteUri))
        {
            return;
        }
        var document = new Document();
        try
        {
            var fetch = new FetchRequest(url, options.MaxSitemapBytes)
            {
                HopCheck = (u, _) => ValueTask.FromResult(AnyWebUrl(u)),
                ConsumeBody = (stream, _) => ParseAsync(stream, document),
                Report = report,
            };
            var result = await fetcher.FetchAsync(fetch, cancellationToken).ConfigureAwait(false);
            if (!result.IsSuccess)
            {
                var why = result.Error ?? $"HTTP {result.Status}";
                if (!(quietIfMissing && result.Status == 404))
                {
                    report?.Invoke(new SitemapFailedEvent(url, why));
                }
                logger.LogInformation("Sitemap {Url} not read: {Why}", url, why);
                return;
            }
        }
        catch (Exception ex) when (ex is XmlException or InvalidDataException or SizeLimitExceededException or NotASitemapException)
        {
            var why = ex switch
            {
                SizeLimitExceededException => $"too large ({ex.Message}, the limit)",
                NotASitemapException => ex.Message,
                InvalidDataException => "not a sitemap (broken gzip data)",
                XmlException xml => $"not a sitemap (malformed XML at line {xml.LineNumber})",
                _ => "not a sitemap",
            };
            report?.Invoke(new SitemapFailedEvent(url, why));
            logger.LogWarning("Sitemap {Url} rejected: {Why}", url, why);
            return;
        }
        if (document.Truncated)
        {
            report?.Invoke(new LimitReachedEvent($"Sitemap {url} lists more than {options.MaxSitemapUrls} URLs; the rest is ignored"));
        }
        report?.Invoke(new SitemapFoundEvent(url, document.Urls.Count, document.Children.Count));
        state.Documents.Add(new SitemapDocument(url, document.Newest));
        foreach (var (loc, lastmod) in document.Urls)
        {
            if (state.Entries.Count < state.MaxEntries && Uri.TryCreate(url, loc, out var raw) && state.Accept(raw) is { } page && state.SeenPages.Add(page.AbsoluteUri))
            {
                state.Entries.Add(new SitemapEntry(page, lastmod));
            }
        }
        foreach (var (loc, _) in document.Children)
        {
            if (depth + 1 > options.MaxSitemapDepth)
            {
                report?.Invoke(new SitemapFailedEvent(url, $"sitemap indexes nested deeper than {options.MaxSitemapDepth} levels are not followed"));
                break;
            }
            if (Uri.TryCreate(url, loc, out var child) && AnyWebUrl(child).Allowed)
            {
                await ReadDocumentAsync(child, depth + 1, state, false, report, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static CrawlDecision AnyWebUrl(Uri url) =>
        url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps
            ? CrawlDecision.Allow
            : CrawlDecision.Skip(SkipReason.BadUrl, "only http and https sitemaps are read");

    private async Task ParseAsync(Stream body, Document document)
    {
        document.Reset();
        var head = new byte[2];
        var got = await body.ReadAtLeastAsync(head, 2, throwOnEndOfStream: false).ConfigureAwait(false);
        Stream stream = new PrefixedStream(head.AsMemory(0, got), body);
        if (got == 2 && head[0] == 0x1f && head[1] == 0x8b)
        {
            stream = new CappedStream(new GZipStream(stream, CompressionMode.Decompress), options.MaxSitemapBytes);
        }
        // A soft 404 (an HTML page where the sitemap should be) or a DTD is named as such, before the XML reader
        // gets to phrase it.
        var sniff = new byte[SitemapSniff.Bytes];
        var sniffed = await stream.ReadAtLeastAsync(sniff, sniff.Length, throwOnEndOfStream: false).ConfigureAwait(false);
        if (SitemapSniff.NotASitemap(sniff.AsSpan(0, sniffed)) is { } why)
        {
            throw new NotASitemapException(why);
        }
        stream = new PrefixedStream(sniff.AsMemory(0, sniffed), stream);
        var settings = new XmlReaderSettings
        {
            Async = true,
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreWhitespace = true,
            IgnoreProcessingInstructions = true,
            MaxCharactersInDocument = options.MaxSitemapBytes,
            CloseInput = true,
        };
        using var reader = XmlReader.Create(stream, settings);
        string? loc = null;
        DateTimeOffset? lastmod = null;
        var advance = true;
        while (!advance || await reader.ReadAsync().ConfigureAwait(false))
        {
            // After ReadElementContent the reader already stands on the next node.
            advance = true;
            if (reader.NodeType == XmlNodeType.Element)
            {
                if (reader.Depth == 0 && reader.LocalName is not ("urlset" or "sitemapindex"))
                {
                    throw new NotASitemapException($"not a sitemap (the XML document is <{reader.LocalName}>, not <urlset> or <sitemapindex>)");
                }
                switch (reader.LocalName)
                {
                    case "url" or "sitemap":
                        (loc, lastmod) = (null, null);
                        break;
                    case "loc":
                        loc = (await reader.ReadElementContentAsStringAsync().ConfigureAwait(false)).Trim();
                        advance = false;
                        continue;
                    case "lastmod":
                        lastmod = ParseDate(await reader.ReadElementContentAsStringAsync().ConfigureAwait(false));
                        advance = false;
                        continue;
                }
            }
            else if (reader.NodeType == XmlNodeType.EndElement && reader.LocalName is "url" or "sitemap" && !string.IsNullOrEmpty(loc))
            {
                var target = reader.LocalName == "url" ? document.Urls : document.Children;
                if (target.Count >= options.MaxSitemapUrls)
                {
                    document.Truncated = true;
                    return;
                }
                target.Add((loc, lastmod));
                if (lastmod is { } date && (document.Newest is null || date > document.Newest))
                {
                    document.Newest = date;
                }
            }
        }
    }

    private static DateTimeOffset? ParseDate(string text) =>
        DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? date.ToUniversalTime() : null;

    private sealed class Document
    {
        public List<(string Loc, DateTimeOffset? LastMod)> Urls { get; } = [];
        public List<(string Loc, DateTimeOffset? LastMod)> Children { get; } = [];
        public DateTimeOffset? Newest { get; set; }
        public bool Truncated { get; set; }

        public void Reset()
        {
            Urls.Clear();
            Children.Clear();
            Newest = null;
            Truncated = false;
        }
    }

    private sealed class State(Func<Uri, Uri?> accept, int maxEntries)
    {
        public Func<Uri, Uri?> Accept { get; } = accept;
        public int MaxEntries { get; } = maxEntries;
        public List<SitemapEntry> Entries { get; } = [];
        public List<SitemapDocument> Documents { get; } = [];
        public HashSet<string> Seen { get; } = new(StringComparer.Ordinal);
        public HashSet<string> SeenPages { get; } = new(StringComparer.Ordinal);
    }
}
