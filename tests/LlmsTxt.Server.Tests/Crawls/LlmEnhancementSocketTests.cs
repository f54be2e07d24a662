using System.Net.WebSockets;
using System.Text.Json;
using LlmsTxt.Core.Generation;
using LlmsTxt.Server.Tests.Hosting;
using LlmsTxt.Server.Tests.Support;
using LlmsTxt.TestSites;

namespace LlmsTxt.Server.Tests.Crawls;

/// <summary>LLM enhancement end to end: real socket, real server, a local stand-in for the provider.</summary>
public sealed class LlmEnhancementSocketTests
{
    private const string Key = "sk-or-server-test-1a2b3c4d";
    private const string Summary = "> " + StandInAnswers.Summary;

    private static CrawlServer Server(ChatCompletionsStandIn standIn) => new(new Dictionary<string, string?>
    {
        ["LLM_ENHANCEMENT_ENABLED"] = "true",
        ["OPENROUTER_API_KEY"] = Key,
        ["LLM_BASE_URL"] = standIn.BaseUrl.AbsoluteUri,
        ["LLM_MODEL"] = "test/socket-model",
    });

    /// <summary>What the web page asks: whether the server offers enhancement (<c>/api/config</c>).</summary>
    private static async Task<bool> OffersEnhancementAsync(CrawlServer server)
    {
        using var http = server.Started().Http();
        using var config = JsonDocument.Parse(await http.GetStringAsync(new Uri("/api/config", UriKind.Relative)));
        return config.RootElement.GetProperty("llmEnhancementAvailable").GetBoolean();
    }

    /// <summary>One crawl over a real socket, read until the server closes it.</summary>
    private static async Task<LiveSocket> CrawlAsync(CrawlServer server, object request)
    {
        var socket = await LiveSocket.ConnectAsync(server.Started().SocketUri());
        try
        {
            await socket.SendJsonAsync(request);
            await socket.ReadToCloseAsync();
            return socket;
        }
        catch
        {
            await socket.DisposeAsync();
            throw;
        }
    }

