using LlmsTxt.Core.Crawling;
using LlmsTxt.Core.Enhancement;
using LlmsTxt.Core.Generation;
using LlmsTxt.Core.Rendering;
using LlmsTxt.Core.Urls;
using LlmsTxt.Server.Crawls;
using LlmsTxt.Server.Pipeline;
using LlmsTxt.Server.Publishing;
using LlmsTxt.Server.Sites;
using LlmsTxt.Server.Storage;
using LlmsTxt.Server.Tests.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace LlmsTxt.Server.Tests.Sites;

/// <summary>
/// The real scheduler parts wired by hand: registry on a fresh database, the local store, the
/// real generator and sitemap probe. Scheduling decisions use a fake clock the test advances;
/// crawling uses the real clock (it talks to real servers).
/// </summary>
public sealed class SchedulerHarness : IDisposable
{
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    public SchedulerOptions Options { get; }
    public SiteRegistry Registry { get; }
    public LocalFileStore Store { get; }
    public LlmsTxtGenerator Generator { get; }
    public SiteLlmMemory LlmMemory { get; }
    public SitemapProbe Probe { get; }
    public RecrawlScheduler Scheduler { get; }
    public SiteEnroller Enroller { get; }
    public SitePublisher Publisher { get; }
    private readonly SiteDatabase _database;

    private SchedulerHarness(SiteDatabase database, SchedulerOptions options, ILlmsTxtEnhancer? enhancer, IPageRenderer? renderer)
    {
        _database = database;
        Generator = new LlmsTxtGenerator(renderer: renderer, enhancer: enhancer);
        LlmMemory = new SiteLlmMemory(database);
        Options = options;
        Registry = new SiteRegistry(database, Time);
        Store = new LocalFileStore(TestServices.NewTempFolder(), "http://files.test", Time);
        Probe = new SitemapProbe(new CrawlOptions { AllowPrivateNetworks = true }, TimeProvider.System, NullLogger<SitemapProbe>.Instance);
        var wrapped = Microsoft.Extensions.Options.Options.Create(options);
        // With a browser, the scheduler renders as a server with RENDER_JS would.
        var rendering = renderer is null ? null : new CrawlRenderingPolicy(true, true, new ChromiumRendererOptions());
        // The local store without PUBLIC_BASE_URL: "http://files.test" stands for the address the server listens on.
        Publisher = new SitePublisher(Store, new PublicUrlRule(StoreOwnsUrls: false), NullLogger<SitePublisher>.Instance);
        var recrawler = new SiteRecrawler(Registry, new PipelineSiteGenerator(Generator, wrapped, LlmMemory, rendering), Probe, Publisher, wrapped, Time, NullLogger<SiteRecrawler>.Instance);
        Scheduler = new RecrawlScheduler(Registry, recrawler, wrapped, Time, NullLogger<RecrawlScheduler>.Instance);
        Enroller = new SiteEnroller(Registry, Time, NullLogger<SiteEnroller>.Instance, LlmMemory);
    }

    /// <param name="enhancer">The generator's enhancer (an LLM one pointed at the stand-in), none by default.</param>
    /// <param name="renderer">A browser: the generator renders empty pages (RENDER_JS on), none by default.</param>
    public static async Task<SchedulerHarness> CreateAsync(TestDatabases databases, Action<SchedulerOptions>? configure = null, ILlmsTxtEnhancer? enhancer = null, IPageRenderer? renderer = null)
    {
        var database = await databases.NewAsync();
        await new SiteMigrator(database, NullLogger<SiteMigrator>.Instance).MigrateAsync();
        var options = new SchedulerOptions { AllowPrivateNetworks = true, Interval = TimeSpan.FromMinutes(1), InstanceId = "test-" + Guid.NewGuid().ToString("N")[..6] };
        configure?.Invoke(options);
        return new SchedulerHarness(database, options, enhancer, renderer);
    }

    /// <summary>What a socket crawl with enableAutoUpdate does: generate, then publish through the socket's target (hosted on the client's origin, if given, and enrolled).</summary>
    public async Task<CrawlSite> EnrolAfterCrawlAsync(string url, TimeSpan? interval = null, string? secret = null, string? clientOrigin = null, SiteSettings? settings = null)
    {
        settings ??= new SiteSettings { MaxPages = 10 };
        var result = await Generator.GenerateAsync(new GenerationRequest { Url = new Uri(url), MaxPages = settings.MaxPages, AllowPrivateNetworks = true, RenderJs = Generator.CanRender, LlmEnhance = settings.LlmEnhance });
        var target = new SocketPublishTarget(clientOrigin, Enroller, new AutoUpdateRequest(settings, interval ?? TimeSpan.FromHours(2), secret));
        var publication = await Publisher.PublishAsync(result, target, CancellationToken.None);
        Assert.True(publication.Recorded, target.EnrolmentLine);
        return await SiteAsync(url);
    }

    public async Task<CrawlSite> SiteAsync(string url) => (await Registry.GetAsync(url))!;

    public void Dispose()
    {
        Scheduler.Dispose();
        Probe.Dispose();
        Generator.Dispose();
    }
}
