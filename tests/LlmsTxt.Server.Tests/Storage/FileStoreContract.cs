using LlmsTxt.Server.Storage;

namespace LlmsTxt.Server.Tests.Storage;

/// <summary>Behaviour every <see cref="IFileStore"/> must have; run against the folder and the real S3 server.</summary>
public abstract class FileStoreContract
{
    protected abstract IFileStore Store { get; }

    protected abstract string ExpectedPublicUrl(string key);

    /// <summary>
    /// s3rver rewrites objects in place, so a read racing a write can fail (the SDK's length/MD5
    /// checks catch the torn body). Failing is allowed there; returning a torn file never is.
    /// </summary>
    protected virtual bool ReadsMayFailDuringWrites => false;

    private static string NewKey(string suffix = ".txt") => $"llms/{Guid.NewGuid():N}{suffix}";

    [Fact]
    public async Task PutThenGetReturnsTheSameTextWithValidators()
    {
        var key = NewKey();
        const string text = "# Site\n\n> Summary with ünïcödé — and emoji 🚀\n";
        var info = await Store.PutTextAsync(key, text);
        var stored = await Store.GetTextAsync(key);

        Assert.NotNull(stored);
        Assert.Equal(text, stored.Content);
        Assert.StartsWith("\"", stored.ETag, StringComparison.Ordinal);
        Assert.Equal(info.ETag, stored.ETag);
        Assert.InRange(stored.LastModified, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(1));
        Assert.Equal(ExpectedPublicUrl(key), info.PublicUrl);
    }

    [Fact]
    public async Task OverwriteReplacesContentAndChangesETag()
    {
        var key = NewKey();
        var first = await Store.PutTextAsync(key, "first version\n");
        var second = await Store.PutTextAsync(key, "second, longer version\n");
        var stored = await Store.GetTextAsync(key);

        Assert.Equal("second, longer version\n", stored!.Content);
        Assert.NotEqual(first.ETag, second.ETag);
        Assert.Equal(second.ETag, stored.ETag);
    }

    [Fact]
    public async Task MissingKeyReadsAsNullAndDeletesAsFalse()
    {
        var key = NewKey();
        Assert.Null(await Store.GetTextAsync(key));
        Assert.False(await Store.DeleteAsync(key));
    }

    [Fact]
    public async Task ExistsFollowsPutAndDelete()
    {
        var key = NewKey();
        Assert.False(await Store.ExistsAsync(key));
        await Store.PutTextAsync(key, "x");
        Assert.True(await Store.ExistsAsync(key));
        await Store.DeleteAsync(key);
        Assert.False(await Store.ExistsAsync(key));
    }

    [Fact]
    public async Task DeleteRemovesTheFile()
    {
        var key = NewKey();
        await Store.PutTextAsync(key, "x");
        Assert.True(await Store.DeleteAsync(key));
        Assert.Null(await Store.GetTextAsync(key));
    }

    [Fact]
    public void PublicUrlJoinsBaseAndKey()
    {
        Assert.Equal(ExpectedPublicUrl("llms/abc.txt"), Store.GetPublicUrl("llms/abc.txt"));
    }

    [Theory]
    [InlineData("../escape.txt")]
    [InlineData("llms/../../etc/passwd")]
    [InlineData("/etc/passwd")]
    [InlineData("llms\\..\\x.txt")]
    [InlineData("llms//x.txt")]
    [InlineData("llms/./x.txt")]
    [InlineData("")]
    [InlineData("llms/%2e%2e/x.txt")]
    public async Task PathTraversalKeysAreRefused(string key)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Store.PutTextAsync(key, "nope"));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.GetTextAsync(key));
        Assert.Throws<ArgumentException>(() => Store.GetPublicUrl(key));
    }

    [Fact]
    public async Task ReaderNeverSeesAHalfWrittenFile()
    {
        var key = NewKey();
        var a = new string('a', 256 * 1024) + "\n";
        var b = new string('b', 300 * 1024) + "\n";
        await Store.PutTextAsync(key, a);

        var writer = Task.Run(async () =>
        {
            for (var i = 0; i < 12; i++)
            {
                await Store.PutTextAsync(key, i % 2 == 0 ? b : a);
            }
        });
        var reads = 0;
        while (!writer.IsCompleted || reads < 5)
        {
            StoredFile? seen;
            try
            {
                seen = await Store.GetTextAsync(key);
            }
            catch (Exception e) when (ReadsMayFailDuringWrites && e is not Xunit.Sdk.XunitException)
            {
                reads++;
                continue;
            }

            Assert.NotNull(seen);
            Assert.True(seen.Content == a || seen.Content == b, $"read {reads}: got {seen.Content.Length} characters, a mix or a partial file");
            reads++;
        }

        await writer;
    }

    [Fact]
    public async Task ReadinessCheckPasses()
    {
        var check = await Store.CheckReadyAsync();
        Assert.True(check.Ready, check.Error);
    }
}
