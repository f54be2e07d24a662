using System.Diagnostics;
using System.Text;
using LlmsTxt.Server.Auth;
using LlmsTxt.Server.Crawls;

// Measures the per-connection work of /auth/token and /ws/crawl: minting and checking a token, comparing
// an API key (equal vs different lengths, to show the comparison time doesn't depend on the guess), and
// parsing a crawl request. Run: dotnet run -c Release --project bench/AuthBench
var key = Encoding.UTF8.GetBytes("a-production-like-api-key-of-40-chars-xx");
var now = DateTimeOffset.UtcNow;
var token = Hs256Jwt.Sign(key, w =>
{
    w.WriteNumber("exp", now.ToUnixTimeSeconds() + 300);
    w.WriteNumber("iat", now.ToUnixTimeSeconds());
    w.WriteString("type", "websocket");
});
const string request = """{"url":"https://example.com/docs/","maxPages":200,"descLength":800,"full":true,"renderJs":false}""";

Measure("mint HS256 token", () => Hs256Jwt.Sign(key, w => w.WriteNumber("exp", 1)).Length);
Measure("verify HS256 token", () => (int)Hs256Jwt.Verify(token, key, now, TimeSpan.FromSeconds(30), out _));
Measure("compare key, right", () => ApiKeyVerifier.FixedTimeEquals("a-production-like-api-key-of-40-chars-xx", "a-production-like-api-key-of-40-chars-xx") ? 1 : 0);
Measure("compare key, wrong 1st char", () => ApiKeyVerifier.FixedTimeEquals("X-production-like-api-key-of-40-chars-xx", "a-production-like-api-key-of-40-chars-xx") ? 1 : 0);
Measure("compare key, 1-char guess", () => ApiKeyVerifier.FixedTimeEquals("a", "a-production-like-api-key-of-40-chars-xx") ? 1 : 0);
Measure("parse crawl request", () => CrawlRequestParser.Parse(request) is CrawlRequested ? 1 : 0);
Measure("parse bad request", () => CrawlRequestParser.Parse("""{"url":"ftp://x","maxPages":5000}""") is InvalidClientMessage ? 1 : 0);

static void Measure(string name, Func<int> operation)
{
    for (var i = 0; i < 20_000; i++)
    {
        operation();
    }

    // Best of five rounds: the machine is shared, and the minimum is the least disturbed figure.
    const int iterations = 100_000;
    var sink = 0;
    var elapsed = TimeSpan.MaxValue;
    for (var round = 0; round < 5; round++)
    {
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < iterations; i++)
        {
            sink += operation();
        }

        elapsed = TimeSpan.FromTicks(Math.Min(elapsed.Ticks, Stopwatch.GetElapsedTime(started).Ticks));
    }

    Console.WriteLine($"{name,-28} {elapsed.TotalMilliseconds * 1000 / iterations,8:0.00} µs/op {iterations / elapsed.TotalSeconds,12:N0} op/s  (checksum {sink})");
}
