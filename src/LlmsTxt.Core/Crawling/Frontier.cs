namespace LlmsTxt.Core.Crawling;

/// <summary>
/// The queue of URLs to fetch plus the seen set, ordered so that the crawl result does not depend on
/// response timing.
/// <para>Ordering rule: by <see cref="CrawlPriority"/> (breadth-first by outline depth, then the order of the
/// linking page and the document order of links; sitemap URLs right after the start page's top-level links). A URL
/// reached by several paths keeps its smallest priority (re-keying its already-discovered descendants). This is
/// exactly the order a one-at-a-time breadth-first crawl would visit.</para>
/// <para>Selection rule. In priority order, the first <c>AttemptsPerPage × maxPages</c> fetched URLs are
/// considered and the first <c>maxPages</c> successful, indexable pages among them are listed, each
/// identity (final URL or in-site canonical, ignoring scheme, <c>www.</c> and trailing slash) once; URLs the
/// trap rule holds back (<see cref="TemplateBudget"/>) are neither fetched nor listed.
/// The crawl stops as soon as that selection can no longer change: every URL with a smaller priority than
/// anything still queued or in flight has been fetched (links only ever get larger priorities than their page).</para>
/// </summary>
internal sealed class Frontier(int maxPages, int maxAttempts, int maxDepth, int maxPending, int maxPerFamily = int.MaxValue)
{
    public static readonly IComparer<FrontierEntry> ByPriority = Comparer<FrontierEntry>.Create((x, y) => x!.Priority.CompareTo(y!.Priority));
    private readonly Dictionary<string, FrontierEntry> _byIdentity = new(StringComparer.Ordinal);
    private readonly SortedSet<FrontierEntry> _pending = new(ByPriority);
    private readonly SortedSet<FrontierEntry> _done = new(ByPriority);
    private readonly List<FrontierEntry> _inFlight = [];
    private readonly List<FrontierEntry> _parked = [];
    private readonly TemplateBudget _budget = new(maxPerFamily);
    private bool _reconsiderParked;

    public int Queued => _pending.Count;
    public int InFlight => _inFlight.Count;
    public int Dropped { get; private set; }

    /// <summary>Adds a URL or lowers the priority of a known one. Returns false when it was already known with a smaller priority.</summary>
    public bool Offer(string identity, Uri url, CrawlPriority priority, DateTimeOffset? lastModified = null) =>
        Offer(identity, url, priority, lastModified, null, null);

    private bool Offer(string identity, Uri url, CrawlPriority priority, DateTimeOffset? lastModified, FrontierEntry? parent, string? family)
    {
        if (_byIdentity.TryGetValue(identity, out var known))
        {
            known.LastModified ??= lastModified;
            if (priority.CompareTo(known.Priority) >= 0)
            {
                return false;
            }
            Rekey(known, priority, parent, family);
            return true;
        }
        var entry = new FrontierEntry(identity, url, priority, lastModified) { Parent = parent, Family = family };
        _byIdentity[identity] = entry;
        _pending.Add(entry);
        _budget.Add(entry);
        TrimPending();
        return true;
    }

    /// <summary>Records the followed links of a fetched page, in document order, and offers them.</summary>
    /// <remarks>A link's <see cref="FoundLink.Level"/> keys it that many levels deeper than a plain link (a sub-entry of a
    /// page's table of contents, a prose link of a page that has one): the site's outline decides what the budget reaches.</remarks>
    public void AddLinks(FrontierEntry parent, IReadOnlyList<FoundLink> links)
    {
        for (var j = 0; j < links.Count; j++)
        {
            var link = links[j];
            var slot = CrawlPriority.LinkSlot(j, link.Level);
            Offer(link.Identity, link.Url, parent.Priority.ChildAt(slot), null, parent, link.Family);
            if (_byIdentity.TryGetValue(link.Identity, out var child))
            {
                parent.Children.Add((slot, link.Family, child));
            }
        }
    }

