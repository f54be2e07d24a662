using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LlmsTxt.Server.Tests.Support;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace LlmsTxt.Server.Tests;

/// <summary>POST /auth/token as SPEC describes it, and interop with an independent JWT implementation.</summary>
public sealed class AuthTokenTests(KeyedServer server) : IClassFixture<KeyedServer>
{
    private static readonly SymmetricSecurityKey SigningKey = new(Encoding.UTF8.GetBytes(KeyedServer.Key));

    [Fact]
    public async Task IssuesA300SecondWebSocketTokenForTheRightKey()
    {
        using var response = await PostAsync(KeyedServer.Key);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(300, body.RootElement.GetProperty("expires_in").GetInt32());
        var parts = body.RootElement.GetProperty("token").GetString()!.Split('.');
        using var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0]));
        using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
        Assert.Equal("HS256", header.RootElement.GetProperty("alg").GetString());
        Assert.Equal("JWT", header.RootElement.GetProperty("typ").GetString());
        var iat = payload.RootElement.GetProperty("iat").GetInt64();
        Assert.Equal(iat + 300, payload.RootElement.GetProperty("exp").GetInt64());
        Assert.InRange(iat, TestTokens.Now - 60, TestTokens.Now + 1);
        Assert.Equal("websocket", payload.RootElement.GetProperty("type").GetString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("wrong")]
    [InlineData(KeyedServer.Key + "x")]
    public async Task AnswersUnauthorizedForMissingOrWrongKey(string? key)
    {
        using var response = await PostAsync(key);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("""{"detail":"Unauthorized"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task MintedTokenValidatesWithMicrosoftIdentityModel()
    {
        using var response = await PostAsync(KeyedServer.Key);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var token = body.RootElement.GetProperty("token").GetString();

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidateIssuer = false,
            ValidateAudience = false,
            IssuerSigningKey = SigningKey,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ClockSkew = TimeSpan.Zero,
        });

        Assert.True(result.IsValid, result.Exception?.Message);
        Assert.Equal("websocket", result.Claims["type"]);
    }

    [Fact]
    public async Task TokenMintedByMicrosoftIdentityModelOpensASocket()
    {
        var now = DateTime.UtcNow;
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Claims = new Dictionary<string, object> { ["type"] = "websocket" },
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(5),
            SigningCredentials = new SigningCredentials(SigningKey, SecurityAlgorithms.HmacSha256),
        });

        var outcome = await SocketClient.ExchangeAsync(server.SocketUri("?token=" + token), """{"url":"http://127.0.0.1:9/"}""");

        Assert.Equal(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, outcome.CloseStatus);
        Assert.Single(outcome.OfType("error"));
    }

    [Fact]
    public async Task TokenMintedByMicrosoftIdentityModelWithHs512IsRefused()
    {
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Claims = new Dictionary<string, object> { ["type"] = "websocket" },
            Expires = DateTime.UtcNow.AddMinutes(5),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(KeyedServer.Key + KeyedServer.Key)), SecurityAlgorithms.HmacSha512),
        });

        var outcome = await SocketClient.ExchangeAsync(server.SocketUri("?token=" + token), null);

        Assert.Equal(System.Net.WebSockets.WebSocketCloseStatus.PolicyViolation, outcome.CloseStatus);
    }

    private async Task<HttpResponseMessage> PostAsync(string? key)
    {
        using var http = server.Http();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/token");
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("X-API-Key", key);
        }

        return await http.SendAsync(request);
    }
}

/// <summary>A key shorter than any JWT library's minimum must work end to end.</summary>
public sealed class ShortApiKeyTests : IDisposable
{
    private readonly ServerHost _server = new(new Dictionary<string, string?> { ["API_KEY"] = "abc" });

    [Fact]
    public async Task ThreeCharacterKeyMintsATokenThatOpensASocket()
    {
        using var http = _server.Http();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/token");
        request.Headers.Add("X-API-Key", "abc");
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var token = body.RootElement.GetProperty("token").GetString()!;

        // Independent check of the signature: HMAC-SHA256 over "header.payload" with the key's UTF-8 bytes.
        var dot = token.LastIndexOf('.');
        var expected = HMACSHA256.HashData("abc"u8, Encoding.ASCII.GetBytes(token[..dot]));
        Assert.Equal(Base64Url.EncodeToString(expected), token[(dot + 1)..]);

        var outcome = await SocketClient.ExchangeAsync(_server.SocketUri("?token=" + token), """{"url":"http://127.0.0.1:9/"}""");
        Assert.Equal(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, outcome.CloseStatus);
    }

    public void Dispose() => _server.Dispose();
}

/// <summary>When minting fails the client gets a 500 with a detail, and the key stays out of the log.</summary>
public sealed class TokenFailureTests : IDisposable
{
    private readonly ServerHost _server = new(
        new Dictionary<string, string?> { ["API_KEY"] = "mint-fail-key" },
        // Only the token service's clock breaks: start-up work (migrations, scheduler) keeps the real one.
        services => services.AddSingleton(sp => new LlmsTxt.Server.Auth.TokenService(
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<LlmsTxt.Server.Auth.ApiKeyOptions>>(), new BrokenClock())));

    [Fact]
    public async Task AnswersServerErrorWhenTokenGenerationFails()
    {
        using var http = _server.Http();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/token");
        request.Headers.Add("X-API-Key", "mint-fail-key");
        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("""{"detail":"Token generation failed"}""", await response.Content.ReadAsStringAsync());
        Assert.DoesNotContain(_server.Logs.Lines, l => l.Everything.Contains("mint-fail-key", StringComparison.Ordinal));
    }

    public void Dispose() => _server.Dispose();

    private sealed class BrokenClock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => throw new InvalidOperationException("clock unavailable");
    }
}
