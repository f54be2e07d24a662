using LlmsTxt.TestSites;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace LlmsTxt.Core.Tests;

public sealed class TestWebServerTests
{
    [Fact]
    public async Task FixtureServerListensOnLoopbackAndRecordsRequests()
    {
        await using var server = await TestWebServer.StartAsync(app => app.MapGet("/hello", () => "hi"));
        using var client = new HttpClient();
        var body = await client.GetStringAsync(server.Url("/hello"));
        Assert.Equal("hi", body);
        Assert.Equal("127.0.0.1", server.BaseUri.Host);
        Assert.Equal(1, server.RequestCount("/hello"));
    }
}