    [Fact]
    public async Task LlmEnhanceRequestGetsTheImprovedFileAndSaysSo()
    {
        await using var standIn = await ChatCompletionsStandIn.StartAsync(ChatReply.Improve());
        await using var server = Server(standIn);
        await using var site = await SampleSites.StartDocsSiteAsync();

        Assert.True(await OffersEnhancementAsync(server));

        await using var socket = await CrawlAsync(server, new { url = site.BaseUri.AbsoluteUri, llmEnhance = true });

        Assert.Equal(WebSocketCloseStatus.NormalClosure, socket.CloseStatus);
        var result = socket.OfType("result").Single().Text();
        Assert.Contains(Summary, result, StringComparison.Ordinal);
        Assert.True(LlmsTxtGenerator.Validate(result).IsValid);
        foreach (var path in SampleSites.DocsPaths.Skip(1))
            Assert.Contains(site.Url(path).AbsoluteUri, result, StringComparison.Ordinal);
        Assert.Contains(socket.OfType("log"), m => m.Text().Contains("Improved the file with an LLM", StringComparison.Ordinal));
        Assert.Contains(socket.OfType("log"), m => m.Text().StartsWith("LLM enhancement with test/socket-model: 2 requests", StringComparison.Ordinal));

        Assert.Equal(2, standIn.Calls.Count);
        Assert.All(standIn.Calls, call => Assert.Equal($"Bearer {Key}", call.Authorization));
        Assert.All(standIn.Calls, call => Assert.Equal("test/socket-model", call.Model));
        // done keeps pages, failed and seconds first, and adds what the enhancement cost.
        var done = socket.OfType("done").Single().GetProperty("content");
        var names = done.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(["pages", "failed", "seconds"], names.Take(3));
        Assert.Equal("llm", names[^1]);
        var llm = done.GetProperty("llm");
        Assert.Equal(2, llm.GetProperty("requests").GetInt32());
        Assert.Equal(standIn.Calls.Sum(c => c.BodyBytes / 4), llm.GetProperty("promptTokens").GetInt64());
        Assert.True(llm.GetProperty("completionTokens").GetInt64() > 0);
        Assert.Equal(1, llm.GetProperty("chunksImproved").GetInt32());
        Assert.DoesNotContain(server.Logs.Lines, l => l.Everything.Contains(Key, StringComparison.Ordinal));
        Assert.DoesNotContain(socket.Messages, m => m.GetRawText().Contains(Key, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RefusedAnswerKeepsTheGeneratedFileAndTheLogSaysWhy()
    {
        await using var standIn = await ChatCompletionsStandIn.StartAsync(ChatReply.Answer("I cannot do that."));
        await using var server = Server(standIn);
        await using var site = await SampleSites.StartDocsSiteAsync();

        await using var socket = await CrawlAsync(server, new { url = site.BaseUri.AbsoluteUri, llmEnhance = true });

        var result = socket.OfType("result").Single().Text();
        Assert.DoesNotContain(Summary, result, StringComparison.Ordinal);
        Assert.Contains(socket.OfType("log"), m => m.Text().Contains("kept its original text: the answer was neither JSON nor", StringComparison.Ordinal));
        Assert.Contains(socket.OfType("log"), m => m.Text().Contains("Kept the generated file: no answer was usable.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LocalProviderWorksWithoutAKey()
    {
        await using var standIn = await ChatCompletionsStandIn.StartAsync(ChatReply.Improve());
        await using var server = new CrawlServer(new Dictionary<string, string?>
        {
            ["LLM_ENHANCEMENT_ENABLED"] = "true",
            ["OPENROUTER_API_KEY"] = "",
            ["LLM_API_KEY"] = "",
            ["LLM_BASE_URL"] = standIn.BaseUrl.AbsoluteUri.Replace("127.0.0.1", "localhost", StringComparison.Ordinal),
        });
        await using var site = await SampleSites.StartDocsSiteAsync();
        Assert.True(await OffersEnhancementAsync(server));

        await using var socket = await CrawlAsync(server, new { url = site.BaseUri.AbsoluteUri, llmEnhance = true });

        Assert.Contains(Summary, socket.OfType("result").Single().Text(), StringComparison.Ordinal);
        Assert.All(standIn.Calls, c => Assert.Equal("", c.Authorization));
    }

    [Fact]
    public async Task WithoutLlmEnhanceTheProviderIsNotCalled()
    {
        await using var standIn = await ChatCompletionsStandIn.StartAsync(ChatReply.Improve());
        await using var server = Server(standIn);
        await using var site = await SampleSites.StartDocsSiteAsync();

        await using var socket = await CrawlAsync(server, new { url = site.BaseUri.AbsoluteUri });

        Assert.DoesNotContain(Summary, socket.OfType("result").Single().Text(), StringComparison.Ordinal);
        Assert.Empty(standIn.Calls);
        var names = socket.OfType("done").Single().GetProperty("content").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(["pages", "failed", "seconds"], names.Take(3));
        Assert.DoesNotContain("llm", names);
    }

    [Fact]
    public async Task EnabledWithoutAKeyIsNotOffered()
    {
        await using var server = new CrawlServer(new Dictionary<string, string?> { ["LLM_ENHANCEMENT_ENABLED"] = "true", ["OPENROUTER_API_KEY"] = "", ["LLM_API_KEY"] = "" });
        Assert.False(await OffersEnhancementAsync(server));
        Assert.Contains(server.Logs.Lines, l => l.Message.Contains("LLM_ENHANCEMENT_ENABLED is true but OPENROUTER_API_KEY", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BadLlmTimeoutStopsStartUpNamingTheVariable()
    {
        var (exitCode, stderr) = await ServerProcess.RunUntilExitAsync(new Dictionary<string, string> { ["LLM_TIMEOUT"] = "soon" });

        Assert.Equal(LlmsTxt.Server.Configuration.StartupFailure.ConfigurationExitCode, exitCode);
        Assert.Contains("LLM_TIMEOUT must be a whole number from 1 to 600, got 'soon'", stderr, StringComparison.Ordinal);
    }
}
