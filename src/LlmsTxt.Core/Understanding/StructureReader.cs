using System.Text.RegularExpressions;
using AngleSharp.Dom;
using LlmsTxt.Core.Extraction;

namespace LlmsTxt.Core.Understanding;

/// <summary>
/// Reads a page's structure signals in one walk of its DOM: every nested list of links (ul/ol/dl, with group labels
/// from the heading or caption before a list or from label-only items inside it), breadcrumb trails, rel links and
/// the signals of utility pages. Generic HTML only: no rule names a site or a tool.
/// </summary>
internal sealed partial class StructureReader
{
    /// <summary>A list needs this many links to be navigation rather than a sentence's worth of references.</summary>
    private const int MinTreeLinks = 2;

    private readonly UrlResolver _resolver;
    private readonly Uri _pageUrl;
    private readonly IElement _contentRoot;
    private readonly List<NavTree> _trees = [];
    private readonly List<NavNode> _bodyLinks = [];
    private readonly List<Uri> _breadcrumbs = [];
    private readonly Dictionary<string, Uri> _relations = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _letterLinks = new(StringComparer.Ordinal);
    private readonly List<Uri> _letterPages = [];
    private readonly HashSet<IElement> _letterBars = [];

    /// <summary>A letter bar's links are letters, symbols or a word for them ("Symbols"): short.</summary>
    private const int MaxLetterLinkLength = 8;
    private long _mainLinkChars;
    private long _mainChars;
    private long _preChars;
    private bool _searchFormInMain;
    private string _title = "";
    private string? _firstHeading;

    private StructureReader(UrlResolver resolver, Uri pageUrl, IElement contentRoot)
    {
        _resolver = resolver;
        _pageUrl = pageUrl;
        _contentRoot = contentRoot;
    }

    public static PageStructure Read(IDocument document, IElement contentRoot, UrlResolver resolver, Uri pageUrl, string? html)
    {
        var reader = new StructureReader(resolver, pageUrl, contentRoot) { _title = TextTools.Clean(document.Title) };
        if (document.Head is { } head)
        {
            foreach (var link in head.Children.Where(c => c.LocalName == "link"))
            {
                reader.AddRelation(link);
            }
        }
        if (((INode?)document.Body ?? document.DocumentElement) is { } root)
        {
            reader.Walk(root, 0, inMain: root == contentRoot, inPre: false);
        }
        if (reader._breadcrumbs.Count == 0 && html is not null && html.Contains("BreadcrumbList", StringComparison.Ordinal))
        {
            reader.ReadJsonLdBreadcrumbs(html);
        }
        return new PageStructure
        {
            Trees = reader._trees,
            BodyLinks = reader._bodyLinks,
            Breadcrumbs = reader._breadcrumbs,
            Relations = reader._relations,
            UtilityReason = reader.UtilityReason(),
            IndexLetterPages = reader.IsLetterIndex() ? reader._letterPages.Distinct().ToList() : [],
            MostlyLinks = reader._mainChars > 0 && Limits.IsMostOf(reader._mainLinkChars, reader._mainChars),
            ChildrenSummary = reader.ChildrenSummary(),
        };
    }

    private void Walk(INode node, int depth, bool inMain, bool inPre)
    {
        string? pendingLabel = null;
        var children = node.ChildNodes;
        for (var index = 0; index < children.Length; index++)
        {
            var child = children[index];
            if (child is IText text)
            {
                if (inMain)
                {
                    var length = text.Data.AsSpan().Trim().Length;
                    _mainChars += length;
                    _preChars += inPre ? length : 0;
                }
                continue;
            }
            if (child is not IElement element || depth > ContentRules.MaxDepth)
            {
                continue;
            }
            var name = element.LocalName;
            if (name is "script" or "style" or "template" or "svg" or "noscript")
            {
                continue;
            }
            var main = inMain || element == _contentRoot;
            if (main && name == "input" && IsSearchInput(element))
            {
                _searchFormInMain = true;
            }
            if (name == "a")
            {
                AddAnchor(element, main);
                continue;
            }
            if (name == "h1" && _firstHeading is null)
            {
                _firstHeading = Dom.Text(element);
            }
            if (IsBreadcrumb(element))
            {
                AddBreadcrumbs(element);
                continue;
            }
            if (name is "ul" or "ol" or "dl")
            {
                var roots = ReadList(element, 0);
                var count = CountLinks(roots);
                if (count >= MinTreeLinks)
                {
                    IReadOnlyList<NavNode> placed = pendingLabel is null ? roots : [new NavNode(null, pendingLabel, roots)];
                    _trees.Add(new NavTree(placed, main, count));
                    CountText(element, main);
                    continue;
                }
            }
            else if (LabelOf(element) is { } label)
            {
                pendingLabel = Words.GenericLabels.Contains(label) ? null : label;
            }
            Walk(element, depth + 1, main, inPre || name == "pre");
        }
    }

    /// <summary>A heading, or a caption-like element without links, labels the list that follows it.</summary>
    private static string? LabelOf(IElement element)
    {
        var name = element.LocalName;
        var isLabel = (ContentRules.IsHeading(name) && name != "h1")
            || (name is "p" or "span" or "div" or "strong" or "label" or "caption"
                && (string.Equals(element.GetAttribute("role"), "heading", StringComparison.OrdinalIgnoreCase)
                    || ContentRules.HasTokenPart(element.GetAttribute("class"), Words.CaptionParts))
                && Dom.FindDescendant(element, "a", "ul", "ol") is null);
        if (!isLabel)
        {
            return null;
        }
        var text = Dom.Text(element).TrimEnd(':', '¶').Trim();
        return text.Length is > 0 and <= Limits.MaxLabelLength ? text : null;
    }

