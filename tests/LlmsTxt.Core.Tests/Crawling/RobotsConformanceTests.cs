using LlmsTxt.Core.Crawling;

namespace LlmsTxt.Core.Tests.Crawling;

/// <summary>
/// Allow/deny cases ported as data from google/robotstxt robots_test.cc (RFC 9309 "ID_" cases and the
/// Google documentation checks), plus its path-extraction and pattern-escaping cases.
/// </summary>
public sealed class RobotsConformanceTests
{
    private const string Groups =
        "allow: /foo/bar/\n\nuser-agent: FooBot\ndisallow: /\nallow: /x/\nuser-agent: BarBot\ndisallow: /\nallow: /y/\n\n\nallow: /w/\nuser-agent: BazBot\n\nuser-agent: FooBot\nallow: /z/\ndisallow: /\n";
    private const string Global = "user-agent: *\nallow: /\nuser-agent: FooBot\ndisallow: /\n";
    private const string OnlySpecific = "user-agent: FooBot\nallow: /\nuser-agent: BarBot\ndisallow: /\nuser-agent: BazBot\ndisallow: /\n";
    private const string Fish = "user-agent: FooBot\ndisallow: /\nallow: /fish\n";
    private const string FishStar = "user-agent: FooBot\ndisallow: /\nallow: /fish*\n";
    private const string FishSlash = "user-agent: FooBot\ndisallow: /\nallow: /fish/\n";
    private const string Php = "user-agent: FooBot\ndisallow: /\nallow: /*.php\n";
    private const string PhpEnd = "user-agent: FooBot\ndisallow: /\nallow: /*.php$\n";
    private const string FishPhp = "user-agent: FooBot\ndisallow: /\nallow: /fish*.php\n";
    private const string Upper = "USER-AGENT: FooBot\nALLOW: /x/\nDISALLOW: /\n";
    private const string Lower = "user-agent: FooBot\nallow: /x/\ndisallow: /\n";
    private const string Camel = "uSeR-aGeNt: FooBot\nAlLoW: /x/\ndIsAlLoW: /\n";
    private const string UaUpper = "User-Agent: FOO BAR\nAllow: /x/\nDisallow: /\n";
    private const string UaLower = "User-Agent: foo bar\nAllow: /x/\nDisallow: /\n";
    private const string UaCamel = "User-Agent: FoO bAr\nAllow: /x/\nDisallow: /\n";
    private const string IndexHtml = "User-Agent: *\nAllow: /allowed-slash/index.html\nDisallow: /\n";

