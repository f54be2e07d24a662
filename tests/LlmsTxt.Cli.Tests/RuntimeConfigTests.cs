using System.Text.Json;

namespace LlmsTxt.Cli.Tests;

/// <summary>The CLI's generated runtimeconfig.json (copied next to the tests) raises the LOH threshold and turns PGO instrumentation off (a one-shot process).</summary>
public sealed class RuntimeConfigTests
{
    [Fact]
    public void CliRaisesTheLargeObjectHeapThresholdAndSkipsPgo()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "llmstxt.runtimeconfig.json");
        using var config = JsonDocument.Parse(File.ReadAllText(path));
        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.Equal(2_000_000, properties.GetProperty("System.GC.LOHThreshold").GetInt32());
        Assert.False(properties.GetProperty("System.Runtime.TieredPGO").GetBoolean());
    }
}