    /// <summary>The pending URL with the smallest priority within the depth limit that the trap rule lets through.</summary>
    public bool TryTake(out FrontierEntry entry)
    {
        ReconsiderParked();
        ParkTrappedHead();
        entry = null!;
        if (_pending.Count == 0 || _pending.Min!.Depth > maxDepth)
        {
            return false;
        }
        var next = _pending.Min!;
        if (next.Family is not null && _inFlight.Exists(e => e.Priority.CompareTo(next.Priority) < 0))
        {
            // A trap-shaped URL waits until everything before it is fetched: then no URL of its family can still
            // turn up ahead of it, its place in the family's budget is final, and no more than the budget is fetched.
            return false;
        }
        _pending.Remove(next);
        next.State = EntryState.InFlight;
        _inFlight.Add(next);
        entry = next;
        return true;
    }

    /// <summary>
    /// Holds back the pending URLs at the head of the queue that the trap rule stops, so they neither get fetched
    /// nor keep the selection open (a better path to one later brings it back, see <see cref="ReconsiderParked"/>).
    /// </summary>
    private void ParkTrappedHead()
    {
        while (_pending.Count > 0 && _budget.IsTrapped(_pending.Min!))
        {
            var trapped = _pending.Min!;
            _pending.Remove(trapped);
            trapped.State = EntryState.Parked;
            _parked.Add(trapped);
        }
    }

    public void Complete(FrontierEntry entry, PageOutcome outcome)
    {
        _inFlight.Remove(entry);
        entry.Outcome = outcome;
        if (outcome.Kind == OutcomeKind.NotAttempted)
        {
            entry.State = EntryState.Skipped;
            return;
        }
        entry.State = EntryState.Done;
        _done.Add(entry);
    }

    /// <summary>Puts an in-flight entry back (its fetch was cancelled), so the frontier stays consistent.</summary>
    public void Abandon(FrontierEntry entry)
    {
        _inFlight.Remove(entry);
        entry.State = EntryState.Pending;
        _pending.Add(entry);
    }

    /// <summary>True when the selection is final: enough pages or attempts before everything still open.</summary>
    public bool IsSettled()
    {
        ReconsiderParked();
        ParkTrappedHead();
        var open = SmallestOpen();
        if (open is null)
        {
            return true;
        }
        if (_done.Count < maxPages && _done.Count < maxAttempts)
        {
            // Too few pages fetched for either limit: no need to walk them.
            return false;
        }
        var (successes, attempts) = Count(open);
        return successes >= maxPages || attempts >= maxAttempts;
    }

    /// <summary>The listed pages in order (see the selection rule).</summary>
    public List<FrontierEntry> Select() => Select(out _);

    /// <summary>The listed pages in order, and how many fetched pages were duplicates of an earlier one.</summary>
    public List<FrontierEntry> Select(out int duplicates)
    {
        duplicates = 0;
        var selected = new List<FrontierEntry>();
        var identities = new HashSet<string>(StringComparer.Ordinal);
        var attempts = 0;
        var counted = 0;
        foreach (var entry in _done)
        {
            if (_budget.IsTrapped(entry))
            {
                continue;
            }
            if (entry.Outcome is { } other && !CountsTowardBudget(other))
            {
                // Other-language versions are passed on (the file's language filter decides) without using the budget.
                if (attempts < maxAttempts && counted < maxPages && other.Kind == OutcomeKind.Listed && identities.Add(other.Identity!))
                {
                    selected.Add(entry);
                }
                continue;
            }
            if (++attempts > maxAttempts || counted >= maxPages)
            {
                break;
            }
            if (entry.Outcome is { Kind: OutcomeKind.Listed } outcome)
            {
                if (identities.Add(outcome.Identity!))
                {
                    selected.Add(entry);
                    counted++;
                }
                else
                {
                    duplicates++;
                }
            }
        }
        return selected;
    }

