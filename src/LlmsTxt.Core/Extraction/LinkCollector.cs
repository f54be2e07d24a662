using System.Text;
using AngleSharp.Dom;

namespace LlmsTxt.Core.Extraction;

/// <summary>
/// Every http(s) link of the page in document order, absolute and without fragment. Links inside navigation
/// (nav, sidebars, tables of contents, menus, the site header) are marked and get the label of the group they
/// sit under: the last heading seen in that navigation block, else the outermost parent list item. Links in the
/// page body get the same kind of group from body headings and lists (a home page that is a table of contents).
/// </summary>
internal sealed class LinkCollector(UrlResolver resolver)
{
    private static readonly HashSet<string> NavParts = Understanding.Words.NavigationParts;

    private static readonly HashSet<string> NavRoles = new(StringComparer.Ordinal)
    {
        "navigation", "menu", "menubar", "tree", "directory",
    };

    private static readonly HashSet<string> GroupTitleParts = Understanding.Words.CaptionParts;

    private readonly List<PageLink> _links = [];
    // Keyed by the URL's text: Uri equality ignores fragments, and hash routes (#/guide) are distinct pages.
    private readonly Dictionary<(string, bool), int> _seen = [];
    private readonly List<IElement> _listItems = [];
    private string? _navHeading;
    private string? _contentHeading;
    private int _navDepth;
    private int _navListBase;

    /// <summary>
    /// Distinct links kept per page. Real pages, even huge indexes, have a few thousand (Python's contents page:
    /// 13,962 anchors to about 500 pages); a page with 100,000 links is a generated trap, and every kept link costs
    /// a parsed URL and a frontier entry. The anchors beyond are counted, not kept.
    /// </summary>
    public const int MaxLinks = 10_000;

    private int _dropped;

    public static IReadOnlyList<PageLink> Collect(IDocument document, UrlResolver resolver) => Collect(document, resolver, out _);

    /// <summary>The page's links (at most <see cref="MaxLinks"/>); <paramref name="dropped"/> counts the anchors beyond.</summary>
    public static IReadOnlyList<PageLink> Collect(IDocument document, UrlResolver resolver, out int dropped)
    {
        var collector = new LinkCollector(resolver);
        var root = (INode?)document.Body ?? document.DocumentElement;
        if (root is not null)
        {
            collector.Walk(root, 0, inMainContent: false);
        }
        dropped = collector._dropped;
        return collector._links;
    }

    private void Walk(INode node, int depth, bool inMainContent)
    {
        var children = node.ChildNodes;
        // Indexing, not NextSibling: AngleSharp finds a sibling by searching the parent's list (quadratic).
        for (var index = 0; index < children.Length; index++)
        {
            var child = children[index];
            if (child is not IElement element || depth > ContentRules.MaxDepth)
            {
                continue;
            }
            var name = element.LocalName;
            if (name is "script" or "style" or "template" or "svg" or "noscript")
            {
                continue;
            }
            if (name == "a")
            {
                AddLink(element);
                continue;
            }
            var main = inMainContent || name is "main" or "article";
            var entersNav = _navDepth == 0 && IsNavigation(element, main);
            if (entersNav)
            {
                _navHeading = null;
                _navListBase = _listItems.Count;
                _navDepth++;
            }
            else if (_navDepth > 0)
            {
                _navDepth++;
                // An h1 in a header or sidebar is the site's or page's title, not a group.
                if ((ContentRules.IsHeading(name) && name != "h1") || IsGroupTitle(element))
                {
                    _navHeading = HeadingText(element) ?? _navHeading;
                }
            }
            else if (name == "footer")
            {
                _contentHeading = null;
            }
            else if (ContentRules.IsHeading(name) && name != "h1")
            {
                // Outside navigation, a table of contents in the page body groups its links under headings.
                _contentHeading = HeadingText(element) ?? _contentHeading;
            }
            var isListItem = name == "li";
            if (isListItem)
            {
                _listItems.Add(element);
            }
            Walk(element, depth + 1, main);
            if (isListItem)
            {
                _listItems.RemoveAt(_listItems.Count - 1);
            }
            if (_navDepth > 0)
            {
                _navDepth--;
            }
        }
    }

    private static string? HeadingText(IElement element)
    {
        var heading = Dom.Text(element).TrimEnd(':').Trim();
        return heading.Length is > 0 and <= 80 ? heading : null;
    }

    private static bool IsNavigation(IElement element, bool inMainContent)
    {
        var name = element.LocalName;
        if (name is "nav" or "aside" || (name == "header" && !inMainContent))
        {
            return true;
        }
        if (element.Attributes.Length == 0)
        {
            return false;
        }
        var role = element.GetAttribute("role");
        if (role is not null && NavRoles.Contains(role.Trim().ToLowerInvariant()))
        {
            return true;
        }
        return name is "div" or "ul" or "ol" or "section" or "menu"
            && (ContentRules.HasTokenPart(element.GetAttribute("class"), NavParts)
                || ContentRules.HasTokenPart(element.GetAttribute("id"), NavParts));
    }

