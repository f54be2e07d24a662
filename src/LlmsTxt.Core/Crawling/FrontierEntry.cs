namespace LlmsTxt.Core.Crawling;

internal enum EntryState
{
    Pending,
    InFlight,
    Done,
    Skipped,
    Dropped,
    /// <summary>Held back by the URL-trap rule; comes back if a better path to it turns up.</summary>
    Parked,
}

/// <summary>A link a page offers the frontier: its identity, URL, outline level and, for a step link, the template family it breeds.</summary>
internal sealed record FoundLink(string Identity, Uri Url, int Level = 0, string? Family = null);

/// <summary>One URL the crawl knows about, its priority and, once fetched, its outcome.</summary>
internal sealed class FrontierEntry(string identity, Uri url, CrawlPriority priority, DateTimeOffset? lastModified)
{
    public string Identity { get; } = identity;
    public Uri Url { get; } = url;
    public CrawlPriority Priority { get; set; } = priority;
    public DateTimeOffset? LastModified { get; set; } = lastModified;
    public EntryState State { get; set; }
    public List<(int Slot, string? Family, FrontierEntry Entry)> Children { get; } = [];
    public PageOutcome? Outcome { get; set; }
    public int Depth => Priority.Depth;

    /// <summary>The page whose link gave this entry its priority (null for the start page and sitemap URLs).</summary>
    public FrontierEntry? Parent { get; set; }

    /// <summary>The template family when that link was a step of a URL trap's shape (see <see cref="UrlTemplates"/>).</summary>
    public string? Family { get; set; }

    /// <summary><see cref="TemplateBudget"/>'s cached answer for this entry, valid while its version holds.</summary>
    public (int Version, string? Family) Trap { get; set; } = (-1, null);
}
