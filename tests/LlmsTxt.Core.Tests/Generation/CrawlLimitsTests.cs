using LlmsTxt.Core.Crawling;
using LlmsTxt.Core.Extraction;
using LlmsTxt.Core.Generation;

namespace LlmsTxt.Core.Tests.Generation;

public sealed class CrawlLimitsTests
{
    [Fact]
    public void RequestsDefaultToTheContractsNumbers()
    {
        var request = new GenerationRequest { Url = new Uri("https://example.com/") };
        Assert.Equal(50, request.MaxPages);
        Assert.Equal(500, request.DescLength);
        Assert.Equal(500, new ExtractionOptions().DescLength);
        Assert.Equal(2083, new CrawlOptions().MaxUrlLength);
    }

    [Theory]
    [InlineData(0, 500, "maxPages must be between 1 and 1000, got 0")]
    [InlineData(1001, 500, "maxPages must be between 1 and 1000, got 1001")]
    [InlineData(50, 99, "descLength must be between 100 and 2000, got 99")]
    public async Task GeneratorRefusesOutOfRangeRequestsNamingTheRange(int maxPages, int descLength, string message)
    {
        using var generator = new LlmsTxtGenerator();
        var error = await Assert.ThrowsAsync<ArgumentException>(() => generator.GenerateAsync(
            new GenerationRequest { Url = new Uri("http://127.0.0.1:9/"), MaxPages = maxPages, DescLength = descLength }, progress: null));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OutOfRangeCrawlOptionNamesItsPropertyNotAServerVariable()
    {
        var error = Assert.Throws<InvalidSettingException>(() => new CrawlOptions { MaxRedirects = 99 }.Validate());
        Assert.Equal(nameof(CrawlOptions.MaxRedirects), error.Setting);
        Assert.Equal("MaxRedirects is out of range; allowed: 0-20.", error.Message);
    }
}
