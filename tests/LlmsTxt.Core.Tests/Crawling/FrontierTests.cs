using LlmsTxt.Core.Crawling;
using LlmsTxt.Core.Extraction;

namespace LlmsTxt.Core.Tests.Crawling;

public sealed class FrontierTests
{
    private static FoundLink Link(string path) => new(path, new Uri("https://site.test" + path));

    private static PageOutcome Listed(string identity) =>
        new(OutcomeKind.Listed) { Identity = identity, Page = new Page { Url = new Uri("https://site.test" + identity) } };

    [Fact]
    public void UrlKeepsItsSmallestKeyAndDescendantsMoveWithIt()
    {
        var frontier = new Frontier(maxPages: 10, maxAttempts: 30, maxDepth: 20, maxPending: 1000);
        frontier.Offer("/", new Uri("https://site.test/"), CrawlPriority.Start);
        Assert.True(frontier.TryTake(out var home));
        frontier.Complete(home, Listed("/"));
        frontier.AddLinks(home, [Link("/a"), Link("/b")]);

        // /b finishes first and links /c; then /a (earlier in document order) also links /c.
        Assert.True(frontier.TryTake(out var a));
        Assert.True(frontier.TryTake(out var b));
        frontier.Complete(b, Listed("/b"));
        frontier.AddLinks(b, [Link("/c")]);
        Assert.True(frontier.TryTake(out var c));
        frontier.Complete(c, Listed("/c"));
        frontier.AddLinks(c, [Link("/d")]);
        frontier.Complete(a, Listed("/a"));
        frontier.AddLinks(a, [Link("/c")]);

        Assert.Equal("[1, 1, 0]", a.Priority.ToString());
        Assert.Equal("[2, 1, 0, 0]", c.Priority.ToString()); // re-keyed under /a, not /b
        Assert.True(frontier.TryTake(out var d));
        Assert.Equal("[3, 1, 0, 0, 0]", d.Priority.ToString()); // /c's child moved with it
        Assert.Equal(["/", "/a", "/b", "/c"], frontier.Select().Select(e => e.Identity));
    }

    [Fact]
    public void SettlesOnlyWhenNothingEarlierIsStillOpen()
    {
        var frontier = new Frontier(maxPages: 1, maxAttempts: 3, maxDepth: 20, maxPending: 1000);
        frontier.Offer("/", new Uri("https://site.test/"), CrawlPriority.Start);
        frontier.Offer("/x", new Uri("https://site.test/x"), CrawlPriority.Of(1, 0, 0));
        Assert.True(frontier.TryTake(out var home));
        Assert.True(frontier.TryTake(out var x));
        frontier.Complete(x, Listed("/x"));

        Assert.False(frontier.IsSettled()); // the start page is still in flight and comes first
        frontier.Complete(home, new PageOutcome(OutcomeKind.NotListed) { Failed = true });
        Assert.True(frontier.IsSettled());
        Assert.Equal(["/x"], frontier.Select().Select(e => e.Identity));
    }
}
