using LlmsTxt.Server.Crawls;

namespace LlmsTxt.Server.Tests;

public sealed class CrawlRequestParserTests
{
    /// <summary>Every bad request, with the field its error must name and a word of what is allowed.</summary>
    public static TheoryData<string, string, string> BadRequests() => new()
    {
        { "not json", "request", "JSON object" },
        { "", "request", "JSON object" },
        { "[1,2]", "request", "JSON object" },
        { "\"https://example.com\"", "request", "JSON object" },
        { "{}", "url", "required" },
        { """{"url":null}""", "url", "required" },
        { """{"url":""}""", "url", "required" },
        { """{"url":"   "}""", "url", "required" },
        { """{"url":42}""", "url", "http or https" },
        { """{"url":["https://example.com"]}""", "url", "http or https" },
        { """{"url":"example.com"}""", "url", "absolute http or https" },
        { """{"url":"/docs"}""", "url", "absolute http or https" },
        { """{"url":"ftp://example.com/"}""", "url", "absolute http or https" },
        { """{"url":"javascript:alert(1)"}""", "url", "absolute http or https" },
        { """{"url":"https://user:pw@example.com/"}""", "url", "user name or password" },
        { "{\"url\":\"https://example.com/" + new string('a', 2100) + "\"}", "url", "2083" },
        { """{"url":"https://example.com","maxPages":0}""", "maxPages", "1 to 1000" },
        { """{"url":"https://example.com","maxPages":1001}""", "maxPages", "1 to 1000" },
        { """{"url":"https://example.com","maxPages":-5}""", "maxPages", "1 to 1000" },
        { """{"url":"https://example.com","maxPages":10.5}""", "maxPages", "whole number" },
        { """{"url":"https://example.com","maxPages":"10"}""", "maxPages", "whole number" },
        { """{"url":"https://example.com","maxPages":99999999999}""", "maxPages", "1 to 1000" },
        { """{"url":"https://example.com","maxPages":true}""", "maxPages", "1 to 1000" },
        { """{"url":"https://example.com","descLength":99}""", "descLength", "100 to 2000" },
        { """{"url":"https://example.com","descLength":2001}""", "descLength", "100 to 2000" },
        { """{"url":"https://example.com","recrawlIntervalMinutes":59}""", "recrawlIntervalMinutes", "60 to 43200" },
        { """{"url":"https://example.com","recrawlIntervalMinutes":43201}""", "recrawlIntervalMinutes", "60 to 43200" },
        { """{"url":"https://example.com","enableAutoUpdate":"yes"}""", "enableAutoUpdate", "true or false" },
        { """{"url":"https://example.com","llmEnhance":1}""", "llmEnhance", "true or false" },
        { """{"url":"https://example.com","useBrightdata":"true"}""", "useBrightdata", "true or false" },
        { """{"url":"https://example.com","renderJs":{}}""", "renderJs", "true or false" },
        { """{"url":"https://example.com","full":[]}""", "full", "true or false" },
        { """{"url":"https://example.com","useBrightdata":true,"renderJs":false}""", "renderJs", "useBrightdata" },
        { """{"url":"https://example.com","maxPages":5,"maxPages":6}""", "maxPages", "once" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public void NamesTheFieldAndWhatIsAllowed(string message, string field, string allowed)
    {
        var invalid = Assert.IsType<InvalidClientMessage>(CrawlRequestParser.Parse(message));
        Assert.Equal(field, invalid.Field);
        Assert.Contains(field, invalid.Message, StringComparison.Ordinal);
        Assert.Contains(allowed, invalid.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AppliesSpecDefaults()
    {
        var request = Assert.IsType<CrawlRequested>(CrawlRequestParser.Parse("""{"url":"https://example.com/docs/"}""")).Request;
        Assert.Equal(new Uri("https://example.com/docs/"), request.Url);
        Assert.Equal(50, request.MaxPages);
        Assert.Equal(500, request.DescLength);
        Assert.False(request.EnableAutoUpdate);
        Assert.Equal(TimeSpan.FromMinutes(10080), request.RecrawlInterval);
        Assert.False(request.LlmEnhance);
        Assert.Null(request.RenderJs);
        Assert.False(request.Full);
    }

    [Fact]
    public void ReadsEveryFieldAtItsBounds()
    {
        var request = Assert.IsType<CrawlRequested>(CrawlRequestParser.Parse("""
            {"url":" http://example.com ","maxPages":1000,"descLength":100,"enableAutoUpdate":true,
             "recrawlIntervalMinutes":60,"llmEnhance":true,"useBrightdata":false,"full":true}
            """)).Request;
        Assert.Equal(new Uri("http://example.com/"), request.Url);
        Assert.Equal(1000, request.MaxPages);
        Assert.Equal(100, request.DescLength);
        Assert.True(request.EnableAutoUpdate);
        Assert.Equal(TimeSpan.FromMinutes(60), request.RecrawlInterval);
        Assert.True(request.LlmEnhance);
        Assert.False(request.RenderJs);
        Assert.True(request.Full);
    }

    [Theory]
    [InlineData("""{"url":"https://example.com","renderJs":true}""", true)]
    [InlineData("""{"url":"https://example.com","useBrightdata":true}""", true)]
    [InlineData("""{"url":"https://example.com","useBrightdata":true,"renderJs":true}""", true)]
    [InlineData("""{"url":"https://example.com","renderJs":false}""", false)]
    [InlineData("""{"url":"https://example.com","renderJs":null}""", null)]
    public void RenderJsIsAnAliasOfUseBrightdata(string message, bool? expected)
    {
        Assert.Equal(expected, Assert.IsType<CrawlRequested>(CrawlRequestParser.Parse(message)).Request.RenderJs);
    }

    [Fact]
    public void IgnoresUnknownFieldsAndMatchesNamesWhateverTheCase()
    {
        var request = Assert.IsType<CrawlRequested>(CrawlRequestParser.Parse("""{"URL":"https://example.com","MaxPages":7,"colour":"blue","nested":{"maxPages":0},"type":"crawl"}""")).Request;
        Assert.Equal(7, request.MaxPages);
    }

    [Fact]
    public void NullMeansTheDefault()
    {
        var request = Assert.IsType<CrawlRequested>(CrawlRequestParser.Parse("""{"url":"https://example.com","maxPages":null,"full":null}""")).Request;
        Assert.Equal(50, request.MaxPages);
        Assert.False(request.Full);
    }

    [Theory]
    [InlineData("""{"type":"cancel"}""")]
    [InlineData("""{"type":"cancel","url":"https://example.com"}""")]
    public void RecognisesCancel(string message) => Assert.IsType<CancelRequested>(CrawlRequestParser.Parse(message));
}
