using LlmsTxt.TestSites;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace LlmsTxt.Server.Tests.Crawls;

/// <summary>
/// A site whose inner pages hang until the test opens the gate: crawls stay "running" exactly as long
/// as a test needs, with no timing luck. <see cref="PageRequested"/> completes when the first inner page is asked for.
/// </summary>
public sealed class GatedSite : IAsyncDisposable
{
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TestWebServer _server = null!;
    private int _pageRequests;

    public Uri BaseUri => _server.BaseUri;

    public int PageRequests => Volatile.Read(ref _pageRequests);

    public TestWebServer Server => _server;

    public static async Task<GatedSite> StartAsync()
    {
        var site = new GatedSite();
        site._server = await TestWebServer.StartAsync(app =>
        {
            app.MapGet("/robots.txt", () => Results.NotFound());
            app.MapGet("/", () => Results.Content(Page("Gated Site", string.Concat(Enumerable.Range(1, 5).Select(i => $"<a href=\"/p/{i}\">Page {i}</a> "))), "text/html"));
            app.MapGet("/p/{n:int}", async (int n, HttpContext ctx) =>
            {
                Interlocked.Increment(ref site._pageRequests);
                await site._gate.Task.WaitAsync(ctx.RequestAborted);
                return Results.Content(Page($"Gated page {n}", ""), "text/html");
            });
        });
        return site;
    }

    public void Open() => _gate.TrySetResult();

    /// <summary>
    /// Server settings under which a crawl of this site waits at the gate as long as the test needs: the page
    /// timeouts are far longer than any test (a page's retries share its deadline, so the defaults end it in 30 s),
    /// and every fixture on 127.0.0.1 shares one per-host budget of requests in flight, so it is large enough for
    /// several crawls' hanging pages.
    /// </summary>
    public static Dictionary<string, string?> PatientServer(Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["CRAWL_IDLE_READ_TIMEOUT"] = "300",
            ["CRAWL_PAGE_TIMEOUT"] = "600",
            ["CRAWL_MAX_CONCURRENCY_PER_HOST"] = "64",
        };
        foreach (var (key, value) in extra ?? []) settings[key] = value;
        return settings;
    }

    private static string Page(string title, string links) =>
        $"<!doctype html><html><head><title>{title}</title><meta name=\"description\" content=\"{title} of the gated fixture.\"></head>" +
        $"<body><nav>{links}</nav><main><h1>{title}</h1><p>{string.Concat(Enumerable.Repeat("Words that make this page worth listing for the crawler. ", 8))}</p></main></body></html>";

    public async ValueTask DisposeAsync()
    {
        Open();
        await _server.DisposeAsync();
    }
}
