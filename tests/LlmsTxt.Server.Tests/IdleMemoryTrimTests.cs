using LlmsTxt.Server.Pipeline;

namespace LlmsTxt.Server.Tests;

/// <summary>The idle trim collects once the last running generation ends, never while one still runs.</summary>
public sealed class IdleMemoryTrimTests
{
    [Fact]
    public async Task CollectsOnlyWhenTheLastRunningGenerationEnds()
    {
        var trim = new IdleMemoryTrim();
        var first = trim.Begin();
        var second = trim.Begin();

        first.Dispose();
        first.Dispose(); // ending twice counts once
        await Task.Delay(200);
        Assert.Equal(0, trim.Trims);

        second.Dispose();
        var waited = TimeSpan.Zero;
        while (trim.Trims == 0 && waited < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(20);
            waited += TimeSpan.FromMilliseconds(20);
        }
        Assert.Equal(1, trim.Trims);
    }
}