    /// <summary>Per template family the trap rule stopped, how many known URLs it holds back (ordinal order of families).</summary>
    public SortedDictionary<string, int> TrappedFamilies()
    {
        var families = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in _byIdentity.Values)
        {
            if (entry.State is not EntryState.Dropped and not EntryState.Skipped && _budget.TrappingFamily(entry) is { } family)
            {
                families[family] = families.GetValueOrDefault(family) + 1;
            }
        }
        return families;
    }

    private (int Successes, int Attempts) Count(CrawlPriority before)
    {
        var identities = new HashSet<string>(StringComparer.Ordinal);
        var attempts = 0;
        foreach (var entry in _done)
        {
            if (entry.Priority.CompareTo(before) >= 0)
            {
                break;
            }
            if (_budget.IsTrapped(entry) || (entry.Outcome is { } other && !CountsTowardBudget(other)))
            {
                continue;
            }
            attempts++;
            if (entry.Outcome is { Kind: OutcomeKind.Listed } outcome)
            {
                identities.Add(outcome.Identity!);
            }
        }
        return (identities.Count, attempts);
    }

    /// <summary>
    /// Another language's version of the site is passed on (the file's language filter decides) but does not use
    /// the budget. Known once the start page (the smallest priority, always done before the selection settles) is read.
    /// </summary>
    private bool CountsTowardBudget(PageOutcome outcome) =>
        StartLanguage is null || outcome.Language is null || outcome.Kind != OutcomeKind.Listed
        || string.Equals(outcome.Language, StartLanguage, StringComparison.OrdinalIgnoreCase);

    /// <summary>The start page's primary language, set when it has been read.</summary>
    public string? StartLanguage { get; set; }

    private CrawlPriority? SmallestOpen()
    {
        var smallest = _pending.Count > 0 && _pending.Min!.Depth <= maxDepth ? _pending.Min.Priority : null;
        foreach (var entry in _inFlight)
        {
            if (smallest is null || entry.Priority.CompareTo(smallest) < 0)
            {
                smallest = entry.Priority;
            }
        }
        return smallest;
    }

    /// <summary>A parked entry whose path changed (a better link, a family member dropped) may be within its budget now.</summary>
    private void ReconsiderParked()
    {
        if (!_reconsiderParked)
        {
            return;
        }
        _reconsiderParked = false;
        foreach (var entry in _parked.Where(e => !_budget.IsTrapped(e)).ToList())
        {
            _parked.Remove(entry);
            entry.State = EntryState.Pending;
            _pending.Add(entry);
        }
    }

    private void Rekey(FrontierEntry entry, CrawlPriority priority, FrontierEntry? parent, string? family)
    {
        if (entry.State == EntryState.Dropped)
        {
            return;
        }
        var set = entry.State switch
        {
            EntryState.Pending => _pending,
            EntryState.Done => _done,
            _ => null,
        };
        set?.Remove(entry);
        _budget.Remove(entry);
        (entry.Priority, entry.Parent, entry.Family) = (priority, parent, family);
        set?.Add(entry);
        _budget.Add(entry);
        _reconsiderParked = true;
        // Descendants found through this page move up with it.
        foreach (var (slot, childFamily, child) in entry.Children)
        {
            var childPriority = priority.ChildAt(slot);
            if (childPriority.CompareTo(child.Priority) < 0)
            {
                Rekey(child, childPriority, entry, childFamily);
            }
        }
    }

    private void TrimPending()
    {
        // URLs beyond this many queued ahead of them can never be reached within the attempt budget.
        while (_pending.Count > maxPending)
        {
            var last = _pending.Max!;
            _pending.Remove(last);
            _budget.Remove(last);
            _byIdentity.Remove(last.Identity);
            last.State = EntryState.Dropped;
            Dropped++;
            _reconsiderParked = true;
        }
    }
}
