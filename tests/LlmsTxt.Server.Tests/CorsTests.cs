using LlmsTxt.Server.Tests.Support;

namespace LlmsTxt.Server.Tests;

public sealed class CorsTests : IDisposable
{
    private readonly ServerHost _server = new(new Dictionary<string, string?> { ["CORS_ORIGINS"] = "https://app.example.com, http://localhost:3000/" });

    [Theory]
    [InlineData("https://app.example.com", true)]
    [InlineData("http://localhost:3000", true)]
    [InlineData("https://evil.example", false)]
    public async Task PreflightForAuthTokenAllowsListedOriginsOnly(string origin, bool allowed)
    {
        using var http = _server.Http();
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/auth/token");
        preflight.Headers.Add("Origin", origin);
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "x-api-key");
        using var response = await http.SendAsync(preflight);
        Assert.Equal(allowed, response.Headers.TryGetValues("Access-Control-Allow-Origin", out var values) && values.Contains(origin));
    }

    public void Dispose() => _server.Dispose();
}
