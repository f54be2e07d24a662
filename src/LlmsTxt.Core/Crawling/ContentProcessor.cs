using System.Runtime.CompilerServices;
using LlmsTxt.Core.Extraction;
using LlmsTxt.Core.Rendering;
using LlmsTxt.Core.Urls;
using Microsoft.Extensions.Logging;

namespace LlmsTxt.Core.Crawling;

/// <summary>What reading a fetched page gave: the page (rendered when that read better) and the links to follow.</summary>
internal sealed record PageContent(Page Page, bool Rendered, List<FoundLink> Links);

/// <summary>
/// Content processing for one crawl: a fetched body becomes one parsed page (rendered in the browser when its
/// static HTML says too little), its limits reported, its followable links with their outline levels and trap
/// families, and its de-duplication identity.
/// </summary>
internal sealed class ContentProcessor(CrawlOptions options, PageExtractor extractor, IRenderSession? renderSession, UrlNormalizer normalizer,
    CrawlSite site, CrawlTally tally, ILogger logger)
{
    private readonly CrawlOptions _options = options;
    private readonly PageExtractor _extractor = extractor;
    private readonly UrlNormalizer _normalizer = normalizer;
    private readonly CrawlSite _site = site;
    private readonly CrawlTally _tally = tally;
    private readonly ILogger _logger = logger;

    /// <summary>Reads the page in <paramref name="holder"/> (its body is dropped once decoded) found at <paramref name="final"/>.</summary>
    public async Task<PageContent> ReadAsync(StrongBox<FetchResult> holder, Uri final, bool isStart, CancellationToken cancellationToken)
    {
        var robotsTag = holder.Value!.RobotsTag;
        var page = ExtractReleasing(holder, final);
        var rendered = false;
        if (renderSession is not null && page.WordCount < _options.RenderWordThreshold)
        {
            (page, rendered) = await RenderAsync(page, final, cancellationToken).ConfigureAwait(false);
        }
        if (page.ElementsCut)
        {
            _tally.Report(new LimitReachedEvent($"{final}: page cut at {PageCut.MaxElements:N0} HTML elements, {PageCut.MaxAnchors:N0} links or {LinkCollector.MaxLinks:N0} linked pages (only the part before was read)"));
            _logger.LogInformation("{Url} has more than {Elements} elements or {Links} links; page cut there", final, PageCut.MaxElements, PageCut.MaxAnchors);
        }
        if (page.LinksDropped > 0)
        {
            _tally.Report(new LimitReachedEvent($"{final}: {page.LinksDropped:N0} more links counted beyond the first {page.Links.Count:N0} distinct links read (at most {LinkCollector.MaxLinks:N0} a page); they are not followed"));
            _logger.LogInformation("{Url} has {Dropped} links beyond the first {Kept}; not followed", final, page.LinksDropped, page.Links.Count);
        }
        var links = page.NoFollow || HasToken(robotsTag, "nofollow") ? [] : FollowableLinks(page, final, rendered);
        return new PageContent(page, rendered, WithOutlineLevels(page, links, isStart));
    }

    /// <summary>
    /// Decodes the body, drops the bytes, then parses: a page at the size cap is held as bytes, text and DOM
    /// one after another rather than all at once.
    /// </summary>
    private Page ExtractReleasing(StrongBox<FetchResult> holder, Uri final)
    {
        var html = PageExtractor.Decode(holder.Value!.Body.Span, holder.Value.Charset, out var cut, out var anchorsCut);
        holder.Value = holder.Value with { Body = default };
        return PageExtractor.WithCut(_extractor.Extract(html, final), cut, anchorsCut);
    }

    private async Task<(Page Page, bool Rendered)> RenderAsync(Page page, Uri url, CancellationToken cancellationToken)
    {
        try
        {
            var rendered = await renderSession!.RenderAsync(url, cancellationToken).ConfigureAwait(false);
            if (rendered is null)
            {
                return (page, false);
            }
            var renderedUrl = _normalizer.Normalize(rendered.FinalUrl) is { } r && _site.Scope.Contains(r) ? HashRoute.Carry(rendered.FinalUrl, r) : url;
            var better = _extractor.Extract(rendered.Html, renderedUrl);
            _tally.CountRendered();
            _tally.Report(new PageRenderedEvent(url, page.WordCount, better.WordCount));
            _logger.LogInformation("Rendered {Url}: {Before} words static, {After} rendered", url, page.WordCount, better.WordCount);
            return better.WordCount >= page.WordCount ? (better, true) : (page, false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.LogWarning(ex, "Rendering {Url} failed; keeping the static HTML", url);
            return (page, false);
        }
    }

    /// <summary>
    /// Page-budget rule: on a page with navigation trees (a TOC, a sidebar), a link is keyed as deep as it sits in
    /// those trees (a chapter's sections one level below its chapters), and prose links one level below the trees'
    /// top entries, so a limited budget reaches the site's outline breadth first rather than what prose mentions.
    /// Returns the links with their extra levels; unchanged when the page has no trees (every link counts the same).
    /// </summary>
    private List<FoundLink> WithOutlineLevels(Page page, List<FoundLink> links, bool isStart)
    {
        var depth = new Dictionary<string, int>(StringComparer.Ordinal);
        void Visit(IEnumerable<Understanding.NavNode> nodes, int level)
        {
            foreach (var node in nodes)
            {
                if (node.Url is not null && _normalizer.Normalize(node.Url) is { } url)
                {
                    var key = UrlIdentity.Key(url);
                    depth[key] = Math.Min(depth.GetValueOrDefault(key, int.MaxValue), level);
                }
                Visit(node.Children, node.Url is null ? level : level + 1);
            }
        }
        foreach (var tree in page.Structure.Trees)
        {
            Visit(tree.Roots, 0);
        }
        if (depth.Count == 0)
        {
            return links;
        }
        if (isStart)
        {
            Visit(page.Structure.BodyLinks, 0);
        }
        return links.Select(l => l with { Level = depth.TryGetValue(l.Identity, out var d) ? d : 1 }).ToList();
    }

    /// <param name="rendered">Links of a rendered page keep their hash routes (each route is a page of a single-page site).</param>
    private List<FoundLink> FollowableLinks(Page page, Uri pageUrl, bool rendered)
    {
        var links = new List<FoundLink>();
        var template = UrlTemplates.Of(pageUrl);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var link in page.Links)
        {
            if (_normalizer.Normalize(link.Url) is not { } clean)
            {
                continue;
            }
            var url = rendered ? HashRoute.Carry(link.Url, clean) : clean;
            var identity = UrlIdentity.Key(url);
            if (!seen.Add(identity))
            {
                continue;
            }
            if (!_site.Scope.Contains(url))
            {
                // Counted, not announced: every page links off-site and the log would drown.
                _tally.CountOutOfScope(identity);
                continue;
            }
            var decision = _normalizer.Check(url);
            if (!decision.Allowed)
            {
                _tally.SkipOnce(url, identity, decision.Reason, decision.Detail);
                continue;
            }
            // Step links of a trap's shape are offered with their family; the frontier decides, in priority order.
            links.Add(new FoundLink(identity, url, Family: UrlTemplates.StepFamily(pageUrl, template, url)));
        }
        return links;
    }

    /// <summary>
    /// The de-duplication identity: the in-site canonical URL when there is one, else the final URL. A
    /// canonical pointing at the home page from a deeper page is a common template mistake and is ignored
    /// (trusting it would collapse the whole site into one page).
    /// </summary>
    public string IdentityOf(Page page, Uri final)
    {
        if (HashRoute.Of(final).Length > 0)
        {
            // Every route shares the shell's canonical link; the route is what tells the pages apart.
            return UrlIdentity.Key(final);
        }
        if (page.CanonicalUrl is { } canonical && _normalizer.Normalize(canonical) is { } clean && _site.Scope.SameSite(clean)
            && !(clean.AbsolutePath == "/" && final.AbsolutePath != "/"))
        {
            return UrlIdentity.Key(clean);
        }
        return UrlIdentity.Key(final);
    }

    /// <summary>X-Robots-Tag: "noindex", "none", or "ourbot: noindex"; directives for other bots are ignored.</summary>
    public bool HasToken(string? header, string directive)
    {
        if (string.IsNullOrEmpty(header))
        {
            return false;
        }
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var value = part;
            var colon = part.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                var agent = part[..colon].Trim();
                if (!agent.Equals(_options.RobotsProductToken, StringComparison.OrdinalIgnoreCase) && agent != "*")
                {
                    continue;
                }
                value = part[(colon + 1)..].Trim();
            }
            if (value.Equals(directive, StringComparison.OrdinalIgnoreCase) || value.Equals("none", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }
}
