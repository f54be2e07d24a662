namespace LlmsTxt.Core.Crawling;

/// <summary>
/// Where a URL stands in the crawl order, compared element by element: <c>[depth, path...]</c>. The start page is
/// <see cref="Start"/>; the i-th sitemap URL is <see cref="Sitemap"/>, right after the start page's top-level links;
/// the j-th followed link of a page is <see cref="Child"/> of the page's priority, one level deeper (more for a
/// link that sits deeper in the page's table of contents). So breadth-first by outline depth, within a level by the
/// order of the linking page and then the document order of the links.
/// </summary>
internal sealed class CrawlPriority : IComparable<CrawlPriority>
{
    /// <summary>A link index of n × this marks a link keyed n levels deeper (see <see cref="Child"/>).</summary>
    private const int LevelStep = 1 << 24;

    private readonly int[] _path;

    private CrawlPriority(int[] path) => _path = path;

    /// <summary>The start page: depth 0, before everything.</summary>
    public static CrawlPriority Start { get; } = new([0, 1]);

    /// <summary>How many links (and outline levels) from the start page.</summary>
    public int Depth => _path[0];

    /// <summary>The <paramref name="index"/>-th sitemap URL: after the start page's top-level links (<c>[1, 1, j]</c>).</summary>
    public static CrawlPriority Sitemap(int index) => new([1, 2, index]);

    /// <summary>For tests and tools: a priority spelled out as <c>[depth, path...]</c>.</summary>
    public static CrawlPriority Of(params int[] path) => new([.. path]);

    /// <summary>The <paramref name="index"/>-th followed link of a page with this priority, <paramref name="levels"/> outline levels deeper than a plain link.</summary>
    public CrawlPriority Child(int index, int levels = 0) => ChildAt(LinkSlot(index, levels));

    /// <summary>The slot a page's link takes among its siblings (outline levels folded in).</summary>
    public static int LinkSlot(int index, int levels) => index + (Math.Clamp(levels, 0, 60) * LevelStep);

    /// <summary>The priority of the link in <paramref name="slot"/> (see <see cref="LinkSlot"/>).</summary>
    public CrawlPriority ChildAt(int slot)
    {
        var key = new int[_path.Length + 1];
        key[0] = _path[0] + 1 + (slot / LevelStep);
        Array.Copy(_path, 1, key, 1, _path.Length - 1);
        key[^1] = slot;
        return new CrawlPriority(key);
    }

    public int CompareTo(CrawlPriority? other)
    {
        if (other is null)
        {
            return 1;
        }
        var length = Math.Min(_path.Length, other._path.Length);
        for (var i = 0; i < length; i++)
        {
            if (_path[i] != other._path[i])
            {
                return _path[i] < other._path[i] ? -1 : 1;
            }
        }
        return _path.Length.CompareTo(other._path.Length);
    }

    public override string ToString() => "[" + string.Join(", ", _path) + "]";
}
