namespace LlmsTxt.Core.Crawling;

/// <summary>
/// The URL-trap rule, decided in frontier order rather than as responses arrive, so the file is the same on every
/// run: per template family (see <see cref="UrlTemplates"/>), only the first <c>maxPerFamily</c> entries reached by a
/// step link, by priority, are crawled; a later one is trapped, and so is everything found only through a trapped
/// page. An entry that a better path reaches (a menu, the sitemap) leaves the family and is crawled.
/// </summary>
internal sealed class TemplateBudget(int maxPerFamily)
{
    private readonly Dictionary<string, SortedSet<FrontierEntry>> _families = new(StringComparer.Ordinal);

    /// <summary>Bumped whenever a family or a path changes: the answers cached on entries are then stale.</summary>
    private int _version;

    public void Add(FrontierEntry entry)
    {
        _version++;
        if (entry.Family is { } family)
        {
            if (!_families.TryGetValue(family, out var set))
            {
                _families[family] = set = new SortedSet<FrontierEntry>(Frontier.ByPriority);
            }
            set.Add(entry);
        }
    }

    public void Remove(FrontierEntry entry)
    {
        _version++;
        if (entry.Family is { } family && _families.TryGetValue(family, out var set))
        {
            set.Remove(entry);
        }
    }

    /// <summary>True when <paramref name="entry"/>, or a page on the path that gave it its priority, is past its family's budget.</summary>
    public bool IsTrapped(FrontierEntry entry) => TrappingFamily(entry) is not null;

    /// <summary>The family that traps <paramref name="entry"/> (the nearest on its path), or null.</summary>
    public string? TrappingFamily(FrontierEntry entry)
    {
        if (_families.Count == 0)
        {
            return null;
        }
        if (entry.Trap.Version != _version)
        {
            var own = entry.Family is { } family && !_families[family].Take(maxPerFamily).Contains(entry) ? family : null;
            entry.Trap = (_version, own ?? (entry.Parent is { } parent ? TrappingFamily(parent) : null));
        }
        return entry.Trap.Family;
    }
}
