using System.Text.RegularExpressions;

namespace LlmsTxt.Core.Understanding;

/// <summary>
/// Every word list the content rules use, in one place, each with the reason it exists. Structure is read from
/// markup (lists, headings, rel links, ARIA roles, element names); words are the fallback where markup is silent.
/// No entry names one site. <c>tools/rule-count.py</c> counts these lists and the thresholds.
/// </summary>
internal static partial class Words
{
    // ── Where the main content is ──────────────────────────────────────────────────────────────────────────

    /// <summary>
    /// Ids of the main content when a page has no &lt;main&gt;, [role=main] or single &lt;article&gt;: the ids
    /// templates give that element. Tried in this order, best first.
    /// </summary>
    public static readonly string[] MainContentIds = ["main-content", "content", "main"];

    /// <summary>Classes of the main content in blog engines and Markdown renderers (GitHub's markdown-body).</summary>
    public static readonly string[] MainContentClasses = ["main-content", "markdown-body", "post-content", "entry-content"];

    // ── What a block is (class and id words; whole tokens unless said otherwise) ────────────────────────────

    /// <summary>Class/id tokens of navigation blocks: read as structure, never as a page's text.</summary>
    public static readonly HashSet<string> NavigationTokens = new(StringComparer.Ordinal)
    {
        "breadcrumb", "breadcrumbs", "toc", "table-of-contents", "sidebar", "pagination",
    };

    /// <summary>
    /// Parts of class/id names ("doc-sidebar", "side_nav") of blocks whose links are the site's navigation: their
    /// links are marked as navigation and get the label of their group (the site's own order for folder sections).
    /// </summary>
    public static readonly HashSet<string> NavigationParts = new(StringComparer.Ordinal)
    {
        "nav", "navbar", "navigation", "sidebar", "sidenav", "side-nav", "menu", "menubar", "toc", "table-of-contents",
        "navmenu", "subnav", "topnav", "doc-sidebar", "docs-sidebar", "tree",
    };

    /// <summary>Parts of class names of breadcrumb trails (when no aria-label or schema.org type says so).</summary>
    public static readonly HashSet<string> BreadcrumbParts = new(StringComparer.Ordinal) { "breadcrumb", "breadcrumbs" };

    /// <summary>
    /// Page furniture: hidden screen-reader text, skip links, heading anchors (¶), edit and copy buttons. Their text
    /// glued into a description reads "Installation ¶ Edit on GitHub Copy".
    /// </summary>
    public static readonly HashSet<string> ChromeTokens = new(StringComparer.Ordinal)
    {
        "sr-only", "visually-hidden", "visuallyhidden", "screen-reader-text", "skip-link", "skiplink", "edit-page",
        "headerlink", "anchor", "anchor-link", "hash-link", "heading-anchor", "anchorjs-link", "copy-button", "clipboard",
    };

    /// <summary>Only for a page without a main element (the whole body is read): its header and menus are chrome.</summary>
    public static readonly HashSet<string> BodyChromeTokens = new(StringComparer.Ordinal)
    {
        "header", "footer", "site-header", "site-footer", "navbar", "nav", "menu", "navigation", "masthead",
    };

    /// <summary>Site-wide extras (cookie banners, share buttons, bylines, tag lists): the same on every page, never what one page is about.</summary>
    public static readonly HashSet<string> BoilerplateTokens = new(StringComparer.Ordinal)
    {
        "cookie", "cookies", "cookie-banner", "newsletter", "share", "sharing", "social", "advert", "ads", "related-posts",
        "comments", "meta", "entry-meta", "post-meta", "byline", "sharedaddy", "share-buttons", "entry-footer", "post-footer",
        "cat-links", "tags-links", "copyright",
    };

    /// <summary>
    /// Parts of class names of version notices and history tables ("versionadded", "stability"): content, but never
    /// what the page is about, so they are not its description.
    /// </summary>
    public static readonly HashSet<string> VersionNoticeParts = new(StringComparer.Ordinal)
    {
        "changelog", "stability", "metadata", "versionadded", "versionchanged", "deprecated",
    };

