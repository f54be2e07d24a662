using LlmsTxt.Core.Extraction;
using LlmsTxt.Core.Planning;
using LlmsTxt.Core.Urls;

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
        var startKey = UrlIdentity.Key(input.StartUrl);
        var startDirectory = StartDirectory(input.StartUrl);
        var outline = SiteOutline.Build(startKey, selection.StartPage, selection.Pages.ToDictionary(c => c.Key, c => c.Page, StringComparer.Ordinal));
        var utility = UtilityPages.Find(selection.Pages, selection.StartPage);
        var explanations = new List<PageExplanation>(selection.LeftOut);

        // A description on several pages is a site-wide default, not a page summary.
        var sharedDescriptions = selection.Pages.Select(c => TextTools.Clean(c.Page.Description)).Where(d => d.Length > 0)
            .GroupBy(d => d, StringComparer.Ordinal).Where(g => g.Count() >= Understanding.Limits.SiteWidePages).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        var entries = new List<Entry>();
        // By reference: each entry is made once below, and a record's own hash would read every field of its page.
        var sources = new Dictionary<Entry, string>(ReferenceEqualityComparer.Instance);
        var seenUrls = new HashSet<string>(StringComparer.Ordinal);
        var usedNotes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var candidate in PageBudget.Choose(selection.Pages, outline, startKey, selection.StartPage, utility, input.MaxPages, explanations))
        {
            var isStart = candidate.Key == startKey || ReferenceEquals(candidate.Page, selection.StartPage);
            var title = EntryText.Title(candidate, siteName, isStart);
            var note = EntryText.Note(candidate.Page, title, input.DescLength,
                !isStart && sharedDescriptions.Contains(TextTools.Clean(candidate.Page.Description)), isStart, out var source);
            if (note.Length > 0 && !usedNotes.Add(note.ToLowerInvariant()))
            {
                // Two pages opening with the same paragraph: the later one (in URL order) says more with its excerpt.
                note = EntryText.Note(candidate.Page, title, input.DescLength, sharedDescription: true, isStart, out source);
                if (!usedNotes.Add(note.ToLowerInvariant()))
                {
                    (note, source) = ("", "none (its text repeats another listed page's)");
                }
            }
            var link = twins.GetValueOrDefault(candidate.Key) ?? candidate.Url;
            if (!seenUrls.Add(MarkdownText.EscapeUrl(link)))
            {
                explanations.Add(new PageExplanation(candidate.Url, title, null, "", "", "another page already links " + link.AbsoluteUri));
                continue;
            }
            // The outline's depth-first order is the site's order; the start page's links and the sitemap rank the rest.
            var (bucket, index) = isStart ? (-1, 0)
                : outline.Find(candidate.Key) is { } node && node != outline.Root ? (SiteOrder.Navigation, node.Order) : order.Rank(candidate);
            var entry = new Entry(candidate, new PlannedPage(candidate.Page, link, title, note, candidate.Url), Segments(candidate.Url, startDirectory), isStart, bucket, index);
            entries.Add(entry);
            sources[entry] = source;
        }

        var start = entries.Find(e => e.IsStart);
        var (outlined, unplaced) = OutlineSections.Build(entries.Where(e => !e.IsStart).ToList(), outline);
        var main = new List<(string Name, List<Entry> Entries, string Rule)>();
        var optional = new List<(Entry Entry, string Rule)>();
        foreach (var section in outlined)
        {
            if (section.Optional)
            {
                optional.AddRange(section.Entries.Select(e => (e, section.Rule)));
            }
            else
            {
                main.Add((section.Name, section.Entries, section.Rule));
            }
        }
        // Pages no outline reaches keep URL-folder sections (and word-based Optional) after the outline's sections.
        var rest = new List<Entry>();
        foreach (var entry in unplaced)
        {
            if (SecondaryPages.IsSecondary(entry.Candidate.Url, entry.Segments, entry.Planned.Title, oldVersions))
            {
                optional.Add((entry, "not in the outline; its URL or title marks a secondary page"));
            }
            else
            {
                rest.Add(entry);
            }
        }
        var folderSections = FolderSections(rest, order, start is not null && main.Count == 0 ? start : null);
        main.AddRange(folderSections.Select(g => (g.Name, g.Entries, "not in the outline; grouped by URL folder or the start page's links")));
        if (start is not null)
        {
            if (main.Count == 0)
            {
                main.Add(("Overview", [], "the start page"));
            }
            if (!main[0].Entries.Contains(start))
            {
                main[0].Entries.Insert(0, start);
            }
        }
        var names = UniqueNames(main.Select(s => SectionNames.Sanitize(s.Name)));
        var planned = names.Zip(main, (name, s) => new PlannedSection(name, s.Entries.Select(e => e.Planned).ToList())).ToList();
        for (var i = 0; i < main.Count; i++)
        {
            explanations.AddRange(main[i].Entries.Select(e => Explain(e, names[i], e.IsStart ? "the start page heads the first section" : Placement(e, outline, main[i].Rule), sources)));
        }
        if (optional.Count > 0)
        {
            var ordered = optional.OrderBy(o => outline.Find(o.Entry.Candidate.Key)?.Order ?? int.MaxValue)
                .ThenBy(o => o.Entry.Bucket).ThenBy(o => o.Entry.Index).ThenBy(o => o.Entry.Candidate.Url.AbsoluteUri, StringComparer.Ordinal).ToList();
            planned.Add(new PlannedSection(LlmsTxtWriter.OptionalSection, ordered.Select(o => o.Entry.Planned).ToList()));
            explanations.AddRange(ordered.Select(o => Explain(o.Entry, LlmsTxtWriter.OptionalSection, Placement(o.Entry, outline, o.Rule), sources)));
        }
        var firstOutlinePage = entries.Where(e => !e.IsStart && outline.Find(e.Candidate.Key) is { } n && n != outline.Root)
            .MinBy(e => outline.Find(e.Candidate.Key)!.Order)?.Candidate.Page;
        var summary = SiteHeader.Summary(selection.StartPage, planned, siteName, firstOutlinePage);
        var host = UrlIdentity.SiteHost(input.StartUrl);
        return new SitePlan
        {
            SiteName = siteName,
            Summary = summary,
            About = SiteHeader.About(selection.StartPage, summary, planned, siteName),
            Sections = planned,
            LanguageDuplicatesDropped = selection.LanguageDuplicatesDropped,
            DuplicatesDropped = selection.DuplicatesDropped,
            NoIndexDropped = selection.NoIndexDropped,
            Explanations = explanations.OrderBy(e => e.Url.AbsoluteUri, StringComparer.Ordinal).ToList(),
        };
    }

    private static PageExplanation Explain(Entry entry, string section, string placement, Dictionary<Entry, string> sources) =>
        new(entry.Candidate.Url, entry.Planned.Title, section, placement, sources.GetValueOrDefault(entry, ""), null);

    /// <summary>"Tutorial › Getting Started, placed by the table of contents of …; section: outline group …".</summary>
    private static string Placement(Entry entry, SiteOutline outline, string sectionRule)
    {
        if (outline.Find(entry.Candidate.Key) is not { } node)
        {
            return sectionRule;
        }
        var path = string.Join(" › ", node.Ancestors().Reverse().Skip(1).Append(node).Select(OutlineSections.Name));
        return $"outline path {path} (placed by {node.Rule}); section: {sectionRule}";
    }

    /// <summary>The grouping for pages the outline does not reach: URL folders and the start page's navigation.</summary>
    private static List<(string Name, List<Entry> Entries)> FolderSections(List<Entry> rest, SiteOrder order, Entry? start)
    {
        var all = start is null ? rest : [start, .. rest];
        var groups = SectionGrouper.Group(all, order);
        var loneStart = groups.Count > 1 ? groups.FindIndex(g => g.Entries.Count == 1 && g.Entries[0].IsStart) : -1;
        if (loneStart >= 0)
        {
            // A lone home page heads the first section instead of making a one-link section of its own.
            groups.RemoveAt(loneStart);
        }
        return groups
            .Select(g => (Name: g.Name, Entries: Sorted(g.Entries)))
            .OrderBy(g => g.Entries.Any(e => e.IsStart) ? 0 : 1)
            .ThenBy(g => SectionNames.IsLate(g.Name) ? 1 : 0)
            .ThenBy(g => g.Entries.Where(e => !e.IsStart).Select(e => (e.Bucket, e.Index)).DefaultIfEmpty((SiteOrder.None, 0)).Min())
            .ThenBy(g => g.Name, StringComparer.Ordinal)
            .ToList();
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
        foreach (var (page, twin) in twins.Where(t => t.Key is not null && t.Value is not null && UrlIdentity.IsHttp(t.Value))
                     .OrderBy(t => t.Key.AbsoluteUri, StringComparer.Ordinal))
        {
            map.TryAdd(UrlIdentity.Key(page), twin);
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
