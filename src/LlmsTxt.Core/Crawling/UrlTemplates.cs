using System.Text;

namespace LlmsTxt.Core.Crawling;

/// <summary>
/// Spots URL traps by shape. A page's <em>template</em> is its path and query with every run of digits replaced
/// by <c>{n}</c> and the values of paging and sorting parameters dropped, so <c>/calendar/2024/05</c>,
/// <c>/calendar/2031/11</c> and <c>/list?page=7&amp;sort=asc</c> each stand for a family of URLs. Rule
/// (<em>self-generating pattern</em>): a <em>step</em> link from a page to the next or previous page of its own
/// template (a number ±1, a month rolling over, another page or sort order), or to a deeper one that only adds
/// numbers (<c>/a/{n}</c> → <c>/a/{n}/{n}</c>), is how calendars, endless pagers and ever-deeper archives breed
/// pages; <see cref="TemplateBudget"/> lets only the first <see cref="CrawlOptions.MaxPagesPerPattern"/> pages reached
/// that way per template through, in frontier order. Other links to the same pages (an index, a menu, the sitemap,
/// a "related" link) are still followed, so a site's real pages are all reached.
/// </summary>
internal static class UrlTemplates
{
    /// <summary>Parameters that only page through or reorder a listing.</summary>
    private static readonly HashSet<string> PagingParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        "page", "p", "pg", "paged", "pagenum", "offset", "start", "limit", "per_page", "perpage", "page_size", "pagesize",
        "size", "count", "sort", "sortby", "sort_by", "order", "orderby", "order_by", "dir", "direction", "cursor",
        "after", "before", "from", "view",
    };

    /// <summary>The template of <paramref name="url"/>: <c>/calendar/{n}/{n}</c>, <c>/list?page=*&amp;sort=*</c>.</summary>
    public static string Of(Uri url)
    {
        var sb = new StringBuilder(url.AbsolutePath.Length + url.Query.Length);
        AppendDigitless(sb, url.AbsolutePath);
        if (url.Query.Length > 1)
        {
            var parameters = url.Query[1..].Split('&', StringSplitOptions.RemoveEmptyEntries)
                .Select(pair => pair.Split('=', 2))
                .OrderBy(pair => pair[0], StringComparer.Ordinal);
            var first = true;
            foreach (var pair in parameters)
            {
                sb.Append(first ? '?' : '&').Append(pair[0]);
                first = false;
                if (pair.Length == 2)
                {
                    sb.Append('=');
                    if (PagingParameters.Contains(pair[0]))
                    {
                        sb.Append('*');
                    }
                    else
                    {
                        AppendDigitless(sb, pair[1]);
                    }
                }
            }
        }
        return sb.ToString();
    }

    /// <summary>
    /// The family a link from <paramref name="parent"/> to <paramref name="link"/> breeds: its template for a step to
    /// the next or previous page of the parent's own template, the parent's template for a deeper link that only adds
    /// numbers; null for any other link (always followed).
    /// </summary>
    public static string? StepFamily(Uri parent, string parentTemplate, Uri link)
    {
        var template = Of(link);
        if (template == parentTemplate && IsStep(parent, link))
        {
            return template;
        }
        return Deeper(parentTemplate, template) ? parentTemplate : null;
    }

    /// <summary>
    /// Next or previous of the same shape: only paging/sorting values change, or the numbers move by one step
    /// (some number ±1; any other changed number small, a month or day rolling over). A link to an unrelated
    /// page of the same shape (<c>/page-17</c> → <c>/page-54</c>) is not a step.
    /// </summary>
    private static bool IsStep(Uri parent, Uri link)
    {
        var (a, pagingA) = Numbers(parent);
        var (b, pagingB) = Numbers(link);
        if (pagingA != pagingB)
        {
            return true;
        }
        if (a.Count != b.Count)
        {
            return false;
        }
        var one = false;
        for (var i = 0; i < a.Count; i++)
        {
            var diff = Math.Abs(a[i] - b[i]);
            if (diff == 1)
            {
                one = true;
            }
            else if (diff != 0 && (a[i] > 31 || b[i] > 31))
            {
                return false;
            }
        }
        return one;
    }

    private static (List<long> Numbers, string Paging) Numbers(Uri url)
    {
        var numbers = new List<long>();
        var paging = new StringBuilder();
        ReadNumbers(url.AbsolutePath, numbers);
        if (url.Query.Length > 1)
        {
            foreach (var pair in url.Query[1..].Split('&', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal))
            {
                var parts = pair.Split('=', 2);
                if (PagingParameters.Contains(parts[0]))
                {
                    paging.Append(pair).Append('&');
                }
                else if (parts.Length == 2)
                {
                    ReadNumbers(parts[1], numbers);
                }
            }
        }
        return (numbers, paging.ToString());
    }

    private static void ReadNumbers(string text, List<long> numbers)
    {
        long value = 0;
        var digits = 0;
        foreach (var c in text + "/")
        {
            if (char.IsAsciiDigit(c) && digits < 18)
            {
                value = (value * 10) + (c - '0');
                digits++;
            }
            else if (digits > 0)
            {
                numbers.Add(value);
                (value, digits) = (0, 0);
            }
        }
    }

    /// <summary><c>/a/{n}</c> → <c>/a/{n}/{n}</c>: the link only adds numbered segments below the parent's shape.</summary>
    private static bool Deeper(string parent, string child)
    {
        var stem = parent.TrimEnd('/') + "/";
        if (!child.StartsWith(stem, StringComparison.Ordinal) || parent.Contains('?', StringComparison.Ordinal) || child.Contains('?', StringComparison.Ordinal)
            || !parent.Contains("{n}", StringComparison.Ordinal))
        {
            return false;
        }
        var rest = child[stem.Length..].Replace("{n}", "", StringComparison.Ordinal);
        return rest.Length < child.Length - stem.Length && rest.All(c => c is '/' or '-' or '.' or '_');
    }

    private static void AppendDigitless(StringBuilder sb, string text)
    {
        var inDigits = false;
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                if (!inDigits)
                {
                    sb.Append("{n}");
                }
                inDigits = true;
                continue;
            }
            inDigits = false;
            sb.Append(c);
        }
    }
}
