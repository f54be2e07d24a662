using LlmsTxt.Server.Crawls;
using LlmsTxt.Server.Publishing;

namespace LlmsTxt.Server.Tests.Crawls;

/// <summary>The <c>webhookSecret</c> request field (an extension): validated, and never repeated in an error or a dump.</summary>
public sealed class WebhookSecretParsingTests
{
    private const string Good = "s3cret-Value_0123456789";

    private static string Request(string secretJson, bool autoUpdate = true) =>
        $$"""{"url":"https://example.com","enableAutoUpdate":{{(autoUpdate ? "true" : "false")}},"webhookSecret":{{secretJson}}}""";

    [Fact]
    public void AcceptedWithEnableAutoUpdateAndHiddenFromToString()
    {
        var parsed = Assert.IsType<CrawlRequested>(CrawlRequestParser.Parse(Request($"\"{Good}\"")));

        Assert.Equal(Good, parsed.Request.WebhookSecret?.Value);
        Assert.DoesNotContain(Good, parsed.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void AbsentOrNullMeansNoSecret()
    {
        Assert.Null(Assert.IsType<CrawlRequested>(CrawlRequestParser.Parse("""{"url":"https://example.com"}""")).Request.WebhookSecret);
        Assert.Null(Assert.IsType<CrawlRequested>(CrawlRequestParser.Parse(Request("null"))).Request.WebhookSecret);
    }

    [Theory]
    [InlineData("\"short-secret-15\"", "16 to 200")]
    [InlineData("\"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdefX\"", "16 to 200")]
    [InlineData("\"has a space in it 123\"", "printable ASCII")]
    [InlineData("\"tab\\tinside-0123456789\"", "printable ASCII")]
    [InlineData("\"accents-éééééééééééé\"", "printable ASCII")]
    [InlineData("12345678901234567", "string")]
    [InlineData("true", "string")]
    public void BadSecretIsRefusedWithoutEchoingIt(string secretJson, string allowed)
    {
        var invalid = Assert.IsType<InvalidClientMessage>(CrawlRequestParser.Parse(Request(secretJson)));

        Assert.Equal("webhookSecret", invalid.Field);
        Assert.Contains(allowed, invalid.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(secretJson.Trim('"'), invalid.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SecretWithoutEnableAutoUpdateIsRefused()
    {
        var invalid = Assert.IsType<InvalidClientMessage>(CrawlRequestParser.Parse(Request($"\"{Good}\"", autoUpdate: false)));

        Assert.Equal("webhookSecret", invalid.Field);
        Assert.Contains("enableAutoUpdate", invalid.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Good, invalid.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StoredFormIsASaltedHashThatOnlyTheSecretMatches()
    {
        var first = WebhookSecrets.Protect(Good)!;
        var second = WebhookSecrets.Protect(Good)!;

        Assert.DoesNotContain(Good, first, StringComparison.Ordinal);
        Assert.NotEqual(first, second); // salted
        Assert.True(WebhookSecrets.Matches(first, Good));
        Assert.True(WebhookSecrets.Matches(second, Good));
        Assert.False(WebhookSecrets.Matches(first, Good + "x"));
        Assert.False(WebhookSecrets.Matches(first, ""));
        Assert.False(WebhookSecrets.Matches(first, null));
        Assert.Equal(first, WebhookSecrets.Protect(first));
        Assert.True(WebhookSecrets.Matches(null, null)); // no secret: anyone may call
    }
}
