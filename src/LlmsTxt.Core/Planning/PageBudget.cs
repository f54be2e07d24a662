using LlmsTxt.Core.Extraction;
using LlmsTxt.Core.Writing;

namespace LlmsTxt.Core.Planning;

/// <summary>
/// Which pages to list: utility pages never; and when more pages were crawled than the budget, the first ones in
/// the outline's breadth-first order (every top-level group before deeper pages fill the rest), pages no outline
/// reaches after them in the crawl's own order.
/// </summary>
internal static class PageBudget
{
    public static List<Candidate> Choose(IReadOnlyList<Candidate> candidates, SiteOutline outline, string startKey, Page? start,
        Dictionary<string, string> utility, int? maxPages, List<PageExplanation> explanations)
    {
        var kept = new List<Candidate>();
        foreach (var candidate in candidates)
        {
            if (utility.TryGetValue(candidate.Key, out var reason) && candidate.Key != startKey && !ReferenceEquals(candidate.Page, start))
            {
                explanations.Add(new PageExplanation(candidate.Url, candidate.Page.Title, null, "", "", "a utility page: " + reason));
            }
            else
            {
                kept.Add(candidate);
            }
        }
        if (maxPages is not { } budget || kept.Count <= budget)
        {
            return kept;
        }
        var ranked = kept
            .OrderBy(c => c.Key == startKey || ReferenceEquals(c.Page, start) ? 0 : 1)
            .ThenBy(c => outline.Find(c.Key) is { } node ? node.Depth : int.MaxValue)
            .ThenBy(c => outline.Find(c.Key)?.Order ?? int.MaxValue)
            .ThenBy(c => c.Key, StringComparer.Ordinal)
            .ToList();
        // No top-level group takes most of the budget while other groups have pages to give: the file stays a map
        // of the whole site (and no section becomes a catch-all that has to be split).
        var chosen = new List<Candidate>(budget);
        var deferred = new List<Candidate>();
        var perGroup = new Dictionary<OutlineNode, int>();
        foreach (var candidate in ranked)
        {
            var group = outline.Find(candidate.Key) is { Depth: > 0 } node ? OutlineSections.AncestorAt(node, 1) : null;
            var count = group is null ? 0 : perGroup.GetValueOrDefault(group);
            if (group is not null && Understanding.Limits.IsMostOf(count + 1, budget))
            {
                deferred.Add(candidate);
                continue;
            }
            if (chosen.Count < budget)
            {
                chosen.Add(candidate);
                if (group is not null)
                {
                    perGroup[group] = count + 1;
                }
            }
            else
            {
                deferred.Add(candidate);
            }
        }
        // When the other groups have no more pages, the big group fills the rest in outline order.
        var room = budget - chosen.Count;
        chosen.AddRange(deferred.Take(room));
        foreach (var dropped in deferred.Skip(room))
        {
            explanations.Add(new PageExplanation(dropped.Url, dropped.Page.Title, null, "", "",
                $"beyond the page budget of {budget}: pages earlier in the site's outline (breadth first, no top-level group taking most of it) were listed"));
        }
        var rank = ranked.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i);
        chosen.Sort((x, y) => rank[x].CompareTo(rank[y]));
        return chosen;
    }
}
