using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using LlmsTxt.Core.Extraction;

namespace LlmsTxt.Core.Understanding;

/// <summary>Breadcrumb trails: in markup (aria-label, class, microdata/RDFa) and in JSON-LD BreadcrumbList.</summary>
internal sealed partial class StructureReader
{
    /// <summary>
    /// A trail by its aria-label, a class part, or its RDFa type (else its microdata type). One pass over the
    /// attributes: this runs for every element of the page.
    /// </summary>
    private static bool IsBreadcrumb(IElement element)
    {
        var attributes = element.Attributes;
        string? type = null, itemType = null;
        for (var i = 0; i < attributes.Length; i++)
        {
            if (attributes[i] is not { } attribute)
            {
                continue;
            }
            switch (attribute.Name)
            {
                case "aria-label" when attribute.Value.Contains("breadcrumb", StringComparison.OrdinalIgnoreCase):
                case "class" when ContentRules.HasTokenPart(attribute.Value, Words.BreadcrumbParts):
                    return true;
                case "typeof":
                    type = attribute.Value;
                    break;
                case "itemtype":
                    itemType = attribute.Value;
                    break;
            }
        }
        return (type ?? itemType ?? "").Contains("BreadcrumbList", StringComparison.Ordinal);
    }

    private void AddBreadcrumbs(IElement trail)
    {
        foreach (var anchor in trail.QuerySelectorAll("a[href]"))
        {
            if (_resolver.Resolve(anchor.GetAttribute("href")) is { } url && !IsSelf(url) && !_breadcrumbs.Contains(url))
            {
                _breadcrumbs.Add(url);
            }
        }
    }

    [GeneratedRegex(@"<script[^>]*application/ld\+json[^>]*>(.*?)</script>", RegexOptions.Singleline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex JsonLdScript();

    /// <summary>schema.org BreadcrumbList in JSON-LD: items by position, the page itself left out.</summary>
    private void ReadJsonLdBreadcrumbs(string html)
    {
        try
        {
            foreach (Match match in JsonLdScript().Matches(html))
            {
                using var json = JsonDocument.Parse(match.Groups[1].Value);
                foreach (var list in FindBreadcrumbLists(json.RootElement))
                {
                    var items = list.GetProperty("itemListElement").EnumerateArray()
                        .Select(i => (Position: i.TryGetProperty("position", out var p) && p.TryGetInt32(out var n) ? n : 0, Url: ItemUrl(i)))
                        .OrderBy(i => i.Position);
                    foreach (var (_, href) in items)
                    {
                        if (_resolver.Resolve(href) is { } url && !IsSelf(url) && !_breadcrumbs.Contains(url))
                        {
                            _breadcrumbs.Add(url);
                        }
                    }
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or RegexMatchTimeoutException or InvalidOperationException or KeyNotFoundException)
        {
            // Broken JSON-LD is common; the page's markup still speaks.
        }
    }

    private static IEnumerable<JsonElement> FindBreadcrumbLists(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            return element.EnumerateArray().SelectMany(FindBreadcrumbLists).ToList();
        }
        if (element.ValueKind != JsonValueKind.Object)
        {
            return [];
        }
        if (element.TryGetProperty("@type", out var type) && type.ValueKind == JsonValueKind.String
            && type.GetString() == "BreadcrumbList" && element.TryGetProperty("itemListElement", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            return [element];
        }
        return element.TryGetProperty("@graph", out var graph) ? FindBreadcrumbLists(graph) : [];
    }

    private static string? ItemUrl(JsonElement item)
    {
        if (!item.TryGetProperty("item", out var value))
        {
            return item.TryGetProperty("url", out var url) && url.ValueKind == JsonValueKind.String ? url.GetString() : null;
        }
        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString();
        }
        return value.ValueKind == JsonValueKind.Object && (value.TryGetProperty("@id", out var id) || value.TryGetProperty("url", out id))
            && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
    }
}
