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
        foreach (var dropped in ranked.Skip(budget))
        {
            explanations.Add(new PageExplanation(dropped.Url, dropped.Page.Title, null, "", "",
                $"beyond the page budget of {budget}: pages earlier in the site's outline (breadth first) were listed"));
        }
        return ranked.Take(budget).ToList();
    }
}
