namespace LlmsTxt.Core.Extraction;

/// <summary>
/// Resolves the hrefs of one page against its base URL, remembering each answer: the link list and the Markdown
/// see the same hrefs, and building a <see cref="Uri"/> is one of the dearer steps of extraction.
/// </summary>
internal sealed class UrlResolver(Uri baseUrl)
{
    private readonly Dictionary<string, Uri?> _cache = new(StringComparer.Ordinal);

    public Uri BaseUrl => baseUrl;

    public Uri? Resolve(string? href)
    {
        if (href is null)
        {
            return null;
        }
        if (!_cache.TryGetValue(href, out var url))
        {
            url = LinkCollector.Resolve(baseUrl, href);
            _cache[href] = url;
        }
        return url;
    }
}
