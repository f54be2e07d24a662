using LlmsTxt.Server.Storage;

namespace LlmsTxt.Server.Tests.Storage;

public sealed class StorageKeysTests
{
    [Fact]
    public void KeyIsMd5HexOfTheBaseUrl()
    {
        // md5("https://example.com/") computed independently (python hashlib).
        Assert.Equal("llms/182ccedb33a9e03fbf1079b209da1a31.txt", StorageKeys.LlmsTxt("https://example.com/"));
        Assert.Equal("llms/182ccedb33a9e03fbf1079b209da1a31-full.txt", StorageKeys.LlmsFullTxt("https://example.com/"));
    }

    [Theory]
    [InlineData("llms/abc.txt", true)]
    [InlineData("llms/abc-full.txt", true)]
    [InlineData("../abc.txt", false)]
    [InlineData("llms/..", false)]
    [InlineData("llms/a b.txt", false)]
    public void ValidatesKeys(string key, bool valid) => Assert.Equal(valid, StorageKeys.IsValid(key));
}
