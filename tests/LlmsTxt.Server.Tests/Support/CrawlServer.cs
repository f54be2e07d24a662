namespace LlmsTxt.Server.Tests.Support;

/// <summary>A server that may crawl fixture sites on 127.0.0.1, storing hosted files in a fresh folder.</summary>
public class CrawlServer(IReadOnlyDictionary<string, string?>? extra = null) : ServerHost(Settings(extra))
{
    private static Dictionary<string, string?> Settings(IReadOnlyDictionary<string, string?>? extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ALLOW_PRIVATE_NETWORKS"] = "true",
            ["DATA_DIR"] = Hosting.TestServices.NewTempFolder(),
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>()) settings[key] = value;
        return settings;
    }
}

/// <summary>Shared by the end-to-end socket tests: one open server for the class.</summary>
public sealed class OpenCrawlServer() : CrawlServer();
