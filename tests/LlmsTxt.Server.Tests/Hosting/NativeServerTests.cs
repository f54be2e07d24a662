using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LlmsTxt.Server.Sites;
using LlmsTxt.Server.Tests.Storage;
using LlmsTxt.Server.Tests.Support;
using LlmsTxt.TestSites;

namespace LlmsTxt.Server.Tests.Hosting;

/// <summary>
/// The server as it is deployed: the Native AOT image test.sh publishes (<see cref="TestServices.NativeServer"/>), run
/// as a process. Nothing in it may serialise, map rows or drive Chromium by reflection, so these tests go through every
/// part that could: the public endpoints, a crawl over the socket with the registry and hosted files (SQLite and a local
/// folder, then PostgreSQL and S3), and rendering with real Chromium. The JIT server must write the same files.
/// </summary>
public sealed class NativeServerTests(PostgresDatabases databases, S3BucketFixture bucket)
    : IClassFixture<PostgresDatabases>, IClassFixture<S3BucketFixture>
{
    private const string ApiKey = "native-image-key";

    private static ServerProcess StartNative(Dictionary<string, string> environment)
    {
        environment.TryAdd("DATA_DIR", TestServices.NewTempFolder());
        environment["API_KEY"] = ApiKey;
        environment["ALLOW_PRIVATE_NETWORKS"] = "true";
        environment["SCHEDULER_ENABLED"] = "false";
        return ServerProcess.Start(environment, nativeImage: TestServices.NativeServer);
    }

    private static async Task<LiveSocket> CrawlAsync(Uri server, string? token, object request)
    {
        var socket = new UriBuilder(server) { Scheme = "ws", Path = "/ws/crawl", Query = token is null ? "" : "token=" + token }.Uri;
        var live = await LiveSocket.ConnectAsync(socket);
        await live.SendJsonAsync(request);
        await live.ReadToCloseAsync();
        return live;
    }

    private static async Task<string> TokenAsync(HttpClient client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/token");
        request.Headers.Add("X-API-Key", ApiKey);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(300, body.RootElement.GetProperty("expires_in").GetInt32());
        return body.RootElement.GetProperty("token").GetString()!;
    }

    [Fact]
    public async Task NativeImageAnswersTheApiAndWritesTheSameFilesAsTheJitServer()
    {
        await using var site = await SampleSites.StartDocsSiteAsync();
        using var native = StartNative([]);
        var url = await native.ListeningAsync();
        using var client = new HttpClient { BaseAddress = url };

        Assert.Equal("{\"status\":\"ok\"}", await client.GetStringAsync(new Uri("/health", UriKind.Relative)));
        using (var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }

        using (var refused = await client.PostAsync(new Uri("/auth/token", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Equal("{\"detail\":\"Unauthorized\"}", await refused.Content.ReadAsStringAsync());
        }

        Assert.Contains("\"paths\"", await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)), StringComparison.Ordinal);
        Assert.Contains("<script src=\"app.js\"", await client.GetStringAsync(new Uri("/", UriKind.Relative)), StringComparison.Ordinal);
        Assert.Contains("/ws/crawl", await client.GetStringAsync(new Uri("/app.js", UriKind.Relative)), StringComparison.Ordinal);
        var request = new { url = site.BaseUri.AbsoluteUri, maxPages = 20, full = true, enableAutoUpdate = true };
        await using var crawl = await CrawlAsync(url, await TokenAsync(client), request);

        Assert.Empty(crawl.OfType("error"));
        Assert.NotEmpty(crawl.OfType("progress"));
        Assert.True(crawl.OfType("validation").Single().Content().GetProperty("valid").GetBoolean());
        Assert.Equal(SampleSites.DocsPaths.Count, crawl.OfType("done").Single().Content().GetProperty("pages").GetInt32());
        var result = crawl.OfType("result").Single().Text();
        var full = crawl.OfType("full").Single().Text();
        Assert.Equal(result, await client.GetStringAsync(new Uri(crawl.OfType("url").Single().Text())));
        Assert.Equal(full, await client.GetStringAsync(new Uri(crawl.OfType("full_url").Single().Text())));

        using var sites = new HttpRequestMessage(HttpMethod.Get, "/api/sites");
        sites.Headers.Add("X-API-Key", ApiKey);
        using var listed = await client.SendAsync(sites);
        var list = await listed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, list.GetProperty("total").GetInt32());

        // The JIT build, in process, on the same site: byte for byte the same files.
        using var jit = new CrawlServer();
        await using var jitCrawl = await CrawlAsync(jit.Started().BaseUri, null, request);
        Assert.Equal(jitCrawl.OfType("result").Single().Text(), result);
        Assert.Equal(jitCrawl.OfType("full").Single().Text(), full);
    }

    [Fact]
    public async Task NativeImageKeepsItsRegistryInPostgresAndItsFilesInS3()
    {
        await using var site = await SampleSites.StartDocsSiteAsync();
        var connection = await databases.CreateDatabaseAsync();
        using var native = StartNative(new()
        {
            ["DATABASE_URL"] = connection,
            ["S3_ENDPOINT"] = TestServices.S3Endpoint,
            ["S3_BUCKET"] = bucket.Bucket,
            ["S3_ACCESS_KEY"] = TestServices.S3AccessKey,
            ["S3_SECRET_KEY"] = TestServices.S3SecretKey,
        });
        var url = await native.ListeningAsync();
        using var client = new HttpClient { BaseAddress = url };

        var ready = await client.GetStringAsync(new Uri("/health/ready", UriKind.Relative));
        Assert.Contains("\"backend\":\"postgres\"", ready, StringComparison.Ordinal);
        Assert.Contains("\"backend\":\"s3\"", ready, StringComparison.Ordinal);
        await using var crawl = await CrawlAsync(url, await TokenAsync(client), new { url = site.BaseUri.AbsoluteUri, maxPages = 10, enableAutoUpdate = true });

        Assert.Empty(crawl.OfType("error"));
        var result = crawl.OfType("result").Single().Text();
        Assert.Equal(result, await client.GetStringAsync(new Uri(crawl.OfType("url").Single().Text())));
        using var database = new SiteDatabase(new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = connection });
        var enrolled = await new SiteRegistry(database, TimeProvider.System).GetAsync(site.BaseUri.AbsoluteUri);
        Assert.NotNull(enrolled);
        Assert.Equal(10, enrolled.Settings.MaxPages);
        Assert.Equal(crawl.OfType("url").Single().Text(), enrolled.LatestUrl);
    }

    [Fact]
    public async Task NativeImageRendersScriptOnlyPagesWithChromium()
    {
        await using var site = await JsSites.StartLinkedAppAsync(pages: 6);
        using var native = StartNative(new()
        {
            ["CHROMIUM_PATH"] = Environment.GetEnvironmentVariable("LLMSTXT_TEST_CHROMIUM") is { Length: > 0 } path && File.Exists(path)
                ? path
                : throw new InvalidOperationException("LLMSTXT_TEST_CHROMIUM is not set: run the tests through ./test.sh (it installs Chromium)."),
        });
        var url = await native.ListeningAsync();
        using var client = new HttpClient { BaseAddress = url };

        await using var crawl = await CrawlAsync(url, await TokenAsync(client), new { url = site.BaseUri.AbsoluteUri, maxPages = 20, renderJs = true });

        Assert.Empty(crawl.OfType("error"));
        var links = crawl.OfType("result").Single().Text().Split('\n').Count(l => l.StartsWith("- [", StringComparison.Ordinal));
        Assert.True(links == 7, $"{links} links instead of 7; the server said:\n{native.Output}");
    }
}