    /// <summary>A list of links in the main content: its text is link text.</summary>
    private void CountText(IElement element, bool main)
    {
        if (main)
        {
            var length = Dom.TextLength(element);
            _mainChars += length;
            _mainLinkChars += length;
        }
    }

    private void AddAnchor(IElement anchor, bool main)
    {
        var text = Dom.Text(anchor);
        var url = text.Length == 1 || main ? _resolver.Resolve(anchor.GetAttribute("href")) : null;
        if (text.Length == 1 || (text.Length <= MaxLetterLinkLength && text.All(c => !char.IsLetterOrDigit(c))))
        {
            // "A", "B", "_", "Symbols": a letter bar is what makes a page an alphabetical index.
            _letterLinks.Add(text.ToUpperInvariant());
            if (text.Length == 1 && char.IsLetter(text[0]) && url is not null && !IsSelf(url) && anchor.ParentElement is { } bar && _letterBars.Add(bar))
            {
                // A letter leading to another page: the bar's short links ("Symbols", "_", "A" …) lead to the index's parts.
                foreach (var part in bar.QuerySelectorAll("a[href]"))
                {
                    if (Dom.Text(part).Length <= MaxLetterLinkLength && _resolver.Resolve(part.GetAttribute("href")) is { } target && !IsSelf(target))
                    {
                        _letterPages.Add(target);
                    }
                }
            }
        }
        if (main)
        {
            _mainChars += text.Length;
            _mainLinkChars += text.Length;
        }
        if (anchor.GetAttribute("rel") is { } rel)
        {
            AddRelations(rel, anchor.GetAttribute("href"));
        }
        if (main && url is not null && !IsSelf(url))
        {
            _bodyLinks.Add(new NavNode(url, text, []));
        }
    }

    private void AddRelation(IElement link)
    {
        if (link.GetAttribute("rel") is not { } rel)
        {
            return;
        }
        AddRelations(rel, link.GetAttribute("href"));
        // rel=alternate media=print names this page's print version: the same text again, a utility page.
        if (rel.Contains("alternate", StringComparison.OrdinalIgnoreCase)
            && (link.GetAttribute("media") ?? "").Contains("print", StringComparison.OrdinalIgnoreCase)
            && _resolver.Resolve(link.GetAttribute("href")) is { } url && !IsSelf(url))
        {
            _relations.TryAdd("print", url);
        }
    }

    private void AddRelations(string rel, string? href)
    {
        foreach (var token in rel.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (Words.Relations.Contains(token) && _resolver.Resolve(href) is { } url)
            {
                _relations.TryAdd(token.Equals("previous", StringComparison.OrdinalIgnoreCase) ? "prev" : token.ToLowerInvariant(), url);
            }
        }
    }

    private bool IsSelf(Uri url) => url.AbsolutePath == _pageUrl.AbsolutePath && url.Query == _pageUrl.Query && url.Host == _pageUrl.Host;

    private static int CountLinks(IReadOnlyList<NavNode> nodes) => nodes.Sum(n => (n.Url is null ? 0 : 1) + CountLinks(n.Children));

    private string? UtilityReason()
    {
        // A bar of ten or more one-letter links (A | B | C …) heads an alphabetical index, not a page of prose.
        if (IsLetterIndex())
        {
            return "an alphabetical index (a bar of letter links)";
        }
        // A search box in the main content with little text around it: the site's search page, not a page to read.
        if (_searchFormInMain && _mainChars < MaxUtilityPageChars)
        {
            return "a search page (its main content is a search form)";
        }
        // "Page not found" over a sentence or two, served as a page: a soft 404 (a page about 404s has more to say).
        if (_mainChars < MaxUtilityPageChars && (Words.NotFoundTitle().IsMatch(_title) || Words.NotFoundTitle().IsMatch(_firstHeading ?? "")))
        {
            return "a \"not found\" page served as a page (a soft 404)";
        }
        // Most of the main text in a <pre>: a source listing, not documentation prose.
        if (_mainChars >= 200 && _preChars * 10 >= _mainChars * 8)
        {
            return "a code listing (most of its text is one preformatted block)";
        }
        return null;
    }

    /// <summary>Rule: a bar of ten or more one-letter links (A | B | C …) heads an alphabetical index.</summary>
    private bool IsLetterIndex() => _letterLinks.Count(l => l.Length == 1 && char.IsLetter(l[0])) >= 10;

    /// <summary>Rule: a search or error page says a sentence or two; a page with more text is a page to read.</summary>
    private const int MaxUtilityPageChars = 600;

    /// <summary>An input for search terms: type=search, or a text input named like one (q, query, search, s).</summary>
    private static bool IsSearchInput(IElement input)
    {
        var type = (input.GetAttribute("type") ?? "text").Trim().ToLowerInvariant();
        var inputName = (input.GetAttribute("name") ?? "").Trim().ToLowerInvariant();
        return type == "search" || (type == "text" && Words.SearchInputNames.Contains(inputName));
    }

    /// <summary>The top-level labels of the first table of contents in the body, without numbering.</summary>
    private string ChildrenSummary()
    {
        var tree = _trees.FirstOrDefault(t => t.InMainContent);
        if (tree is null)
        {
            return "";
        }
        var labels = tree.Roots.SelectMany(r => r.Url is null ? r.Children : [r])
            .Select(n => Words.WithoutNumbering(n.Label)).Where(l => l.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (labels.Count < 2)
        {
            return "";
        }
        return Limits.NameList(labels) + ".";
    }
}
