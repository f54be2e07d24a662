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

    /// <summary>
    /// The absolute URL of a link as a reader follows it: like <see cref="Resolve"/> but keeping the fragment
    /// (<c>stdtypes.html#dict</c> points at one definition, not the top of a long page); a fragment-only href
    /// points into this page.
    /// </summary>
    public Uri? ResolveKeepingFragment(string? href)
    {
        var hash = href?.IndexOf('#', StringComparison.Ordinal) ?? -1;
        if (href is null || hash < 0)
        {
            return Resolve(href);
        }
        var target = hash == 0 || href.AsSpan(0, hash).IsWhiteSpace() ? Resolve(baseUrl.GetLeftPart(UriPartial.Query)) : Resolve(href[..hash]);
        var fragment = href[(hash + 1)..].Trim();
        if (target is null || fragment.Length == 0 || fragment.Length > 512)
        {
            return target;
        }
        return Uri.TryCreate(target.AbsoluteUri + "#" + fragment, UriKind.Absolute, out var withFragment) ? withFragment : target;
    }
}
