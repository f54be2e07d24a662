using LlmsTxt.Core.Generation;
using LlmsTxt.Server.Crawls;
using Microsoft.Extensions.Time.Testing;

namespace LlmsTxt.Server.Tests.Crawls;

public sealed class SocketProgressTests
{
    private sealed class Sink : ICrawlMessageSink
    {
        public List<CrawlMessage> Sent { get; } = [];

        public ValueTask SendAsync(CrawlMessage message, CancellationToken cancellationToken = default)
        {
            lock (Sent) Sent.Add(message);
            return ValueTask.CompletedTask;
        }
    }

    [Fact]
    public async Task ProgressIsThrottledToOnePerIntervalAndTheLatestCountsArrive()
    {
        var time = new FakeTimeProvider();
        var sink = new Sink();
        var queue = new BoundedMessageQueue(sink, capacity: 1000, CancellationToken.None);
        using (var progress = new SocketProgress(queue, TimeSpan.FromMilliseconds(100), time))
        {
            for (var i = 1; i <= 50; i++) progress.Report(new GenerationProgress(i, 0, 0, 50));
            progress.Report(new GenerationLog("a line"));
            time.Advance(TimeSpan.FromMilliseconds(100));
            for (var i = 51; i <= 60; i++) progress.Report(new GenerationProgress(i, 0, 0, 60));
            progress.Flush();
        }
        await queue.DrainAsync();

        var counts = sink.Sent.Where(m => m.Type == "progress").Select(m => ((CrawlProgress)m.Content!).Crawled).ToList();
        // First report at once; the held-back 50 when the interval ended (its timer); 51-59 fall inside
        // the next interval and are superseded; the last counts (60) go out on flush.
        Assert.Equal([1, 50, 60], counts);
        Assert.Single(sink.Sent, m => m.Type == "log");
    }

    [Fact]
    public async Task SlowReaderLosesLogLinesNotTheResult()
    {
        var gate = new TaskCompletionSource();
        var sink = new BlockingSink(gate.Task);
        var queue = new BoundedMessageQueue(sink, capacity: 4, CancellationToken.None);
        for (var i = 0; i < 100; i++) queue.Post(CrawlMessage.Log($"line {i}"));
        var result = queue.SendAsync(CrawlMessage.Result("# Site"));

        Assert.True(queue.Dropped >= 90, $"dropped {queue.Dropped}");
        gate.SetResult();
        await result;
        await queue.DrainAsync();
        Assert.Equal("result", sink.Sent[^1].Type);
    }

    private sealed class BlockingSink(Task gate) : ICrawlMessageSink
    {
        public List<CrawlMessage> Sent { get; } = [];

        public async ValueTask SendAsync(CrawlMessage message, CancellationToken cancellationToken = default)
        {
            await gate;
            lock (Sent) Sent.Add(message);
        }
    }
}