    private static bool IsGroupTitle(IElement element) =>
        element.LocalName is "p" or "span" or "div" or "strong" or "label"
        && element.Attributes.Length > 0
        && (string.Equals(element.GetAttribute("role"), "heading", StringComparison.OrdinalIgnoreCase)
            || ContentRules.HasTokenPart(element.GetAttribute("class"), GroupTitleParts))
        && Dom.FindDescendant(element, "a") is null;

    private void AddLink(IElement anchor)
    {
        if (_links.Count >= MaxLinks)
        {
            _dropped++;
            return;
        }
        var url = resolver.Resolve(anchor.GetAttribute("href"));
        if (url is null)
        {
            return;
        }
        var inNav = _navDepth > 0;
        if (_seen.TryGetValue((url.AbsoluteUri, inNav), out var index))
        {
            // A repeat keeps the first position, but may bring the group the first lacked (the top bar's "Docs"
            // link has none; the same page in the sidebar sits under "Getting started").
            if (_links[index].NavGroup is null && GroupOf(anchor, _links[index].Text, inNav) is { } group)
            {
                _links[index] = _links[index] with { NavGroup = group };
            }
            return;
        }
        var text = LinkText(anchor);
        _seen[(url.AbsoluteUri, inNav)] = _links.Count;
        _links.Add(new PageLink(url, text, inNav, GroupOf(anchor, text, inNav)));
    }

    private string? GroupOf(IElement anchor, string text, bool inNav)
    {
        var heading = inNav ? _navHeading : _contentHeading;
        if (heading is not null)
        {
            return heading;
        }
        // Outermost list item that the link is not the label of: its label names the group.
        for (var i = inNav ? _navListBase : 0; i < _listItems.Count; i++)
        {
            if (!IsLabelOf(_listItems[i], anchor))
            {
                return ItemLabel(_listItems[i]);
            }
        }
        // The link labels a list item that holds a sub-list: it heads its own group.
        if (inNav && _listItems.Count > _navListBase && Dom.FindDescendant(_listItems[^1], "ul", "ol") is not null && text.Length > 0)
        {
            return text;
        }
        return null;
    }

    /// <summary>True when the anchor is (inside) the first non-list child of the item, i.e. the item's label.</summary>
    private static bool IsLabelOf(IElement item, IElement anchor)
    {
        var label = FirstLabelElement(item);
        return label is not null && (label == anchor || label.Contains(anchor));
    }

    private static IElement? FirstLabelElement(IElement item)
    {
        foreach (var child in item.Children)
        {
            if (child.LocalName is not ("ul" or "ol"))
            {
                return child;
            }
        }
        return null;
    }

    private static string? ItemLabel(IElement item)
    {
        var sb = new StringBuilder();
        var children = item.ChildNodes;
        // Indexing, not NextSibling: AngleSharp finds a sibling by searching the parent's list (quadratic).
        for (var index = 0; index < children.Length; index++)
        {
            var child = children[index];
            if (child is IText text)
            {
                TextTools.AppendCollapsed(sb, text.Data, sb.Length > 0);
            }
            else if (child is IElement element)
            {
                if (element.LocalName is "ul" or "ol")
                {
                    break;
                }
                TextTools.AppendCollapsed(sb, Dom.Text(element), sb.Length > 0);
                if (sb.ToString().Trim().Length > 0)
                {
                    break;
                }
            }
        }
        var label = TextTools.Clean(sb.ToString());
        return label.Length is > 0 and <= 80 ? label : null;
    }

    private static string LinkText(IElement anchor)
    {
        var text = Dom.Text(anchor);
        if (text.Length == 0)
        {
            text = TextTools.Clean(anchor.GetAttribute("aria-label") ?? anchor.GetAttribute("title")
                ?? Dom.FindDescendant(anchor, "img")?.GetAttribute("alt"));
        }
        return text.Length > 300 ? TextTools.Cut(text, 300) : text;
    }

    /// <summary>Absolute http(s) URL without fragment, or null for anything else (mailto:, javascript:, junk).</summary>
    public static Uri? Resolve(Uri baseUrl, string? href)
    {
        if (string.IsNullOrWhiteSpace(href))
        {
            return null;
        }
        var cleaned = href.Trim();
        if (cleaned.AsSpan().IndexOfAny('\t', '\n', '\r') >= 0)
        {
            cleaned = cleaned.Replace("\t", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal)
                .Replace("\r", "", StringComparison.Ordinal);
        }
        if (cleaned.Length == 0 || (cleaned[0] == '#' && !HashRoute.IsRoute(cleaned)) || cleaned.Length > 4096)
        {
            return null;
        }
        if (!Uri.TryCreate(baseUrl, cleaned, out var url)
            || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)
            || url.Host.Length == 0)
        {
            return null;
        }
        if ((url.Fragment.Length > 0 && !HashRoute.IsRoute(url.Fragment)) || cleaned.EndsWith('#'))
        {
            var withoutFragment = url.GetComponents(UriComponents.HttpRequestUrl, UriFormat.UriEscaped);
            return Uri.TryCreate(withoutFragment, UriKind.Absolute, out var clean) ? clean : null;
        }
        return url;
    }
}
