using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using LlmsTxt.Core.Understanding;

namespace LlmsTxt.Core.Extraction;

/// <summary>
/// Turns one HTML page into a <see cref="Page"/> from a single AngleSharp parse: title, description, excerpt,
/// Markdown of the main content, language, canonical URL, hreflang alternates, robots meta, site name and links.
/// Thread-safe; never throws on bad HTML (a page that can't be read at all gives a page with only a URL title).
/// </summary>
public sealed partial class PageExtractor
{
    [ThreadStatic]
    private static HtmlParser? t_parser;

    private readonly ExtractionOptions _options;

    // Only the attributes extraction reads are kept: fewer objects per element (data-*, event handlers, srcset…).
    private static readonly HashSet<string> UsedAttributes = new(StringComparer.OrdinalIgnoreCase)
    {
        "href", "src", "data-src", "alt", "class", "id", "role", "hidden", "aria-hidden", "aria-label", "style", "lang",
        "xml:lang", "name", "property", "content", "http-equiv", "rel", "hreflang", "charset", "data-lang",
        "data-language", "start", "title", "typeof", "itemtype", "media",
    };

    private static bool KeepAttribute(ref AngleSharp.Html.Parser.Tokens.Struct.StructHtmlToken token, ReadOnlyMemory<char> name) =>
        UsedAttributes.GetAlternateLookup<ReadOnlySpan<char>>().Contains(name.Span);

    public PageExtractor(ExtractionOptions? options = null)
    {
        _options = options ?? new ExtractionOptions();
        _options.Validate();
    }

    public ExtractionOptions Options => _options;

    /// <summary>Extracts from raw bytes; the charset comes from the BOM, the HTTP header, a meta tag, else UTF-8/Windows-1252.</summary>
    public Page Extract(ReadOnlySpan<byte> content, Uri pageUrl, string? headerCharset = null) =>
        WithCut(Extract(Decode(content, headerCharset, out var cut, out var anchorsCut), pageUrl), cut, anchorsCut);

    /// <summary>The page as parsed from a <see cref="Decode"/>d cut: marked cut, with the anchors after the cut counted as dropped links.</summary>
    public static Page WithCut(Page page, bool cut, int anchorsCut)
    {
        ArgumentNullException.ThrowIfNull(page);
        return cut ? page with { ElementsCut = true, LinksDropped = page.LinksDropped + anchorsCut } : page;
    }

