using System.Text.Json;
using LlmsTxt.Server.Tests.Support;

namespace LlmsTxt.Server.Tests;

public sealed class SecretLoggingTests : IDisposable
{
    private const string Key = "SeCrEt-api-key-value-7f3a9c";

    private readonly ServerHost _server = new(new Dictionary<string, string?>
    {
        ["API_KEY"] = Key,
        ["AUTH_FAILURE_LIMIT"] = "4",
        // Everything the framework logs too, not only our categories.
        ["Logging:LogLevel:Default"] = "Debug",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Debug",
    });

    [Fact]
    public async Task NoLogLineContainsTheApiKeyOrATokenOrAGuess()
    {
        using var http = _server.Http();
        var token = await MintAsync(http, Key);
        await SocketClient.ExchangeAsync(_server.SocketUri("?api_key=" + Key), """{"url":"http://127.0.0.1:9/"}""");
        await SocketClient.ExchangeAsync(_server.SocketUri("?token=" + token), """{"url":"http://127.0.0.1:9/"}""");
        await SocketClient.ExchangeAsync(_server.SocketUri(), """{"url":"http://127.0.0.1:9/"}""", o => o.SetRequestHeader("Authorization", "Bearer " + token));
        await SocketClient.ExchangeAsync(_server.SocketUri("?token=" + token + "x"), null);
        await SocketClient.ExchangeAsync(_server.SocketUri("?api_key=" + Key + "-guess"), null);
        await SocketClient.ExchangeAsync(_server.SocketUri("?api_key=" + Key), "{\"url\":\"" + Key + "\"}");
        for (var i = 0; i < 5; i++)
        {
            await MintAsync(http, Key[..^1]);
        }

        using var stillSecret = new HttpRequestMessage(HttpMethod.Get, "/health?api_key=" + Key + "&token=" + token);
        (await http.SendAsync(stillSecret)).Dispose();

        var lines = _server.Logs.Lines.ToList();
        Assert.Contains(lines, l => l.Message.Contains("api_key=REDACTED", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Message.Contains("token=REDACTED", StringComparison.Ordinal));
        var signature = token[(token.LastIndexOf('.') + 1)..];
        foreach (var secret in new[] { Key, Key[..^1], signature })
        {
            var leaks = lines.Where(l => l.Everything.Contains(secret, StringComparison.Ordinal)).Select(l => $"{l.Category}: {l.Message}").ToList();
            Assert.True(leaks.Count == 0, "Leaked in:\n" + string.Join("\n", leaks));
        }
    }

    private static async Task<string> MintAsync(HttpClient http, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/token");
        request.Headers.Add("X-API-Key", key);
        using var response = await http.SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            return "";
        }

        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("token").GetString()!;
    }

    public void Dispose() => _server.Dispose();
}
