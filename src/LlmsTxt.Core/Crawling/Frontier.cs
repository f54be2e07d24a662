namespace LlmsTxt.Core.Crawling;

internal enum EntryState
{
    Pending,
    InFlight,
    Done,
    Skipped,
    Dropped,
}

/// <summary>One URL the crawl knows about, its order key and, once fetched, its outcome.</summary>
internal sealed class FrontierEntry(string identity, Uri url, int[] key, DateTimeOffset? lastModified)
{
    public string Identity { get; } = identity;
    public Uri Url { get; } = url;
    public int[] Key { get; set; } = key;
    public DateTimeOffset? LastModified { get; set; } = lastModified;
    public EntryState State { get; set; }
    public List<(int Index, FrontierEntry Entry)> Children { get; } = [];
    public PageOutcome? Outcome { get; set; }
    public int Depth => Key[0];
}

/// <summary>
/// The queue of URLs to fetch plus the seen set, ordered so that the crawl result does not depend on
/// response timing.
/// <para>Ordering rule. Every URL gets a key, compared element by element: <c>[depth, path...]</c>. The start
/// page is <c>[0, 1]</c>; the j-th followed link of a page with key <c>[d, p...]</c> is <c>[d + 1 + n, p..., j]</c>
/// where n is how deep the link sits in the page's table of contents (0 for top entries and pages without one);
/// the i-th sitemap URL is <c>[1, 2, i]</c>, right after the start page's top-level links. So breadth-first by
/// outline depth, within a level by the order of the linking page and then document order of the links. A URL
/// reached by several paths keeps its smallest key (re-keying its already-discovered descendants).
/// This is exactly the order a one-at-a-time breadth-first crawl would visit.</para>
/// <para>Selection rule. In key order, the first <c>AttemptsPerPage × maxPages</c> fetched URLs are
/// considered and the first <c>maxPages</c> successful, indexable pages among them are listed, each
/// identity (final URL or in-site canonical, ignoring scheme, <c>www.</c> and trailing slash) once.
/// The crawl stops as soon as that selection can no longer change: every URL with a smaller key than
/// anything still queued or in flight has been fetched (links only ever get larger keys than their page).</para>
/// </summary>
internal sealed class Frontier(int maxPages, int maxAttempts, int maxDepth, int maxPending)
{
    private static readonly KeyComparer Comparer = new();
    private readonly Dictionary<string, FrontierEntry> _byIdentity = new(StringComparer.Ordinal);
    private readonly SortedSet<FrontierEntry> _pending = new(Comparer);
    private readonly SortedSet<FrontierEntry> _done = new(Comparer);
    private readonly List<FrontierEntry> _inFlight = [];

    public int Queued => _pending.Count;
    public int InFlight => _inFlight.Count;
    public int Dropped { get; private set; }

    /// <summary>Adds a URL or lowers the key of a known one. Returns false when it was already known with a smaller key.</summary>
    public bool Offer(string identity, Uri url, int[] key, DateTimeOffset? lastModified = null)
    {
        if (_byIdentity.TryGetValue(identity, out var known))
        {
            if (Compare(key, known.Key) >= 0)
            {
                known.LastModified ??= lastModified;
                return false;
            }
            Rekey(known, key);
            known.LastModified ??= lastModified;
            return true;
        }
        var entry = new FrontierEntry(identity, url, key, lastModified);
        _byIdentity[identity] = entry;
        _pending.Add(entry);
        TrimPending();
        return true;
    }

    /// <summary>Records the followed links of a fetched page, in document order, and offers them.</summary>
    /// <param name="levels">Per link, how many levels deeper than a plain link it is keyed (a sub-entry of a page's
    /// table of contents, a prose link of a page that has one): the site's outline decides what the budget reaches.</param>
    public void AddLinks(FrontierEntry parent, IReadOnlyList<(string Identity, Uri Url)> links, IReadOnlyList<int>? levels = null)
    {
        for (var j = 0; j < links.Count; j++)
        {
            var (identity, url) = links[j];
            var i = j + (Math.Clamp(levels is not null && j < levels.Count ? levels[j] : 0, 0, 60) * LevelStep);
            Offer(identity, url, ChildKey(parent.Key, i));
            if (_byIdentity.TryGetValue(identity, out var child))
            {
                parent.Children.Add((i, child));
            }
        }
    }

    /// <summary>The pending URL with the smallest key within the depth limit.</summary>
    public bool TryTake(out FrontierEntry entry)
    {
        entry = null!;
        if (_pending.Count == 0 || _pending.Min!.Depth > maxDepth)
        {
            return false;
        }
        entry = _pending.Min!;
        _pending.Remove(entry);
        entry.State = EntryState.InFlight;
        _inFlight.Add(entry);
        return true;
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
        var open = SmallestOpenKey();
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

    private (int Successes, int Attempts) Count(int[] before)
    {
        var identities = new HashSet<string>(StringComparer.Ordinal);
        var attempts = 0;
        foreach (var entry in _done)
        {
            if (Compare(entry.Key, before) >= 0)
            {
                break;
            }
            if (entry.Outcome is { } other && !CountsTowardBudget(other))
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
    /// the budget. Known once the start page (the smallest key, always done before the selection settles) is read.
    /// </summary>
    private bool CountsTowardBudget(PageOutcome outcome) =>
        StartLanguage is null || outcome.Language is null || outcome.Kind != OutcomeKind.Listed
        || string.Equals(outcome.Language, StartLanguage, StringComparison.OrdinalIgnoreCase);

    /// <summary>The start page's primary language, set when it has been read.</summary>
    public string? StartLanguage { get; set; }

    private int[]? SmallestOpenKey()
    {
        int[]? smallest = _pending.Count > 0 && _pending.Min!.Depth <= maxDepth ? _pending.Min.Key : null;
        foreach (var entry in _inFlight)
        {
            if (smallest is null || Compare(entry.Key, smallest) < 0)
            {
                smallest = entry.Key;
            }
        }
        return smallest;
    }

    private void Rekey(FrontierEntry entry, int[] key)
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
        entry.Key = key;
        set?.Add(entry);
        // Descendants found through this page move up with it.
        foreach (var (index, child) in entry.Children)
        {
            var childKey = ChildKey(key, index);
            if (Compare(childKey, child.Key) < 0)
            {
                Rekey(child, childKey);
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
            _byIdentity.Remove(last.Identity);
            last.State = EntryState.Dropped;
            Dropped++;
        }
    }

    /// <summary>A link index of n × this marks a link keyed n levels deeper (see <see cref="AddLinks"/>).</summary>
    private const int LevelStep = 1 << 24;

    private static int[] ChildKey(int[] parent, int index)
    {
        var key = new int[parent.Length + 1];
        key[0] = parent[0] + 1 + (index / LevelStep);
        Array.Copy(parent, 1, key, 1, parent.Length - 1);
        key[^1] = index;
        return key;
    }

    internal static int Compare(int[] a, int[] b)
    {
        var length = Math.Min(a.Length, b.Length);
        for (var i = 0; i < length; i++)
        {
            if (a[i] != b[i])
            {
                return a[i] < b[i] ? -1 : 1;
            }
        }
        return a.Length.CompareTo(b.Length);
    }

    private sealed class KeyComparer : IComparer<FrontierEntry>
    {
        public int Compare(FrontierEntry? x, FrontierEntry? y) => Frontier.Compare(x!.Key, y!.Key);
    }
}
