using System.Text.Json;
using LlmsTxt.Server.Tests.Support;

namespace LlmsTxt.Server.Tests;

public sealed class OpenApiTests(OpenServer server) : IClassFixture<OpenServer>
{
    [Fact]
    public async Task DocumentDescribesTheHttpEndpoints()
    {
        using var http = server.Http();
        using var document = JsonDocument.Parse(await http.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)));
        Assert.Equal("llmstxt", document.RootElement.GetProperty("info").GetProperty("title").GetString());
        var paths = document.RootElement.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/health", out _));
        var token = paths.GetProperty("/auth/token").GetProperty("post");
        Assert.Contains(token.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "X-API-Key");
        foreach (var status in new[] { "200", "401", "429", "500" })
        {
            Assert.True(token.GetProperty("responses").TryGetProperty(status, out _), status);
        }
    }
}
