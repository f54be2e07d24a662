using AngleSharp.Dom;

namespace LlmsTxt.Core.Extraction;

/// <summary>The page's meta tags by lower-case name, property or http-equiv; the first occurrence wins.</summary>
internal sealed class MetaTags
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public static MetaTags Read(IDocument document)
    {
        var tags = new MetaTags();
        foreach (var meta in document.QuerySelectorAll("meta[content]"))
        {
            var key = meta.GetAttribute("property") ?? meta.GetAttribute("name") ?? meta.GetAttribute("http-equiv");
            if (string.IsNullOrWhiteSpace(key) || key.Length > 64)
            {
                continue;
            }
            tags._values.TryAdd(key.Trim().ToLowerInvariant(), meta.GetAttribute("content") ?? "");
        }
        return tags;
    }

    public string? Get(string key) =>
        _values.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;
}
