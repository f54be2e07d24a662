using PuppeteerSharp;
using PuppeteerSharp.Media;

namespace LlmsTxt.Server.Tests.Browser;

/// <summary>One real headless Chromium (LLMSTXT_TEST_CHROMIUM, from test.sh) shared by a test class.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IBrowser? _browser;
    private string? _profile;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("Chromium did not start.");

    /// <summary>Screenshots land here (the test output folder), named by test and viewport.</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    public async Task InitializeAsync()
    {
        var path = Environment.GetEnvironmentVariable("LLMSTXT_TEST_CHROMIUM");
        if (string.IsNullOrWhiteSpace(path) || !File.Exists(path))
            throw new InvalidOperationException($"LLMSTXT_TEST_CHROMIUM is not set or missing ('{path}'): run the tests through ./test.sh, which installs Chromium.");
        _profile = Path.Combine(Path.GetTempPath(), "llmstxt-page-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(ScreenshotFolder);
        _browser = await Puppeteer.LaunchAsync(new LaunchOptions
        {
            ExecutablePath = path,
            Headless = true,
            UserDataDir = _profile,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        });
    }

    /// <summary>A fresh tab (own storage) at the given width, light or dark.</summary>
    public async Task<IPage> NewPageAsync(int width = 1440, int height = 900, bool dark = false)
    {
        var context = await Browser.CreateBrowserContextAsync();
        var page = await context.NewPageAsync();
        await page.SetViewportAsync(new ViewPortOptions { Width = width, Height = height, DeviceScaleFactor = 1 });
        await page.EmulateMediaFeaturesAsync([new MediaFeatureValue { MediaFeature = MediaFeature.PrefersColorScheme, Value = dark ? "dark" : "light" }]);
        page.DefaultTimeout = 30_000;
        return page;
    }

    public static async Task ScreenshotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(Path.Combine(ScreenshotFolder, name + ".png"), new ScreenshotOptions { FullPage = true });

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
            await _browser.DisposeAsync();
        }
        if (_profile is not null)
        {
            try { Directory.Delete(_profile, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
