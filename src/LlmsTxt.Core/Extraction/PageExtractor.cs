using AngleSharp.Html.Parser;

namespace LlmsTxt.Core.Extraction;

// TEMPORARY stand-in with the signature of issue3's PageExtractor; removed when issue3 is merged.
public sealed class PageExtractor(ExtractionOptions? options = null)
{
    public ExtractionOptions Options { get; } = options ?? new ExtractionOptions();

    public Page Extract(ReadOnlySpan<byte> content, Uri pageUrl, string? headerCharset = null)
    {
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        var encoding = System.Text.Encoding.UTF8;
        if (headerCharset is not null)
        {
            try { encoding = System.Text.Encoding.GetEncoding(headerCharset); } catch (ArgumentException) { }
        }
        return Extract(encoding.GetString(content), pageUrl);
    }

    public Page Extract(string html, Uri pageUrl)
    {
        var document = new HtmlParser().ParseDocument(html);
        var links = new List<PageLink>();
        foreach (var a in document.QuerySelectorAll("a[href]"))
        {
            if (Uri.TryCreate(pageUrl, a.GetAttribute("href"), out var url))
            {
                links.Add(new PageLink(url, a.TextContent.Trim(), a.Closest("nav") is not null, null));
            }
        }
        var robots = document.QuerySelector("meta[name=robots]")?.GetAttribute("content") ?? "";
        var canonical = document.QuerySelector("link[rel=canonical]")?.GetAttribute("href");
        var text = document.Body?.TextContent ?? "";
        return new Page
        {
            Url = pageUrl,
            Title = document.Title ?? "",
            CanonicalUrl = canonical is not null && Uri.TryCreate(pageUrl, canonical, out var c) ? c : null,
            NoIndex = robots.Contains("noindex", StringComparison.OrdinalIgnoreCase),
            NoFollow = robots.Contains("nofollow", StringComparison.OrdinalIgnoreCase),
            Links = links,
            WordCount = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length,
            Excerpt = text.Length > 200 ? text[..200] : text,
        };
    }
}

public sealed record ExtractionOptions
{
    public int DescLength { get; init; } = 500;
    public bool ConvertMarkdown { get; init; } = true;
}