    /// <summary>Reads the stream to its end (the caller caps its size) and extracts from the bytes.</summary>
    public Page Extract(Stream content, Uri pageUrl, string? headerCharset = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var buffer = new MemoryStream();
        content.CopyTo(buffer);
        return Extract(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), pageUrl, headerCharset);
    }

    /// <summary>
    /// Decodes a page's bytes for <see cref="Extract(string, Uri)"/>, cut first where <see cref="PageCut"/> says so
    /// a cut page is never decoded whole; <paramref name="cut"/> says whether it was.
    /// </summary>
    public static string Decode(ReadOnlySpan<byte> content, string? headerCharset, out bool cut, out int anchorsCut)
    {
        var end = PageCut.End(content, out anchorsCut);
        cut = end < content.Length;
        return HtmlEncoding.Decode(content[..end], headerCharset);
    }

    /// <summary>Extracts from already decoded HTML.</summary>
    public Page Extract(string html, Uri pageUrl)
    {
        ArgumentNullException.ThrowIfNull(pageUrl);
        try
        {
            t_parser ??= new HtmlParser(new HtmlParserOptions
            {
                IsKeepingSourceReferences = false,
                SkipComments = true,
                SkipScriptText = true,
                DisableElementPositionTracking = true,
                ShouldEmitAttribute = KeepAttribute,
            });
            // Disposed: that returns AngleSharp's pooled source buffer (a copy of the whole page) for the next page.
            html ??= "";
            var end = PageCut.End(html, out var anchorsCut);
            var kept = end < html.Length ? html[..end] : html;
            using var document = t_parser.ParseDocument(NestingGuard.Limit(kept));
            return WithCut(FromDocument(document, pageUrl, kept), end < html.Length, anchorsCut);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Bad HTML must never stop a crawl: keep the URL with a readable title.
            return new Page { Url = pageUrl, Title = TitleCleaner.FromUrl(pageUrl) };
        }
    }

    private Page FromDocument(IHtmlDocument document, Uri pageUrl, string? html)
    {
        var meta = MetaTags.Read(document);
        var htmlTitle = meta.Title ?? TextTools.Clean(document.Title);
        var baseUrl = LinkCollector.Resolve(pageUrl, meta.BaseHref) ?? pageUrl;
        var resolver = new UrlResolver(baseUrl);
        var siteName = NullIfEmpty(TextTools.Clean(meta.Get("og:site_name") ?? meta.Get("application-name")));
        var (root, isBody) = ContentRules.FindRoot(document);
        var text = TextCollector.Collect(root, isBody, _options.DescLength * 4);
        var robots = (meta.Get("robots") ?? "").ToLowerInvariant();
        var title = ChooseTitle(document, root, meta, htmlTitle, siteName, pageUrl);
        var links = LinkCollector.Collect(document, resolver, out var linksDropped);
        var (description, descriptionSource) = Description(meta, text.Blocks);
        var (markdown, markdownShortened) = _options.ConvertMarkdown
            ? MarkdownConverter.ConvertPacked(root, resolver, isBody, _options.MaxMarkdownChars)
            : (CompactText.Empty, false);
        return new Page
        {
            Url = pageUrl,
            Title = title,
            HtmlTitle = htmlTitle,
            Description = description,
            DescriptionSource = descriptionSource,
            Excerpt = Excerpt(text.Blocks),
            PackedMarkdown = markdown,
            MarkdownShortened = markdownShortened,
            Language = Language(document, meta),
            CanonicalUrl = resolver.Resolve(meta.CanonicalHref),
            Alternates = Alternates(meta, resolver),
            NoIndex = robots.Contains("noindex", StringComparison.Ordinal) || robots.Contains("none", StringComparison.Ordinal),
            NoFollow = robots.Contains("nofollow", StringComparison.Ordinal) || robots.Contains("none", StringComparison.Ordinal),
            SiteName = siteName,
            Links = links,
            LinksDropped = linksDropped,
            WordCount = text.WordCount,
            Structure = StructureReader.Read(document, root, resolver, pageUrl, html),
        };
    }

    private static string ChooseTitle(IDocument document, IElement root, MetaTags meta, string htmlTitle, string? siteName, Uri pageUrl)
    {
        var host = pageUrl.Host;
        // The body is searched only outside the content root, which has just been searched.
        var h1Element = Dom.FindDescendant(root, "h1") ?? (document.Body is { } body ? Dom.FindDescendantOutside(body, root, "h1") : null);
        var h1 = h1Element is null ? "" : Dom.Text(h1Element);
        string[] candidates =
        [
            TitleCleaner.StripSiteName(htmlTitle, siteName, host),
            TitleCleaner.StripSiteName(meta.Get("og:title") ?? "", siteName, host),
            TitleCleaner.StripSiteName(meta.Get("twitter:title") ?? "", siteName, host),
            h1,
        ];
        foreach (var candidate in candidates)
        {
            if (!TitleCleaner.IsGeneric(candidate) && IsPlausibleTitle(candidate))
            {
                return candidate;
            }
        }
        foreach (var candidate in candidates)
        {
            if (candidate.Length > 0 && !candidate.Contains("</", StringComparison.Ordinal))
            {
                return TextTools.Cut(candidate, 300);
            }
        }
        return TitleCleaner.FromUrl(pageUrl);
    }

    /// <summary>Not empty, not absurdly long, and not markup swallowed by an unclosed &lt;title&gt;.</summary>
    private static bool IsPlausibleTitle(string title) =>
        title.Length is > 0 and <= 300 && !title.Contains("</", StringComparison.Ordinal)
        && !title.Contains("<meta", StringComparison.OrdinalIgnoreCase);

    private (string Text, string Source) Description(MetaTags meta, List<TextBlock> blocks)
    {
        foreach (var key in (string[])["description", "og:description", "twitter:description"])
        {
            var value = TextTools.Clean(meta.Get(key));
            if (value.Length > 0 && !Words.IsCopyright(value))
            {
                return (TextTools.Cut(value, _options.DescLength), "its " + key + " meta tag");
            }
        }
        // "Errors fall into four categories:" then a list: the lead-in describes the page, one list item does not.
        string? leadIn = null;
        foreach (var block in blocks)
        {
            if (!IsPageProse(block))
            {
                continue;
            }
            var text = block.Text;
            if (IsSentence(text))
            {
                var chosen = block.IsListItem && leadIn is not null ? leadIn[..^1].TrimEnd() + "." : WithoutLeadIn(text);
                return (TextTools.Cut(chosen, _options.DescLength), "its first paragraph of main content");
            }
            if (leadIn is null && !block.IsListItem && text.EndsWith(':') && IsSentence(text[..^1] + "."))
            {
                leadIn = text;
            }
        }
        // A page that is all asides (an FAQ of <details>) still has its first answer.
        foreach (var block in blocks)
        {
            if (block.Kind == BlockKind.Aside && IsSentence(block.Text) && !block.IsMostlyLinks && !Words.VersionNotice().IsMatch(block.Text))
            {
                return (TextTools.Cut(WithoutLeadIn(block.Text), _options.DescLength), "its first aside of main content");
            }
        }
        return ("", "");
    }

    private static bool IsSentence(string text) => text.Length >= Limits.MinParagraphChars && Limits.IsSentence(text);

    /// <summary>
    /// A paragraph that can say what the page is about: running text, not a history table cell, a stability or
    /// "Added in" notice, a caption, or a list of links.
    /// </summary>
    private static bool IsPageProse(TextBlock block) =>
        block.Kind == BlockKind.Text && !block.IsMostlyLinks && !Words.VersionNotice().IsMatch(block.Text)
        && !Words.IsCopyright(block.Text);

    /// <summary>
    /// "The os module provides utilities. It can be accessed using:" → its first sentence: a trailing lead-in to
    /// a code sample or list means nothing without what follows it.
    /// </summary>
    private static string WithoutLeadIn(string text)
    {
        if (!text.EndsWith(':'))
        {
            return text;
        }
        var end = text.LastIndexOf(". ", StringComparison.Ordinal);
        var kept = end > 0 ? text[..(end + 1)] : "";
        return IsSentence(kept) ? kept : text;
    }

    private string Excerpt(List<TextBlock> blocks)
    {
        var sb = new StringBuilder();
        foreach (var block in blocks)
        {
            if (!IsPageProse(block) || !IsProse(block.Text))
            {
                continue;
            }
            if (sb.Length > 0)
            {
                sb.Append(' ');
            }
            sb.Append(block.Text);
            if (sb.Length > _options.DescLength)
            {
                break;
            }
        }
        if (sb.Length == 0)
        {
            // No prose: short labels, cells and asides still say something, but link lists and version notes don't.
            foreach (var block in blocks)
            {
                if (block.Kind is not BlockKind.Code && !block.IsMostlyLinks && !Words.VersionNotice().IsMatch(block.Text))
                {
                    sb.Append(sb.Length > 0 ? " " : "").Append(block.Text);
                }
            }
        }
        return TextTools.Cut(TextTools.Clean(sb.ToString()), _options.DescLength);
    }

    /// <summary>Prose rather than a label ("On this page", "Edit", dates): four words or a full stop.</summary>
    private static bool IsProse(string text) =>
        TextTools.CountWords(text) >= 4 || (text.Length > 1 && text[^1] is '.' or '!' or '?' or '。');

    private static string? Language(IDocument document, MetaTags meta)
    {
        var raw = document.DocumentElement?.GetAttribute("lang")
            ?? document.DocumentElement?.GetAttribute("xml:lang")
            ?? meta.Get("content-language") ?? meta.Get("og:locale");
        return NormalizeLanguage(raw);
    }

    /// <summary>"en_US" → "en-us"; null for values that aren't language tags.</summary>
    public static string? NormalizeLanguage(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }
        var value = raw.Trim().Split(',')[0].Trim().Replace('_', '-').ToLowerInvariant();
        if (value.Length is 0 or > 35 || !value.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') || !char.IsAsciiLetter(value[0]))
        {
            return null;
        }
        return value;
    }

    private static List<HreflangAlternate> Alternates(MetaTags meta, UrlResolver resolver)
    {
        var alternates = new List<HreflangAlternate>();
        foreach (var (hreflang, href) in meta.Alternates)
        {
            var language = NormalizeLanguage(hreflang);
            var url = resolver.Resolve(href);
            if (language is not null && url is not null && !alternates.Exists(a => a.Language == language))
            {
                alternates.Add(new HreflangAlternate(language, url));
            }
        }
        return alternates;
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
