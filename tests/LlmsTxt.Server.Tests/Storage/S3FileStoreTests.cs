using Amazon.S3.Model;
using LlmsTxt.Server.Storage;
using LlmsTxt.Server.Tests.Hosting;

namespace LlmsTxt.Server.Tests.Storage;

/// <summary>A fresh bucket on the real S3-compatible server (s3rver from test.sh) for one test class.</summary>
public sealed class S3BucketFixture : IAsyncLifetime
{
    public string Bucket { get; } = "llmstxt-" + Guid.NewGuid().ToString("N")[..20];

    public StorageOptions Options(string? publicDomain = null) => new()
    {
        S3Endpoint = TestServices.S3Endpoint,
        S3AccessKey = TestServices.S3AccessKey,
        S3SecretKey = TestServices.S3SecretKey,
        S3Bucket = Bucket,
        S3PublicDomain = publicDomain,
    };

    public async Task InitializeAsync()
    {
        using var client = S3FileStore.CreateClient(Options());
        await client.PutBucketAsync(new PutBucketRequest { BucketName = Bucket });
    }

    public Task DisposeAsync() => Task.CompletedTask;
}

public sealed class S3FileStoreTests(S3BucketFixture bucket) : FileStoreContract, IClassFixture<S3BucketFixture>, IDisposable
{
    private readonly S3FileStore _store = new(bucket.Options());

    protected override IFileStore Store => _store;

    protected override string ExpectedPublicUrl(string key) => $"{TestServices.S3Endpoint}/{bucket.Bucket}/{key}";

    protected override bool ReadsMayFailDuringWrites => true;

    [Fact]
    public async Task UploadsAsMarkdownUtf8()
    {
        await _store.PutTextAsync("llms/type.txt", "# T\n");
        var metadata = await _store.Client.GetObjectMetadataAsync(bucket.Bucket, "llms/type.txt");
        Assert.Equal("text/markdown; charset=utf-8", metadata.Headers.ContentType);
    }

    [Fact]
    public void PublicUrlUsesThePublicDomainWhenSet()
    {
        using var store = new S3FileStore(bucket.Options("files.example.test"));
        Assert.Equal("https://files.example.test/llms/k.txt", store.GetPublicUrl("llms/k.txt"));
    }

    [Fact]
    public async Task ReadinessFailsForAMissingBucket()
    {
        var options = bucket.Options();
        options.S3Bucket = "missing-" + Guid.NewGuid().ToString("N")[..12];
        using var store = new S3FileStore(options);

        var check = await store.CheckReadyAsync();

        Assert.False(check.Ready);
        Assert.Contains(options.S3Bucket, check.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _store.Dispose();
}
