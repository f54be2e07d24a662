using LlmsTxt.Server.Tests.Support;
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

    [Fact]
    public async Task TheServerServesBucketFilesUnderLlms()
    {
        await _store.PutTextAsync("llms/0123456789abcdef0123456789abcdef.txt", "# From the bucket\n");
        using var factory = new ServerHost(new Dictionary<string, string?>
        {
            ["DATA_DIR"] = TestServices.NewTempFolder(),
            ["SCHEDULER_ENABLED"] = "false",
            ["S3_ENDPOINT"] = TestServices.S3Endpoint,
            ["S3_BUCKET"] = bucket.Bucket,
            ["S3_ACCESS_KEY"] = TestServices.S3AccessKey,
            ["S3_SECRET_KEY"] = TestServices.S3SecretKey,
        });
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/llms/0123456789abcdef0123456789abcdef.txt", UriKind.Relative));
        using var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/markdown; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.NotNull(response.Headers.ETag);
        Assert.Equal("# From the bucket\n", await response.Content.ReadAsStringAsync());
        Assert.True(ready.IsSuccessStatusCode, await ready.Content.ReadAsStringAsync());
    }

    public void Dispose() => _store.Dispose();
}
