using LlmsTxt.Core.Crawling;

namespace LlmsTxt.Core.Tests.Crawling;

public sealed class UrlNormalizerTests
{
    private readonly UrlNormalizer _normalizer = new(new CrawlOptions());

    [Theory]
    [InlineData("mailto:a@example.com")]
    [InlineData("javascript:void(0)")]
    [InlineData("ftp://example.com/file")]
    [InlineData("tel:+123")]
    public void IgnoresNonWebLinks(string href) => Assert.Null(_normalizer.Resolve(new Uri("https://example.com/"), href));

    [Theory]
    [InlineData("https://example.com/login", SkipReason.ExcludedPath)]
    [InlineData("https://example.com/wp-admin/options.php", SkipReason.ExcludedPath)]
    [InlineData("https://example.com/blog/feed", SkipReason.ExcludedPath)]
    [InlineData("https://example.com/files/report.pdf", SkipReason.NotHtml)]
    [InlineData("https://example.com/a/b/a/b/a/b", SkipReason.UrlTrap)]
    [InlineData("https://example.com/1/2/3/4/5/6/7/8/9/10/11/12/13/14/15/16/17/18/19/20/21", SkipReason.UrlTrap)]
    public void SkipsTrapsAndNonContent(string url, SkipReason reason)
    {
        var decision = _normalizer.Check(new Uri(url));
        Assert.False(decision.Allowed);
        Assert.Equal(reason, decision.Reason);
    }

    [Fact]
    public void SkipsOverlongUrls() =>
        Assert.Equal(SkipReason.UrlTrap, _normalizer.Check(new Uri("https://example.com/" + new string('a', 2100))).Reason);

    [Theory]
    [InlineData("https://example.com/page.php?id=1")]
    [InlineData("https://example.com/docs/getting-started")]
    [InlineData("https://example.com/admin-guide")]
    public void AllowsOrdinaryPages(string url) => Assert.True(_normalizer.Check(new Uri(url)).Allowed);

    [Theory]
    [InlineData("https://site.com/docs/", "https://www.site.com/docs/intro", true)]
    [InlineData("https://site.com/docs/", "https://site.com/docs", true)]
    [InlineData("https://site.com/docs/", "https://site.com/blog/", false)]
    [InlineData("https://site.com/docs", "https://site.com/docs-old", false)]
    [InlineData("https://site.com/docs/index.html", "https://site.com/docs/other", true)]
    [InlineData("https://site.com/", "https://other.com/", false)]
    [InlineData("https://site.com/", "https://sub.site.com/", false)]
    public void ScopeFollowsHostAndPathPrefix(string start, string url, bool inScope) =>
        Assert.Equal(inScope, CrawlScope.From(new Uri(start)).Contains(new Uri(url)));
}
