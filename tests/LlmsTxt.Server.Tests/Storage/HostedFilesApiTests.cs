using System.Net;
using System.Net.Http.Headers;
using LlmsTxt.Server.Storage;
using LlmsTxt.Server.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace LlmsTxt.Server.Tests.Storage;

public sealed class HostedFilesApiTests : IDisposable
{
    private readonly string _dataDir = TestServices.NewTempFolder();
    private readonly SettingsAppFactory _factory;

    public HostedFilesApiTests() =>
        _factory = new SettingsAppFactory(new Dictionary<string, string?> { ["DATA_DIR"] = _dataDir, ["PUBLIC_BASE_URL"] = "https://llms.example.test" });

    private async Task<string> PutAsync(string text)
    {
        var store = _factory.Services.GetRequiredService<IFileStore>();
        var key = StorageKeys.LlmsTxt("https://site-" + Guid.NewGuid().ToString("N") + ".test/");
        var info = await store.PutTextAsync(key, text);
        Assert.Equal("https://llms.example.test/" + key, info.PublicUrl);
        return "/" + key;
    }

    [Fact]
    public async Task ServesMarkdownWithValidators()
    {
        var path = await PutAsync("# Hosted\n");
        using var client = _factory.CreateClient();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/markdown; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.NotNull(response.Headers.ETag);
        Assert.NotNull(response.Content.Headers.LastModified);
        Assert.Equal("# Hosted\n", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AnswersNotModifiedForAMatchingETag()
    {
        var path = await PutAsync("# Cached\n");
        using var client = _factory.CreateClient();
        using var first = await client.GetAsync(new Uri(path, UriKind.Relative));

        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var second = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
    }

    [Fact]
    public async Task AnswersFullBodyForAStaleETag()
    {
        var path = await PutAsync("# Fresh\n");
        using var client = _factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"stale\""));

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("# Fresh\n", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AnswersNotModifiedSinceLastModified()
    {
        var path = await PutAsync("# Dated\n");
        using var client = _factory.CreateClient();
        using var first = await client.GetAsync(new Uri(path, UriKind.Relative));

        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.IfModifiedSince = first.Content.Headers.LastModified;
        using var second = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
    }

    [Theory]
    [InlineData("/llms/0123456789abcdef0123456789abcdef.txt")]
    [InlineData("/llms/nested/file.txt")]
    [InlineData("/llms/..%2F..%2Fetc%2Fpasswd")]
    [InlineData("/llms/.hidden.txt")]
    public async Task MissingFilesArePlainNotFound(string path)
    {
        using var client = _factory.CreateClient();
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("<html", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    public void Dispose() => _factory.Dispose();
}
