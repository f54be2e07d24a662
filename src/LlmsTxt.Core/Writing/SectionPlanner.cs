using LlmsTxt.Core.Extraction;

namespace LlmsTxt.Core.Writing;

/// <summary>
/// Plans the file: which pages, under which sections, in which order, with which titles and notes. A pure
/// function of <see cref="LlmsTxtInput"/>: the same set of pages gives the same plan in any input order.
/// </summary>
public static class SectionPlanner
{
    public static SitePlan Plan(LlmsTxtInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(input.StartUrl);
        new ExtractionOptions { DescLength = input.DescLength }.Validate();
        var selection = PageSelector.Select(input);
        var siteName = SiteHeader.SiteName(input, selection.StartPage, selection.Pages);
        var order = SiteOrder.Build(selection.StartPage, input.SitemapOrder ?? []);
        var twins = Twins(input.MarkdownTwins);
        var oldVersions = SecondaryPages.OldVersions(selection.Pages.Select(c => c.Url));
        var startKey = UrlKey.Of(input.StartUrl);
        var startDirectory = StartDirectory(input.StartUrl);

        // A description on three or more pages is a site-wide default, not a page summary.
        var sharedDescriptions = selection.Pages.Select(c => TextTools.Clean(c.Page.Description)).Where(d => d.Length > 0)
            .GroupBy(d => d, StringComparer.Ordinal).Where(g => g.Count() >= 3).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        var main = new List<Entry>();
        var optional = new List<Entry>();
        var seenUrls = new HashSet<string>(StringComparer.Ordinal);
        foreach (var candidate in selection.Pages)
        {
            var isStart = candidate.Key == startKey || ReferenceEquals(candidate.Page, selection.StartPage);
            var title = EntryText.Title(candidate, siteName, isStart);
            var note = EntryText.Note(candidate.Page, title, input.DescLength,
                !isStart && sharedDescriptions.Contains(TextTools.Clean(candidate.Page.Description)));
            var link = twins.GetValueOrDefault(candidate.Key) ?? candidate.Url;
            if (!seenUrls.Add(MarkdownText.EscapeUrl(link)))
            {
                continue;
            }
            var (bucket, index) = isStart ? (-1, 0) : order.Rank(candidate);
            var segments = Segments(candidate.Url, startDirectory);
            var entry = new Entry(candidate, new PlannedPage(candidate.Page, link, title, note, candidate.Url), segments, isStart, bucket, index);
            (!isStart && SecondaryPages.IsSecondary(candidate.Url, segments, title, oldVersions) ? optional : main).Add(entry);
        }

        var groups = SectionGrouper.Group(main, order);
        var loneStart = groups.Count > 1 ? groups.FindIndex(g => g.Entries.Count == 1 && g.Entries[0].IsStart) : -1;
        var start = loneStart >= 0 ? groups[loneStart].Entries[0] : null;
        if (start is not null)
        {
            // A lone home page heads the first section instead of making a one-link section of its own.
            groups.RemoveAt(loneStart);
        }
        var sections = groups
            .Select(g => (Name: g.Name, Entries: Sorted(g.Entries)))
            .OrderBy(g => g.Entries.Any(e => e.IsStart) ? 0 : 1)
            .ThenBy(g => SectionNames.IsLate(g.Name) ? 1 : 0)
            .ThenBy(g => g.Entries.Where(e => !e.IsStart).Select(e => (e.Bucket, e.Index)).DefaultIfEmpty((SiteOrder.None, 0)).Min())
            .ThenBy(g => SectionNames.DefaultWeight(g.Name))
            .ThenBy(g => g.Name, StringComparer.Ordinal)
            .ToList();
        if (start is not null)
        {
            sections[0].Entries.Insert(0, start);
        }
        var planned = UniqueNames(sections.Select(s => s.Name))
            .Zip(sections, (name, s) => new PlannedSection(name, s.Entries.Select(e => e.Planned).ToList()))
            .ToList();
        if (optional.Count > 0)
        {
            planned.Add(new PlannedSection(LlmsTxtWriter.OptionalSection, Sorted(optional).Select(e => e.Planned).ToList()));
        }
        var host = UrlKey.SiteHost(input.StartUrl);
        var summary = SiteHeader.Summary(selection.StartPage, planned, siteName, host);
        return new SitePlan
        {
            SiteName = siteName,
            Summary = summary,
            About = SiteHeader.About(selection.StartPage, summary, planned, siteName, host),
            Sections = planned,
            LanguageDuplicatesDropped = selection.LanguageDuplicatesDropped,
            DuplicatesDropped = selection.DuplicatesDropped,
            NoIndexDropped = selection.NoIndexDropped,
        };
    }

    private static List<Entry> Sorted(IEnumerable<Entry> entries) =>
        entries.OrderBy(e => e.Bucket).ThenBy(e => e.Index).ThenBy(e => e.Segments.Length)
            .ThenBy(e => e.Candidate.Url.AbsoluteUri, StringComparer.Ordinal).ToList();

    private static List<string> UniqueNames(IEnumerable<string> names)
    {
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { LlmsTxtWriter.OptionalSection };
        var result = new List<string>();
        foreach (var raw in names)
        {
            var name = raw.Length == 0 ? "Pages" : raw;
            var unique = name;
            for (var n = 2; !used.Add(unique); n++)
            {
                unique = $"{name} ({n})";
            }
            result.Add(unique);
        }
        return result;
    }

    private static Dictionary<string, Uri> Twins(IReadOnlyDictionary<Uri, Uri>? twins)
    {
        var map = new Dictionary<string, Uri>(StringComparer.Ordinal);
        if (twins is null)
        {
            return map;
        }
        foreach (var (page, twin) in twins.Where(t => t.Key is not null && t.Value is not null && UrlKey.IsHttp(t.Value))
                     .OrderBy(t => t.Key.AbsoluteUri, StringComparer.Ordinal))
        {
            map.TryAdd(UrlKey.Of(page), twin);
        }
        return map;
    }

    /// <summary>The folder of the start URL: "/docs/" for "/docs", "/docs/" and "/docs/index.html".</summary>
    private static string StartDirectory(Uri startUrl)
    {
        var path = startUrl.AbsolutePath;
        if (path.EndsWith('/'))
        {
            return path;
        }
        var last = path[(path.LastIndexOf('/') + 1)..];
        return last.Contains('.', StringComparison.Ordinal) ? path[..(path.LastIndexOf('/') + 1)] : path + "/";
    }

    /// <summary>Path segments below the start folder (all segments for pages outside it), extension of the last dropped.</summary>
    private static string[] Segments(Uri url, string startDirectory)
    {
        var path = url.AbsolutePath;
        var relative = path.StartsWith(startDirectory, StringComparison.OrdinalIgnoreCase) ? path[startDirectory.Length..] : path;
        var segments = relative.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length > 0)
        {
            var last = SecondaryPages.StripExtension(segments[^1]);
            if (last.Equals("index", StringComparison.OrdinalIgnoreCase))
            {
                return segments[..^1];
            }
            segments[^1] = last;
        }
        return segments;
    }
}