    /// <summary>The same notices by their opening words, for generators that mark them with no class.</summary>
    [GeneratedRegex(@"^(stability:\s*\d|added in:?\s*v?\d|history$|deprecated (since|in)\b|new in version\b|changed in version\b|version added\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex VersionNotice();

    /// <summary>
    /// Parts of class names of elements that caption a list of links ("caption", "nav__title", "menu-label",
    /// "sidebar-heading"): the caption names the group of pages the list holds.
    /// </summary>
    public static readonly HashSet<string> CaptionParts = new(StringComparer.Ordinal)
    {
        "caption", "heading", "title", "label", "section-title", "group-title", "category",
    };

    /// <summary>Copyright lines are site boilerplate, never what a page is about.</summary>
    public static bool IsCopyright(string text) =>
        text.Contains('©', StringComparison.Ordinal) || text.StartsWith("copyright", StringComparison.OrdinalIgnoreCase)
        || text.Contains("all rights reserved", StringComparison.OrdinalIgnoreCase);

    // ── The site's structure ───────────────────────────────────────────────────────────────────────────────

    /// <summary>rel values that place a page in the site's structure (the HTML standard's link types).</summary>
    public static readonly HashSet<string> Relations = new(StringComparer.OrdinalIgnoreCase)
    {
        "up", "prev", "previous", "next", "contents", "toc", "index", "search", "start", "first", "home",
    };

    /// <summary>rel values naming the site's complete table of contents (the standard's "contents" and the older "toc").</summary>
    public static readonly string[] ContentsRelations = ["contents", "toc"];

    /// <summary>
    /// Links naming a utility page, and what their target is: the site's search page and general index (rel=search,
    /// rel=index), and a page's print version (rel=alternate media=print, read as "print"). Never main sections.
    /// </summary>
    public static readonly (string Rel, string Target)[] UtilityRelations =
    [
        ("search", "the site's search page"), ("index", "the site's general index"), ("print", "a print version of another page"),
    ];

    /// <summary>
    /// A title or top heading saying the page is an error: "404", "Page not found", "That page can't be found". Served
    /// with status 200 (a soft 404) it would be listed as a page; with little text under it, it is not one.
    /// </summary>
    [GeneratedRegex(@"^\W*(?:error\s*)?(?:404\b|(?:page|file|document|resource)?\s*not\s+found\b)|\b(?:page|file|document)\s+(?:not\s+found|does\s*n[o'’]t\s+exist|(?:can[o'’]?t|cannot|could\s*n[o'’]t)\s+be\s+found)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex NotFoundTitle();

    /// <summary>
    /// The texts of sequence links in bars without rel attributes (DocBook's "Prev Up Home Next" bar): a bar of only
    /// these is navigation that repeats on every page.
    /// </summary>
    public static readonly HashSet<string> RelationLinkTexts = new(StringComparer.OrdinalIgnoreCase)
    {
        "prev", "previous", "next", "up", "home", "top", "previouspage", "nextpage", "fastback", "fastforward",
    };

    /// <summary>
    /// Headings that title a navigation block rather than name a group of pages ("Table of Contents" above a
    /// chapter's TOC): used as a group label they would become a section called "Contents".
    /// </summary>
    public static readonly HashSet<string> GenericLabels = new(StringComparer.OrdinalIgnoreCase)
    {
        "table of contents", "contents", "on this page", "in this article", "navigation", "menu", "toc", "sections",
        "this page", "pages", "site navigation", "main navigation", "documentation", "docs",
    };

    /// <summary>
    /// Top-level outline groups that are back matter by convention (appendices, release notes, legal): they go
    /// under Optional by their place in the outline, whatever words their pages' titles hold.
    /// </summary>
    public static readonly HashSet<string> BackMatter = new(StringComparer.OrdinalIgnoreCase)
    {
        "appendix", "appendixes", "appendices", "release notes", "changelog", "change log", "history", "legal",
        "license", "licence", "history and license", "copyright", "about", "about these documents", "bibliography",
        "index", "credits", "acknowledgements", "acknowledgments", "colophon",
    };

    /// <summary>
    /// The numbering documentation generators put before titles: "Part II.", "Chapter 5.", "Appendix A.", "1.2.",
    /// "IV.", "A." — part of the label's position, not of its name.
    /// </summary>
    [GeneratedRegex(@"^(?:(?:part|chapter|appendix|section|book)\s+)?(?:\d+(?:\.\d+)*\.?|[IVXLCDM]+\.|[A-Z]\.)\s+(?=\S)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Numbering();

    /// <summary>"Part II. The SQL Language" → "The SQL Language"; "1.1. Installation" → "Installation".</summary>
    public static string WithoutNumbering(string label)
    {
        var match = Numbering().Match(label);
        return match.Success && match.Length < label.Length ? label[match.Length..].Trim() : label;
    }

    /// <summary>Names of a text input for search terms when its type is plain "text" (q, query, search, s).</summary>
    public static readonly HashSet<string> SearchInputNames = new(StringComparer.OrdinalIgnoreCase) { "q", "query", "search", "s" };

    // ── Titles and names ───────────────────────────────────────────────────────────────────────────────────

    /// <summary>Separators between a page's title and the site's name ("Install | Acme", "Acme — Install").</summary>
    public static readonly string[] TitleSeparators = [" | ", " - ", " — ", " – ", " · ", " • ", " :: ", " » ", " / ", ": "];

    /// <summary>Titles that say nothing about the page: template defaults, app shells, home in several languages, errors.</summary>
    public static readonly HashSet<string> GenericTitles = new(StringComparer.OrdinalIgnoreCase)
    {
        "home", "homepage", "home page", "index", "index.html", "untitled", "untitled document", "welcome", "default",
        "document", "page", "main", "start", "loading", "loading...", "loading…", "react app", "vite app", "app",
        "new tab", "main page", "front page", "startseite", "accueil", "inicio", "home - home", "404", "error",
    };

    /// <summary>
    /// Second-level labels of public suffixes (co.uk, com.au): the site's own label is the one before them. A short
    /// list instead of the public suffix list: it only has to find the brand in a host.
    /// </summary>
    public static readonly HashSet<string> SecondLevelSuffixes = new(StringComparer.Ordinal) { "co", "com", "org", "net", "ac", "gov", "edu" };

    /// <summary>Acronyms and brand spellings a URL slug loses ("api" → "API", "grpc" → "gRPC") when a title is made from it.</summary>
    public static readonly Dictionary<string, string> Acronyms = new(StringComparer.OrdinalIgnoreCase)
    {
        ["api"] = "API", ["apis"] = "APIs", ["sdk"] = "SDK", ["sdks"] = "SDKs", ["cli"] = "CLI", ["faq"] = "FAQ",
        ["faqs"] = "FAQs", ["ui"] = "UI", ["ux"] = "UX", ["http"] = "HTTP", ["https"] = "HTTPS", ["rest"] = "REST",
        ["graphql"] = "GraphQL", ["json"] = "JSON", ["xml"] = "XML", ["html"] = "HTML", ["css"] = "CSS",
        ["js"] = "JS", ["ai"] = "AI", ["ml"] = "ML", ["llm"] = "LLM", ["llms"] = "LLMs", ["sql"] = "SQL",
        ["url"] = "URL", ["urls"] = "URLs", ["id"] = "ID", ["ids"] = "IDs", ["oauth"] = "OAuth", ["sso"] = "SSO",
        ["saml"] = "SAML", ["jwt"] = "JWT", ["aws"] = "AWS", ["gcp"] = "GCP", ["ios"] = "iOS", ["macos"] = "macOS",
        ["devops"] = "DevOps", ["ci"] = "CI", ["cd"] = "CD", ["cdn"] = "CDN", ["dns"] = "DNS", ["ssl"] = "SSL",
        ["tls"] = "TLS", ["ssh"] = "SSH", ["seo"] = "SEO", ["rss"] = "RSS", ["pdf"] = "PDF", ["gdpr"] = "GDPR",
        ["tos"] = "ToS", ["rpc"] = "RPC", ["grpc"] = "gRPC", ["iot"] = "IoT", ["vm"] = "VM", ["vms"] = "VMs",
        ["os"] = "OS", ["db"] = "DB", ["k8s"] = "K8s", ["npm"] = "npm", ["csv"] = "CSV", ["yaml"] = "YAML",
        ["webhooks"] = "Webhooks", ["dotnet"] = ".NET", ["php"] = "PHP", ["qa"] = "QA", ["mcp"] = "MCP",
    };

    /// <summary>
    /// ISO 639-1 codes (and "fil") that start a language path prefix (/es/, /fr-fr/): a site with such prefixes
    /// lists the start page's language only. Codes that are also common folder names are not a risk: the prefix
    /// must appear on two or more languages' pages, or match the page's lang attribute.
    /// </summary>
    public static readonly HashSet<string> LanguageCodes = new(StringComparer.Ordinal)
    {
        "af", "am", "ar", "az", "be", "bg", "bn", "bs", "ca", "cs", "cy", "da", "de", "el", "en", "eo", "es", "et",
        "eu", "fa", "fi", "fil", "fr", "ga", "gl", "gu", "he", "hi", "hr", "hu", "hy", "id", "is", "it", "ja", "ka",
        "kk", "km", "kn", "ko", "ky", "lo", "lt", "lv", "mk", "ml", "mn", "mr", "ms", "mt", "my", "nb", "ne", "nl",
        "nn", "no", "pa", "pl", "pt", "ro", "ru", "si", "sk", "sl", "sq", "sr", "sv", "sw", "ta", "te", "th", "tl",
        "tr", "uk", "ur", "uz", "vi", "zh", "zu",
    };

    // ── Pages no outline reaches: URL words (the outline decides for every page it places) ───────────────

    /// <summary>
    /// Path segments of secondary pages wherever they appear (legal, company, changelog, archive, taxonomy
    /// listings): for pages the site's outline does not place, the URL is the only sign they are back matter.
    /// </summary>
    public static readonly HashSet<string> SecondarySegments = new(StringComparer.OrdinalIgnoreCase)
    {
        "legal", "privacy", "privacy-policy", "terms", "terms-of-service", "terms-of-use", "tos", "terms-and-conditions",
        "cookies", "cookie-policy", "imprint", "impressum", "disclaimer", "dmca", "gdpr", "careers", "career",
        "changelog", "changelogs", "change-log", "release-notes", "archive", "archives", "legacy", "deprecated",
        "about", "about-us", "contact", "contact-us", "press", "newsroom", "media-kit", "tag", "tags", "category",
        "categories", "author", "authors", "page",
    };

    /// <summary>Secondary only as the first path segment: deeper, these words are often real content (/api/jobs).</summary>
    public static readonly HashSet<string> SecondaryFirstSegments = new(StringComparer.OrdinalIgnoreCase)
    {
        "jobs", "job", "hiring", "join-us", "team", "our-team", "people", "leadership", "company", "brand",
        "brand-assets", "investors", "partners", "social", "community", "sponsors", "donate", "releases", "whats-new",
        "sitemap", "search", "status", "thanks", "thank-you", "404", "testimonials", "license", "licence",
        "licensing", "trademark", "trademarks", "compliance", "accessibility", "security-policy", "acceptable-use",
        "cookie", "support-us",
    };

    /// <summary>
    /// Secondary only as a first-segment folder (/events/berlin-2025, /events/): a single page named so is often
    /// documentation (an "Events" API page).
    /// </summary>
    public static readonly HashSet<string> SecondaryFirstFolders = new(StringComparer.OrdinalIgnoreCase) { "events" };

    /// <summary>
    /// Titles of top-level secondary pages the URL doesn't name ("Contact us" at /x): only for pages outside the
    /// outline and at most one folder deep, where a word in a title is not a chapter's topic.
    /// </summary>
    [GeneratedRegex(@"\b(privacy|cookies?|terms (of|and)|terms$|imprint|impressum|legal|disclaimer|careers?|jobs|we.re hiring|about( us)?$|^about\b|our team|contact( us)?$|^contact\b|press( kit| releases?)?$|changelog|release notes|what.s new|archives?$|legacy|deprecated|accessibility statement|code of conduct|brand (assets|guidelines)|licen[cs]e|license agreement)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex SecondaryTitle();

    /// <summary>Folder names of dated streams (blog, news, podcasts): after the documentation when no outline orders them.</summary>
    public static readonly HashSet<string> LateSections = new(StringComparer.OrdinalIgnoreCase)
    {
        "blog", "news", "articles", "posts", "updates", "podcast", "podcasts", "webinars", "case studies",
        "customers", "stories", "videos", "press", "announcements", "newsletter",
    };
}
