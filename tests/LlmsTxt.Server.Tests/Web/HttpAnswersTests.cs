using LlmsTxt.Server.Tests.Support;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using LlmsTxt.Server.Storage;
using LlmsTxt.Server.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace LlmsTxt.Server.Tests.Web;

public sealed class HttpAnswersTests : IDisposable
{
    private readonly ServerHost _factory = new(new Dictionary<string, string?> { ["DATA_DIR"] = TestServices.NewTempFolder(), ["SCHEDULER_ENABLED"] = "false" });

    [Theory]
    [InlineData("GET", "/no-such-page", HttpStatusCode.NotFound, "Not found: GET /no-such-page")]
    [InlineData("DELETE", "/health", HttpStatusCode.MethodNotAllowed, "/health answers GET")]
    [InlineData("PUT", "/auth/token", HttpStatusCode.MethodNotAllowed, "answers POST")]
    [InlineData("GET", "/api/sites?limit=many", HttpStatusCode.BadRequest, "Bad request")]
    public async Task RoutingAndBindingErrorsHaveADetailBody(string method, string path, HttpStatusCode status, string detail)
    {
        using var client = _factory.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
        request.Headers.Add("X-API-Key", "anything");

        using var response = await client.SendAsync(request);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(detail, body.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task PageApiAndHostedFilesAreCompressedAndHostedFilesKeepTheirETag(string encoding)
    {
        var text = "# Hosted\n\n" + string.Concat(Enumerable.Repeat("- [Page](https://example.test/page): words words words\n", 200));
        var store = _factory.Services.GetRequiredService<IFileStore>();
        var key = StorageKeys.LlmsTxt("https://compressed-" + Guid.NewGuid().ToString("N") + ".test/");
        await store.PutTextAsync(key, text);
        using var client = _factory.CreateClient();
        client.DefaultRequestHeaders.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));

        foreach (var path in new[] { "/", "/app.js", "/openapi/v1.json", "/" + key })
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal([encoding], response.Content.Headers.ContentEncoding);
        }

        using var hosted = await client.GetAsync(new Uri("/" + key, UriKind.Relative));
        Assert.NotNull(hosted.Headers.ETag);
        await using var raw = await hosted.Content.ReadAsStreamAsync();
        await using Stream decoded = encoding == "br" ? new BrotliStream(raw, CompressionMode.Decompress) : new GZipStream(raw, CompressionMode.Decompress);
        using var reader = new StreamReader(decoded);
        Assert.Equal(text, await reader.ReadToEndAsync());

        using var again = new HttpRequestMessage(HttpMethod.Get, new Uri("/" + key, UriKind.Relative));
        again.Headers.IfNoneMatch.Add(hosted.Headers.ETag!);
        using var notModified = await client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
    }

    [Fact]
    public async Task OpenApiDeclaresTheApiKeySchemeIntegerExpiryAndEveryDocumentedAnswer()
    {
        using var client = _factory.CreateClient();
        using var document = JsonDocument.Parse(await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)));
        var root = document.RootElement;

        var scheme = root.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
        Assert.Equal("apiKey", scheme.GetProperty("type").GetString());
        Assert.Equal("X-API-Key", scheme.GetProperty("name").GetString());
        Assert.Equal("header", scheme.GetProperty("in").GetString());
        Assert.True(root.GetProperty("paths").GetProperty("/api/sites").GetProperty("get").GetProperty("security")[0].TryGetProperty("ApiKey", out _));
        Assert.Equal("integer", root.GetProperty("components").GetProperty("schemas").GetProperty("TokenResponse")
            .GetProperty("properties").GetProperty("expires_in").GetProperty("type").GetString());
        var ready = root.GetProperty("paths").GetProperty("/health/ready").GetProperty("get").GetProperty("responses");
        Assert.True(ready.TryGetProperty("200", out _) && ready.TryGetProperty("503", out _));
        var hosted = root.GetProperty("paths").GetProperty("/llms/{file}").GetProperty("get").GetProperty("responses");
        Assert.True(hosted.TryGetProperty("304", out _) && hosted.TryGetProperty("404", out _));
    }

    public void Dispose() => _factory.Dispose();
}
