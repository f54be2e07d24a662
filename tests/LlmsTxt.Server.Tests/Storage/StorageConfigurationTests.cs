using LlmsTxt.Server.Tests.Support;
using LlmsTxt.Server.Configuration;
using LlmsTxt.Server.Storage;
using Microsoft.Extensions.Configuration;
using LlmsTxt.Server.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LlmsTxt.Server.Tests.Storage;

public sealed class StorageConfigurationTests
{
    [Fact]
    public void DefaultsToTheLocalFolder()
    {
        using var factory = new ServerHost(new Dictionary<string, string?> { ["DATA_DIR"] = TestServices.NewTempFolder() });
        var store = factory.Services.GetRequiredService<IFileStore>();
        Assert.IsType<LocalFileStore>(store);
        // The server's own address (PORT=0 here, so the port it got) when neither PUBLIC_BASE_URL nor a bucket says otherwise.
        Assert.Equal($"http://localhost:{factory.BaseUri.Port}/llms/x.txt", store.GetPublicUrl("llms/x.txt"));
    }

    [Fact]
    public void AcceptsR2NamesForTheS3Settings()
    {
        using var factory = new ServerHost(new Dictionary<string, string?>
        {
            ["R2_ENDPOINT"] = "http://127.0.0.1:9/",
            ["R2_BUCKET"] = "my-bucket",
            ["R2_ACCESS_KEY_ID"] = "id",
            ["R2_SECRET_ACCESS_KEY"] = "secret",
            ["R2_PUBLIC_DOMAIN"] = "pub.example.test",
        });
        var store = factory.Services.GetRequiredService<IFileStore>();
        Assert.IsType<S3FileStore>(store);
        Assert.Equal("https://pub.example.test/llms/x.txt", store.GetPublicUrl("llms/x.txt"));
    }

    [Theory]
    [InlineData("S3_ENDPOINT", "http://127.0.0.1:9", "S3_BUCKET")]
    [InlineData("S3_BUCKET", "Bad_Bucket", "S3_BUCKET")]
    [InlineData("S3_BUCKET", "good-bucket", "S3_ACCESS_KEY")]
    public void MisconfiguredS3FailsStartUpNamingTheSetting(string name, string value, string named)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Read(new() { [name] = value }));
        Assert.Contains(error.Failures, f => f.StartsWith(named, StringComparison.Ordinal));
    }

    [Fact]
    public void BadPublicBaseUrlFailsStartUp()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Read(new() { ["PUBLIC_BASE_URL"] = "not a url" }));
        Assert.Contains(error.Failures, f => f.StartsWith("PUBLIC_BASE_URL", StringComparison.Ordinal));
    }

    [Fact]
    public void SecretsAreNeverEchoedInStartUpErrors()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Read(new() { ["S3_SECRET_KEY"] = "top-secret-value" }));
        Assert.DoesNotContain("top-secret-value", error.Message, StringComparison.Ordinal);
    }

    /// <summary>The same registration the server uses, resolved as start-up validation does.</summary>
    private static StorageOptions Read(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddEnvOptions<StorageOptions>(StorageOptions.Read);
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<StorageOptions>>().Value;
    }
}
