using LlmsTxt.Server.Tests.Support;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LlmsTxt.Server.Sites;
using LlmsTxt.Server.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace LlmsTxt.Server.Tests.Sites;

/// <summary>Cron, webhook, /api/sites and readiness through the real app (SQLite and the local store, scheduler loop off).</summary>
public sealed class SiteEndpointsTests : IDisposable
{
    private const string ApiKey = "sites-test-key";
    private const string CronSecret = "cron-test-secret";
    private readonly ServerHost _factory = new(new Dictionary<string, string?>
    {
        ["DATA_DIR"] = TestServices.NewTempFolder(),
        ["API_KEY"] = ApiKey,
        ["CRON_SECRET"] = CronSecret,
        ["SCHEDULER_ENABLED"] = "false",
    });

    private SiteRegistry Registry => _factory.Services.GetRequiredService<SiteRegistry>();

    private Task<CrawlSite> EnrolAsync(string url, string? secret = null) => Registry.EnrolAsync(new SiteEnrolment
    {
        BaseUrl = url,
        RecrawlInterval = TimeSpan.FromDays(3),
        ContentHash = "h",
        HostedUrl = "http://localhost:8000/llms/x.txt",
        WebhookSecret = secret,
        CrawledAt = DateTimeOffset.UtcNow,
    });

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Theory]
    [InlineData(null)]
    [InlineData("wrong")]
    public async Task CronRefusesAMissingOrWrongSecret(string? secret)
    {
        using var client = _factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/internal/cron/recrawl");
        if (secret is not null)
        {
            request.Headers.Add("X-Cron-Secret", secret);
        }

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("{\"detail\":\"Unauthorized\"}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task CronRefusesEveryCallWhenNoSecretIsConfigured()
    {
        using var factory = new ServerHost(new Dictionary<string, string?> { ["DATA_DIR"] = TestServices.NewTempFolder(), ["SCHEDULER_ENABLED"] = "false" });
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/internal/cron/recrawl");
        request.Headers.Add("X-Cron-Secret", "");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task CronWithTheSecretStartsAPass()
    {
        using var client = _factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/internal/cron/recrawl");
        request.Headers.Add("X-Cron-Secret", CronSecret);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("{\"status\":\"triggered\",\"message\":\"Recrawl started in background\"}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task WebhookAnswers404ForAnUnknownSite()
    {
        using var client = _factory.CreateClient();
        using var response = await client.PostAsync(new Uri("/internal/hooks/site-changed", UriKind.Relative), Json("{\"base_url\":\"https://unknown.example.com/\"}"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("{\"detail\":\"Site not enrolled\"}", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("{\"base_url\":\"https://secret.example.com/\"}")]
    [InlineData("{\"base_url\":\"https://secret.example.com/\",\"webhook_secret\":\"nope\"}")]
    public async Task WebhookAnswers401WhenTheSecretDoesNotMatch(string body)
    {
        var before = await EnrolAsync("https://secret.example.com/", secret: "right");
        using var client = _factory.CreateClient();

        using var response = await client.PostAsync(new Uri("/internal/hooks/site-changed", UriKind.Relative), Json(body));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(before.NextCrawlAt, (await Registry.GetAsync(before.BaseUrl))!.NextCrawlAt);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"base_url\":\"ftp://x\"}")]
    [InlineData("{}")]
    public async Task WebhookAnswers400ForABadBody(string body)
    {
        using var client = _factory.CreateClient();
        using var response = await client.PostAsync(new Uri("/internal/hooks/site-changed", UriKind.Relative), Json(body));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("base_url", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WebhookMakesTheSiteDueNowAsApiSitesShows()
    {
        await EnrolAsync("https://hooked.example.com/docs/", secret: "right");
        using var client = _factory.CreateClient();
        var before = DateTimeOffset.UtcNow;

        using var response = await client.PostAsync(new Uri("/internal/hooks/site-changed", UriKind.Relative),
            Json("{\"base_url\":\"https://HOOKED.example.com/docs/\",\"webhook_secret\":\"right\"}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("scheduled", answer.RootElement.GetProperty("status").GetString());
        Assert.Equal("https://hooked.example.com/docs/", answer.RootElement.GetProperty("base_url").GetString());
        var next = answer.RootElement.GetProperty("next_crawl_at").GetDateTimeOffset();
        Assert.InRange(next, before.AddSeconds(-1), DateTimeOffset.UtcNow.AddSeconds(1));

        var listed = (await ListAsync(client)).Single(s => s.GetProperty("base_url").GetString() == "https://hooked.example.com/docs/");
        Assert.Equal(next, listed.GetProperty("next_crawl_at").GetDateTimeOffset());
        Assert.True(listed.GetProperty("has_webhook_secret").GetBoolean());
        Assert.False(listed.TryGetProperty("webhook_secret", out _));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    public async Task ApiSitesRequiresTheApiKey(string? key)
    {
        using var client = _factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/sites");
        if (key is not null)
        {
            request.Headers.Add("X-API-Key", key);
        }

        using var response = await client.SendAsync(request);
        using var delete = await client.DeleteAsync(new Uri("/api/sites?base_url=https://a.example.com/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, delete.StatusCode);
    }

    [Fact]
    public async Task ApiSitesListsWhatTheScheduleNeeds()
    {
        var site = await EnrolAsync("https://listed.example.com/");
        using var client = _factory.CreateClient();

        var listed = (await ListAsync(client)).Single(s => s.GetProperty("base_url").GetString() == site.BaseUrl);

        Assert.Equal("http://localhost:8000/llms/x.txt", listed.GetProperty("hosted_url").GetString());
        Assert.Equal(site.NextCrawlAt, listed.GetProperty("next_crawl_at").GetDateTimeOffset());
        Assert.Equal(site.LastCrawledAt, listed.GetProperty("last_crawled_at").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Null, listed.GetProperty("last_error").ValueKind);
        Assert.Equal(4320, listed.GetProperty("recrawl_interval_minutes").GetInt32());
    }

    [Fact]
    public async Task ApiSitesAnswers401WhenTheServerHasNoApiKey()
    {
        using var factory = new ServerHost(new Dictionary<string, string?> { ["DATA_DIR"] = TestServices.NewTempFolder(), ["SCHEDULER_ENABLED"] = "false" });
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/sites");
        request.Headers.Add("X-API-Key", "");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task DeleteWithDeleteFilesRemovesTheHostedFiles()
    {
        var site = await EnrolAsync("https://files.example.com/");
        var store = _factory.Services.GetRequiredService<LlmsTxt.Server.Storage.IFileStore>();
        await store.PutTextAsync(LlmsTxt.Server.Storage.StorageKeys.LlmsTxt(site.BaseUrl), "# Files\n");
        using var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-API-Key", ApiKey);

        using var response = await client.DeleteAsync(new Uri("/api/sites?base_url=https://files.example.com/&delete_files=true", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"files_deleted\":true", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(await store.GetTextAsync(LlmsTxt.Server.Storage.StorageKeys.LlmsTxt(site.BaseUrl)));
    }

    [Fact]
    public async Task DeleteUnenrolsASiteAndAnswers404Afterwards()
    {
        await EnrolAsync("https://gone.example.com/");
        using var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-API-Key", ApiKey);

        using var first = await client.DeleteAsync(new Uri("/api/sites?base_url=https://gone.example.com/", UriKind.Relative));
        using var second = await client.DeleteAsync(new Uri("/api/sites?base_url=https://gone.example.com/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, second.StatusCode);
        Assert.Null(await Registry.GetAsync("https://gone.example.com/"));
    }

    [Fact]
    public async Task ReadinessIs200WhenDatabaseAndStorageAnswer()
    {
        using var client = _factory.CreateClient();
        using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"database\":{\"status\":\"ok\",\"backend\":\"sqlite\"}", body, StringComparison.Ordinal);
        Assert.Contains("\"storage\":{\"status\":\"ok\",\"backend\":\"local\"}", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadinessIs503NamingStorageWhenTheBucketIsUnreachable()
    {
        using var factory = new ServerHost(new Dictionary<string, string?>
        {
            ["DATA_DIR"] = TestServices.NewTempFolder(),
            ["SCHEDULER_ENABLED"] = "false",
            ["S3_ENDPOINT"] = "http://127.0.0.1:9",
            ["S3_BUCKET"] = "nowhere",
            ["S3_ACCESS_KEY"] = "k",
            ["S3_SECRET_KEY"] = "s",
        });
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("failed", body.RootElement.GetProperty("checks").GetProperty("storage").GetProperty("status").GetString());
        Assert.Equal("ok", body.RootElement.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        Assert.Contains("storage", body.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static async Task<List<JsonElement>> ListAsync(HttpClient client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/sites?limit=1000");
        request.Headers.Add("X-API-Key", ApiKey);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("sites").EnumerateArray().ToList();
    }

    public void Dispose() => _factory.Dispose();
}
