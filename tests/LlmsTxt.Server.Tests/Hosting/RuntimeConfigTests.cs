using System.Text.Json;

namespace LlmsTxt.Server.Tests.Hosting;

/// <summary>The server's generated runtimeconfig.json (copied next to the tests) carries the GC settings.</summary>
public sealed class RuntimeConfigTests
{
    [Fact]
    public void ServerRaisesTheLargeObjectHeapThresholdAndUsesConcurrentWorkstationGcWithoutPgo()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "LlmsTxt.Server.runtimeconfig.json");
        using var config = JsonDocument.Parse(File.ReadAllText(path));
        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.Equal(2_000_000, properties.GetProperty("System.GC.LOHThreshold").GetInt32());
        Assert.False(properties.GetProperty("System.GC.Server").GetBoolean());
        Assert.True(properties.GetProperty("System.GC.Concurrent").GetBoolean());
        Assert.False(properties.GetProperty("System.Runtime.TieredPGO").GetBoolean());
    }
}