    public static TheoryData<string, string, string, bool> Cases => new()
    {
        // GoogleOnly_SystemTest
        { "", "FooBot", "", true },
        { "user-agent: FooBot\ndisallow: /\n", "", "", true },
        { "user-agent: FooBot\ndisallow: /\n", "FooBot", "", false },
        { "", "", "", true },
        // ID_LineSyntax_Line
        { "user-agent: FooBot\ndisallow: /\n", "FooBot", "http://foo.bar/x/y", false },
        { "foo: FooBot\nbar: /\n", "FooBot", "http://foo.bar/x/y", true },
        { "user-agent FooBot\ndisallow /\n", "FooBot", "http://foo.bar/x/y", false },
        // ID_LineSyntax_Groups
        { Groups, "FooBot", "http://foo.bar/x/b", true },
        { Groups, "FooBot", "http://foo.bar/z/d", true },
        { Groups, "FooBot", "http://foo.bar/y/c", false },
        { Groups, "BarBot", "http://foo.bar/y/c", true },
        { Groups, "BarBot", "http://foo.bar/w/a", true },
        { Groups, "BarBot", "http://foo.bar/z/d", false },
        { Groups, "BazBot", "http://foo.bar/z/d", true },
        { Groups, "FooBot", "http://foo.bar/foo/bar/", false },
        { Groups, "BarBot", "http://foo.bar/foo/bar/", false },
        { Groups, "BazBot", "http://foo.bar/foo/bar/", false },
        // ID_REPLineNamesCaseInsensitive
        { Upper, "FooBot", "http://foo.bar/x/y", true },
        { Lower, "FooBot", "http://foo.bar/x/y", true },
        { Camel, "FooBot", "http://foo.bar/x/y", true },
        { Upper, "FooBot", "http://foo.bar/a/b", false },
        { Lower, "FooBot", "http://foo.bar/a/b", false },
        { Camel, "FooBot", "http://foo.bar/a/b", false },
        // ID_UserAgentValueCaseInsensitive
        { UaUpper, "Foo", "http://foo.bar/x/y", true },
        { UaLower, "Foo", "http://foo.bar/x/y", true },
        { UaCamel, "Foo", "http://foo.bar/x/y", true },
        { UaUpper, "Foo", "http://foo.bar/a/b", false },
        { UaLower, "Foo", "http://foo.bar/a/b", false },
        { UaCamel, "Foo", "http://foo.bar/a/b", false },
        { UaUpper, "foo", "http://foo.bar/x/y", true },
        { UaLower, "foo", "http://foo.bar/x/y", true },
        { UaCamel, "foo", "http://foo.bar/x/y", true },
        { UaUpper, "foo", "http://foo.bar/a/b", false },
        { UaLower, "foo", "http://foo.bar/a/b", false },
        { UaCamel, "foo", "http://foo.bar/a/b", false },
        // GoogleOnly_AcceptUserAgentUpToFirstSpace
        { "User-Agent: *\nDisallow: /\nUser-Agent: Foo Bar\nAllow: /x/\nDisallow: /\n", "Foo", "http://foo.bar/x/y", true },
        { "User-Agent: *\nDisallow: /\nUser-Agent: Foo Bar\nAllow: /x/\nDisallow: /\n", "Foo Bar", "http://foo.bar/x/y", false },
        // ID_GlobalGroups_Secondary
        { "", "FooBot", "http://foo.bar/x/y", true },
        { Global, "FooBot", "http://foo.bar/x/y", false },
        { Global, "BarBot", "http://foo.bar/x/y", true },
        { OnlySpecific, "QuxBot", "http://foo.bar/x/y", true },
        // ID_AllowDisallow_Value_CaseSensitive
        { "user-agent: FooBot\ndisallow: /x/\n", "FooBot", "http://foo.bar/x/y", false },
        { "user-agent: FooBot\ndisallow: /X/\n", "FooBot", "http://foo.bar/x/y", true },
        // ID_LongestMatch
        { "user-agent: FooBot\ndisallow: /x/page.html\nallow: /x/\n", "FooBot", "http://foo.bar/x/page.html", false },
        { "user-agent: FooBot\nallow: /x/page.html\ndisallow: /x/\n", "FooBot", "http://foo.bar/x/page.html", true },
        { "user-agent: FooBot\nallow: /x/page.html\ndisallow: /x/\n", "FooBot", "http://foo.bar/x/", false },
        { "user-agent: FooBot\ndisallow: \nallow: \n", "FooBot", "http://foo.bar/x/page.html", true },
        { "user-agent: FooBot\ndisallow: /\nallow: /\n", "FooBot", "http://foo.bar/x/page.html", true },
        { "user-agent: FooBot\ndisallow: /x\nallow: /x/\n", "FooBot", "http://foo.bar/x", false },
        { "user-agent: FooBot\ndisallow: /x\nallow: /x/\n", "FooBot", "http://foo.bar/x/", true },
        { "user-agent: FooBot\ndisallow: /x/page.html\nallow: /x/page.html\n", "FooBot", "http://foo.bar/x/page.html", true },
        { "user-agent: FooBot\nallow: /page\ndisallow: /*.html\n", "FooBot", "http://foo.bar/page.html", false },
        { "user-agent: FooBot\nallow: /page\ndisallow: /*.html\n", "FooBot", "http://foo.bar/page", true },
        { "user-agent: FooBot\nallow: /x/page.\ndisallow: /*.html\n", "FooBot", "http://foo.bar/x/page.html", true },
        { "user-agent: FooBot\nallow: /x/page.\ndisallow: /*.html\n", "FooBot", "http://foo.bar/x/y.html", false },
        { "User-agent: *\nDisallow: /x/\nUser-agent: FooBot\nDisallow: /y/\n", "FooBot", "http://foo.bar/x/page", true },
        { "User-agent: *\nDisallow: /x/\nUser-agent: FooBot\nDisallow: /y/\n", "FooBot", "http://foo.bar/y/page", false },
        // ID_Encoding
        { "User-agent: FooBot\nDisallow: /\nAllow: /foo/bar?qux=taz&baz=http://foo.bar?tar&par\n", "FooBot", "http://foo.bar/foo/bar?qux=taz&baz=http://foo.bar?tar&par", true },
        { "User-agent: FooBot\nDisallow: /\nAllow: /foo/bar/ツ\n", "FooBot", "http://foo.bar/foo/bar/%E3%83%84", true },
        { "User-agent: FooBot\nDisallow: /\nAllow: /foo/bar/ツ\n", "FooBot", "http://foo.bar/foo/bar/ツ", false },
        { "User-agent: FooBot\nDisallow: /\nAllow: /foo/bar/%E3%83%84\n", "FooBot", "http://foo.bar/foo/bar/%E3%83%84", true },
        { "User-agent: FooBot\nDisallow: /\nAllow: /foo/bar/%E3%83%84\n", "FooBot", "http://foo.bar/foo/bar/ツ", false },
        { "User-agent: FooBot\nDisallow: /\nAllow: /foo/bar/%62%61%7A\n", "FooBot", "http://foo.bar/foo/bar/baz", false },
        { "User-agent: FooBot\nDisallow: /\nAllow: /foo/bar/%62%61%7A\n", "FooBot", "http://foo.bar/foo/bar/%62%61%7A", true },
        // ID_SpecialCharacters
        { "User-agent: FooBot\nDisallow: /foo/bar/quz\nAllow: /foo/*/qux\n", "FooBot", "http://foo.bar/foo/bar/quz", false },
        { "User-agent: FooBot\nDisallow: /foo/bar/quz\nAllow: /foo/*/qux\n", "FooBot", "http://foo.bar/foo/quz", true },
        { "User-agent: FooBot\nDisallow: /foo/bar/quz\nAllow: /foo/*/qux\n", "FooBot", "http://foo.bar/foo//quz", true },
        { "User-agent: FooBot\nDisallow: /foo/bar/quz\nAllow: /foo/*/qux\n", "FooBot", "http://foo.bar/foo/bax/quz", true },
        { "User-agent: FooBot\nDisallow: /foo/bar$\nAllow: /foo/bar/qux\n", "FooBot", "http://foo.bar/foo/bar", false },
        { "User-agent: FooBot\nDisallow: /foo/bar$\nAllow: /foo/bar/qux\n", "FooBot", "http://foo.bar/foo/bar/qux", true },
        { "User-agent: FooBot\nDisallow: /foo/bar$\nAllow: /foo/bar/qux\n", "FooBot", "http://foo.bar/foo/bar/", true },
        { "User-agent: FooBot\nDisallow: /foo/bar$\nAllow: /foo/bar/qux\n", "FooBot", "http://foo.bar/foo/bar/baz", true },
        { "User-agent: FooBot\n# Disallow: /\nDisallow: /foo/quz#qux\nAllow: /\n", "FooBot", "http://foo.bar/foo/bar", true },
        { "User-agent: FooBot\n# Disallow: /\nDisallow: /foo/quz#qux\nAllow: /\n", "FooBot", "http://foo.bar/foo/quz", false },
        // GoogleOnly_IndexHTMLisDirectory
        { IndexHtml, "foobot", "http://foo.com/allowed-slash/", true },
        { IndexHtml, "foobot", "http://foo.com/allowed-slash/index.htm", false },
        { IndexHtml, "foobot", "http://foo.com/allowed-slash/index.html", true },
        { IndexHtml, "foobot", "http://foo.com/anyother-url", false },
        // GoogleOnly_DocumentationChecks: "/fish"
        { Fish, "FooBot", "http://foo.bar/bar", false },
        { Fish, "FooBot", "http://foo.bar/fish", true },
        { Fish, "FooBot", "http://foo.bar/fish.html", true },
        { Fish, "FooBot", "http://foo.bar/fish/salmon.html", true },
        { Fish, "FooBot", "http://foo.bar/fishheads", true },
        { Fish, "FooBot", "http://foo.bar/fishheads/yummy.html", true },
        { Fish, "FooBot", "http://foo.bar/fish.html?id=anything", true },
        { Fish, "FooBot", "http://foo.bar/Fish.asp", false },
        { Fish, "FooBot", "http://foo.bar/catfish", false },
        { Fish, "FooBot", "http://foo.bar/?id=fish", false },
        // "/fish*" equals "/fish"
        { FishStar, "FooBot", "http://foo.bar/bar", false },
        { FishStar, "FooBot", "http://foo.bar/fish", true },
        { FishStar, "FooBot", "http://foo.bar/fish.html", true },
        { FishStar, "FooBot", "http://foo.bar/fish/salmon.html", true },
        { FishStar, "FooBot", "http://foo.bar/fishheads", true },
        { FishStar, "FooBot", "http://foo.bar/fishheads/yummy.html", true },
        { FishStar, "FooBot", "http://foo.bar/fish.html?id=anything", true },
        { FishStar, "FooBot", "http://foo.bar/Fish.bar", false },
        { FishStar, "FooBot", "http://foo.bar/catfish", false },
        { FishStar, "FooBot", "http://foo.bar/?id=fish", false },
        // "/fish/" does not equal "/fish"
        { FishSlash, "FooBot", "http://foo.bar/bar", false },
        { FishSlash, "FooBot", "http://foo.bar/fish/", true },
        { FishSlash, "FooBot", "http://foo.bar/fish/salmon", true },
        { FishSlash, "FooBot", "http://foo.bar/fish/?salmon", true },
        { FishSlash, "FooBot", "http://foo.bar/fish/salmon.html", true },
        { FishSlash, "FooBot", "http://foo.bar/fish/?id=anything", true },
        { FishSlash, "FooBot", "http://foo.bar/fish", false },
        { FishSlash, "FooBot", "http://foo.bar/fish.html", false },
        { FishSlash, "FooBot", "http://foo.bar/Fish/Salmon.html", false },
        // "/*.php"
        { Php, "FooBot", "http://foo.bar/bar", false },
        { Php, "FooBot", "http://foo.bar/filename.php", true },
        { Php, "FooBot", "http://foo.bar/folder/filename.php", true },
        { Php, "FooBot", "http://foo.bar/folder/filename.php?parameters", true },
        { Php, "FooBot", "http://foo.bar//folder/any.php.file.html", true },
        { Php, "FooBot", "http://foo.bar/filename.php/", true },
        { Php, "FooBot", "http://foo.bar/index?f=filename.php/", true },
        { Php, "FooBot", "http://foo.bar/php/", false },
        { Php, "FooBot", "http://foo.bar/index?php", false },
        { Php, "FooBot", "http://foo.bar/windows.PHP", false },
        // "/*.php$"
        { PhpEnd, "FooBot", "http://foo.bar/bar", false },
        { PhpEnd, "FooBot", "http://foo.bar/filename.php", true },
        { PhpEnd, "FooBot", "http://foo.bar/folder/filename.php", true },
        { PhpEnd, "FooBot", "http://foo.bar/filename.php?parameters", false },
        { PhpEnd, "FooBot", "http://foo.bar/filename.php/", false },
        { PhpEnd, "FooBot", "http://foo.bar/filename.php5", false },
        { PhpEnd, "FooBot", "http://foo.bar/php/", false },
        { PhpEnd, "FooBot", "http://foo.bar/filename?php", false },
        { PhpEnd, "FooBot", "http://foo.bar/aaaphpaaa", false },
        { PhpEnd, "FooBot", "http://foo.bar//windows.PHP", false },
        // "/fish*.php"
        { FishPhp, "FooBot", "http://foo.bar/bar", false },
        { FishPhp, "FooBot", "http://foo.bar/fish.php", true },
        { FishPhp, "FooBot", "http://foo.bar/fishheads/catfish.php?parameters", true },
        { FishPhp, "FooBot", "http://foo.bar/Fish.PHP", false },
        // Order of precedence for group-member records
        { "user-agent: FooBot\nallow: /p\ndisallow: /\n", "FooBot", "http://example.com/page", true },
        { "user-agent: FooBot\nallow: /folder\ndisallow: /folder\n", "FooBot", "http://example.com/folder/page", true },
        { "user-agent: FooBot\nallow: /page\ndisallow: /*.htm\n", "FooBot", "http://example.com/page.htm", false },
        { "user-agent: FooBot\nallow: /$\ndisallow: /\n", "FooBot", "http://example.com/", true },
        { "user-agent: FooBot\nallow: /$\ndisallow: /\n", "FooBot", "http://example.com/page.html", false },
        // Line endings (ID_LinesNumbersAreCountedCorrectly) and byte-order mark (ID_UTF8ByteOrderMarkIsSkipped)
        { "User-Agent: foo\r\nAllow: /some/path\r\nUser-Agent: bar\r\n\r\n\r\nDisallow: /\r\n", "bar", "http://foo.bar/x", false },
        { "User-Agent: foo\rAllow: /some/path\rUser-Agent: bar\r\r\rDisallow: /\r", "bar", "http://foo.bar/x", false },
        { "User-Agent: foo\nAllow: /some/path\nUser-Agent: bar\n\n\nDisallow: /", "bar", "http://foo.bar/x", false },
        { "\uFEFFUser-Agent: foo\nDisallow: /AnyValue\n", "foo", "http://foo.bar/AnyValue", false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesGoogleConformanceCases(string robotsTxt, string userAgent, string url, bool allowed)
    {
        Assert.Equal(allowed, RobotsTxt.Parse(robotsTxt).IsAllowed(userAgent, url));
    }

    [Theory]
    [InlineData("Foobot", true)]
    [InlineData("Foobot-Bar", true)]
    [InlineData("Foo_Bar", true)]
    [InlineData("", false)]
    [InlineData("ツ", false)]
    [InlineData("Foobot*", false)]
    [InlineData(" Foobot ", false)]
    [InlineData("Foobot/2.1", false)]
    [InlineData("Foobot Bar", false)]
    public void ValidatesProductTokens(string token, bool valid) => Assert.Equal(valid, RobotsTxt.IsValidProductToken(token));

    [Theory]
    [InlineData("", "/")]
    [InlineData("http://www.example.com", "/")]
    [InlineData("http://www.example.com/", "/")]
    [InlineData("http://www.example.com/a", "/a")]
    [InlineData("http://www.example.com/a/", "/a/")]
    [InlineData("http://www.example.com/a/b?c=http://d.e/", "/a/b?c=http://d.e/")]
    [InlineData("http://www.example.com/a/b?c=d&e=f#fragment", "/a/b?c=d&e=f")]
    [InlineData("example.com", "/")]
    [InlineData("example.com/", "/")]
    [InlineData("example.com/a", "/a")]
    [InlineData("example.com/a/", "/a/")]
    [InlineData("example.com/a/b?c=d&e=f#fragment", "/a/b?c=d&e=f")]
    [InlineData("a", "/")]
    [InlineData("a/", "/")]
    [InlineData("/a", "/a")]
    [InlineData("a/b", "/b")]
    [InlineData("example.com?a", "/?a")]
    [InlineData("example.com/a;b#c", "/a;b")]
    [InlineData("//a/b/c", "/b/c")]
    public void ExtractsPathParamsAndQuery(string url, string expected) => Assert.Equal(expected, RobotsTxt.PathParamsQuery(url));

    [Theory]
    [InlineData("http://www.example.com", "http://www.example.com")]
    [InlineData("/a/b/c", "/a/b/c")]
    [InlineData("á", "%C3%A1")]
    [InlineData("%aa", "%AA")]
    public void EscapesPatterns(string pattern, string expected) => Assert.Equal(expected, RobotsTxt.EscapePattern(pattern));

    [Fact]
    public void CutsOverlongLinesLikeGoogle()
    {
        const int maxLine = 2083 * 8;
        var longline = "/x/";
        var maxLength = maxLine - longline.Length - "disallow: ".Length + 1;
        longline = longline.PadRight(maxLength, 'a');
        var robots = RobotsTxt.Parse("user-agent: FooBot\ndisallow: " + longline + "/qux\n");
        Assert.True(robots.IsAllowed("FooBot", "http://foo.bar/fux"));
        Assert.False(robots.IsAllowed("FooBot", "http://foo.bar" + longline + "/fux"));
    }

    [Fact]
    public void ReadsSitemapLinesAnywhereAndCrawlDelay()
    {
        var robots = RobotsTxt.Parse("Sitemap: http://foo.bar/sitemap.xml\nUser-Agent: llmstxt-bot\nCrawl-delay: 2.5\nDisallow: /private\n");
        Assert.Equal(["http://foo.bar/sitemap.xml"], robots.Sitemaps);
        Assert.Equal(TimeSpan.FromSeconds(2.5), robots.CrawlDelay("llmstxt-bot"));
        Assert.False(robots.IsAllowed("llmstxt-bot", "/private/a"));
    }
}
