using LlmsTxt.Core.Urls;

namespace LlmsTxt.Core.Tests.Urls;

/// <summary>The rules of <see cref="UrlIdentity"/>, once, as a table: each row says whether two spellings are one page.</summary>
public sealed class UrlIdentityTests
{
    public static TheoryData<string, string, string, bool> SamePageRules => new()
    {
        { "scheme and host case", "HTTPS://Example.COM/Docs", "https://example.com/Docs", true },
        { "scheme", "http://example.com/a", "https://example.com/a", true },
        { "default port", "https://example.com:443/a", "https://example.com/a", true },
        { "another port", "https://example.com:8443/a", "https://example.com/a", false },
        { "www.", "https://www.example.com/a", "https://example.com/a", true },
        { "another subdomain", "https://docs.example.com/a", "https://example.com/a", false },
        { "trailing slash", "https://example.com/a/", "https://example.com/a", true },
        { "root with and without slash", "https://example.com", "https://example.com/", true },
        { "index.html", "https://example.com/docs/index.html", "https://example.com/docs/", true },
        { "index.htm, any case", "https://example.com/docs/INDEX.HTM", "https://example.com/docs", true },
        { "index.php", "https://example.com/index.php", "https://example.com/", true },
        { "a page named like an index", "https://example.com/docs/myindex.html", "https://example.com/docs/", false },
        { "tracking parameters", "https://example.com/a?utm_source=x&fbclid=y", "https://example.com/a", true },
        { "session parameters", "https://example.com/a?PHPSESSID=1&id=3", "https://example.com/a?id=3", true },
        { "jsessionid path parameter", "https://example.com/a;jsessionid=ABC", "https://example.com/a", true },
        { "empty query", "https://example.com/a?", "https://example.com/a", true },
        { "other query", "https://example.com/a?page=2", "https://example.com/a", false },
        { "fragment", "https://example.com/a#intro", "https://example.com/a", true },
        { "hash route", "https://example.com/#/guide", "https://example.com/", false },
        { "same hash route", "https://example.com/index.html#/guide", "https://www.example.com/#/guide", true },
        { "path case", "https://example.com/Docs", "https://example.com/docs", false },
        { "user info", "https://user:pw@example.com/a", "https://example.com/a", true },
    };

    [Theory]
    [MemberData(nameof(SamePageRules))]
    public void SaysWhenTwoUrlsAreOnePage(string rule, string a, string b, bool samePage) =>
        Assert.True(samePage == UrlIdentity.SamePage(new Uri(a), new Uri(b)),
            $"{rule}: expected {a} and {b} to be {(samePage ? "one page" : "two pages")}; keys {UrlIdentity.Key(new Uri(a))} and {UrlIdentity.Key(new Uri(b))}");

    [Theory]
    [InlineData("HTTPS://Example.COM:443/Docs/#intro", "https://example.com/Docs/")]
    [InlineData("http://example.com:80/a/../b/./c", "http://example.com/b/c")]
    [InlineData("https://example.com/p?utm_source=x&id=3&fbclid=y&utm_medium=z", "https://example.com/p?id=3")]
    [InlineData("https://example.com/p;jsessionid=ABC123?x=1", "https://example.com/p?x=1")]
    [InlineData("https://example.com/p?PHPSESSID=1&sid=2", "https://example.com/p")]
    [InlineData("https://user:pw@example.com/", "https://example.com/")]
    [InlineData("https://bücher.example/", "https://xn--bcher-kva.example/")]
    public void SpellsUrlsCanonically(string input, string expected) =>
        Assert.Equal(expected, UrlIdentity.Canonical(new Uri(input))!.AbsoluteUri);

    [Theory]
    [InlineData("mailto:a@example.com")]
    [InlineData("ftp://example.com/file")]
    public void HasNoCanonicalSpellingForNonWebUrls(string url) => Assert.Null(UrlIdentity.Canonical(new Uri(url)));

    /// <summary>
    /// The registry and storage-key spelling keeps scheme, host and path as given (enrolled sites' files are stored
    /// under its MD5, and http/https or www/bare can be different servers) but drops what never names a site.
    /// </summary>
    [Theory]
    [InlineData(" HTTPS://Example.COM:443/docs/?utm_source=x#top ", "https://example.com/docs/")]
    [InlineData("https://user:pw@example.com", "https://example.com/")]
    [InlineData("http://www.example.com/docs", "http://www.example.com/docs")]
    [InlineData("http://127.0.0.1:8080/a/index.html", "http://127.0.0.1:8080/a/index.html")]
    [InlineData("ftp://example.com/", null)]
    [InlineData("/docs/", null)]
    [InlineData("", null)]
    public void SpellsSiteKeysAsBefore(string input, string? expected) => Assert.Equal(expected, UrlIdentity.SiteKey(input));

    /// <summary>Politeness (the host throttle, robots.txt's Crawl-delay) is per server: host spellings meet, ports don't.</summary>
    [Theory]
    [InlineData("https://Docs.Example.com/a", "https://www.docs.example.com:443/b?x=1", true)]
    [InlineData("http://example.com/", "http://example.com:80/robots.txt", true)]
    [InlineData("http://127.0.0.1:8081/", "http://127.0.0.1:8082/", false)]
    [InlineData("http://example.com/", "https://example.com/", false)]
    public void KeysPolitenessPerServer(string a, string b, bool same) =>
        Assert.Equal(same, UrlIdentity.HostKey(new Uri(a)) == UrlIdentity.HostKey(new Uri(b)));
}
