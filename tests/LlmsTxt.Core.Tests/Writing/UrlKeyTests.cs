using LlmsTxt.Core.Writing;

namespace LlmsTxt.Core.Tests.Writing;

/// <summary>The identity of a page's URL: variants that are the same page share one key.</summary>
public sealed class UrlKeyTests
{
    [Theory]
    [InlineData("https://www.Example.com/docs/", "example.com/docs")]
    [InlineData("http://example.com/docs/INDEX.HTML", "example.com/docs")]
    [InlineData("https://example.com/index.php?page=2", "example.com?page=2")]
    [InlineData("http://127.0.0.1:18081/tutorial-start.html#section", "127.0.0.1:18081/tutorial-start.html")]
    [InlineData("http://127.0.0.1:8080/app/#/guide", "127.0.0.1:8080/app#/guide")]
    [InlineData("https://example.com:443/a/myindex.html", "example.com/a/myindex.html")]
    [InlineData("https://example.com/", "example.com")]
    public void SamePageVariantsShareOneKey(string url, string key) => Assert.Equal(key, UrlKey.Of(new Uri(url)));
}
