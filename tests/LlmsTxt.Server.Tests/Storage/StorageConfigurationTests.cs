using LlmsTxt.Server.Storage;
using LlmsTxt.Server.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LlmsTxt.Server.Tests.Storage;

public sealed class StorageConfigurationTests
{
    [Fact]
    public void DefaultsToTheLocalFolder()
    {
        using var factory = new SettingsAppFactory(new Dictionary<string, string?> { ["DATA_DIR"] = TestServices.NewTempFolder() });
        var store = factory.Services.GetRequiredService<IFileStore>();
        Assert.IsType<LocalFileStore>(store);
        Assert.Equal("http://localhost:8000/llms/x.txt", store.GetPublicUrl("llms/x.txt"));
    }

    [Fact]
    public void AcceptsR2NamesForTheS3Settings()
    {
        using var factory = new SettingsAppFactory(new Dictionary<string, string?>
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
        using var factory = new SettingsAppFactory(new Dictionary<string, string?> { [name] = value });
        var error = Assert.ThrowsAny<OptionsValidationException>(() => factory.Services);
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BadPublicBaseUrlFailsStartUp()
    {
        using var factory = new SettingsAppFactory(new Dictionary<string, string?> { ["PUBLIC_BASE_URL"] = "not a url", ["DATA_DIR"] = TestServices.NewTempFolder() });
        var error = Assert.ThrowsAny<OptionsValidationException>(() => factory.Services);
        Assert.Contains("PUBLIC_BASE_URL", error.Message, StringComparison.Ordinal);
    }
}
