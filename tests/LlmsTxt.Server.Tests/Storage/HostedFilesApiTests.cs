using LlmsTxt.Server.Tests.Support;
using System.Net;
using System.Net.Http.Headers;
using LlmsTxt.Server.Storage;
using LlmsTxt.Server.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace LlmsTxt.Server.Tests.Storage;

public sealed class HostedFilesApiTests : IDisposable
{
    private readonly string _dataDir = TestServices.NewTempFolder();
    private readonly ServerHost _factory;

    public HostedFilesApiTests() =>
        _factory = new ServerHost(new Dictionary<string, string?> { ["DATA_DIR"] = _dataDir, ["PUBLIC_BASE_URL"] = "https://llms.example.test" });

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

    [Fact]
    public async Task CronPassHostsTheFileOnTheAddressTheServerListensOn()
    {
        // A real process with PORT=0 and no PUBLIC_BASE_URL: the scheduled upload must link the real address.
        await using var site = await LlmsTxt.Server.Tests.Sites.ChangingSite.StartAsync();
        var dataDir = TestServices.NewTempFolder();
        using var server = ServerProcess.Start(new Dictionary<string, string>
        {
            ["DATA_DIR"] = dataDir,
            ["SCHEDULER_ENABLED"] = "false",
            ["CRON_SECRET"] = "cron",
            ["ALLOW_PRIVATE_NETWORKS"] = "true",
        });
        await Eventually.HoldsAsync(() => Task.FromResult(server.Output.Contains("in a browser", StringComparison.Ordinal)), TimeSpan.FromSeconds(60), () => server.Output);
        var url = System.Text.RegularExpressions.Regex.Match(server.Output, @"open (http://\S+) in a browser").Groups[1].Value;
        Assert.DoesNotContain(":8000", url, StringComparison.Ordinal);

        using var database = new LlmsTxt.Server.Sites.SiteDatabase(new LlmsTxt.Server.Sites.DatabaseOptions { ConnectionString = $"Data Source={Path.Combine(dataDir, "llmstxt.db")}" });
        var registry = new LlmsTxt.Server.Sites.SiteRegistry(database, TimeProvider.System);
        await registry.EnrolAsync(new LlmsTxt.Server.Sites.SiteEnrolment { BaseUrl = site.BaseUrl, RecrawlInterval = TimeSpan.FromHours(1) });
        using var client = new HttpClient { BaseAddress = new Uri(url) };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/internal/cron/recrawl");
        request.Headers.Add("X-Cron-Secret", "cron");
        using var triggered = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, triggered.StatusCode);

        await Eventually.HoldsAsync(async () => (await registry.GetAsync(site.BaseUrl))?.LatestUrl is not null, TimeSpan.FromSeconds(60), () => server.Output);
        var hosted = (await registry.GetAsync(site.BaseUrl))!.LatestUrl!;
        Assert.StartsWith(url.TrimEnd('/') + "/llms/", hosted, StringComparison.Ordinal);
        using var file = await client.GetAsync(new Uri(hosted));
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Contains("Changing Site", await file.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    public void Dispose() => _factory.Dispose();
}
