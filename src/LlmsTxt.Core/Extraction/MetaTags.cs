using AngleSharp.Dom;

namespace LlmsTxt.Core.Extraction;

/// <summary>
/// What the head says: meta tags by lower-case name, property or http-equiv (first occurrence wins), the canonical
/// link, the base URL and hreflang alternates. Read in one pass over the head (the whole document only when the
/// head is empty, as in pages whose markup put everything in the body).
/// </summary>
internal sealed class MetaTags
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public string? CanonicalHref { get; private set; }
    public string? BaseHref { get; private set; }
    /// <summary>The text of the head's &lt;title&gt;, whitespace-cleaned; null when the head has none.</summary>
    public string? Title { get; private set; }
    public List<(string Language, string Href)> Alternates { get; } = [];

    public static MetaTags Read(IDocument document)
    {
        var tags = new MetaTags();
        var head = document.Head;
        IEnumerable<IElement> elements = head is not null && head.ChildElementCount > 0
            ? head.Children
            : document.QuerySelectorAll("meta, link, base");
        foreach (var element in elements)
        {
            switch (element.LocalName)
            {
                case "meta":
                    tags.AddMeta(element);
                    break;
                case "link":
                    tags.AddLink(element);
                    break;
                case "title":
                    tags.Title ??= Dom.Text(element);
                    break;
                case "base":
                    tags.BaseHref ??= element.GetAttribute("href");
                    break;
            }
        }
        return tags;
    }

    private void AddMeta(IElement meta)
    {
        var content = meta.GetAttribute("content");
        var key = meta.GetAttribute("property") ?? meta.GetAttribute("name") ?? meta.GetAttribute("http-equiv");
        if (content is null || string.IsNullOrWhiteSpace(key) || key.Length > 64)
        {
            return;
        }
        _values.TryAdd(key.Trim().ToLowerInvariant(), content);
    }

    private void AddLink(IElement link)
    {
        var href = link.GetAttribute("href");
        var rel = link.GetAttribute("rel");
        if (href is null || rel is null)
        {
            return;
        }
        foreach (var token in rel.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (token.Equals("canonical", StringComparison.OrdinalIgnoreCase))
            {
                CanonicalHref ??= href;
            }
            else if (token.Equals("alternate", StringComparison.OrdinalIgnoreCase) && link.GetAttribute("hreflang") is { } language)
            {
                Alternates.Add((language, href));
            }
        }
    }

    public string? Get(string key) =>
        _values.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;
}
