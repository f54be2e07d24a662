using System.Text;
using Microsoft.Extensions.Options;

namespace LlmsTxt.Server.Auth;

/// <summary>A freshly minted WebSocket token.</summary>
public sealed record IssuedToken(string Token, TimeSpan ExpiresIn);

/// <summary>
/// Mints and checks the short-lived WebSocket tokens of SPEC: HS256, secret = UTF-8 bytes of the
/// <em>current</em> <c>API_KEY</c> (so changing the key invalidates every issued token),
/// claims <c>exp</c>, <c>iat</c>, <c>type: "websocket"</c>.
/// </summary>
public sealed class TokenService(IOptionsMonitor<ApiKeyOptions> options, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(300);

    /// <summary>SPEC allows at most 30 s of clock skew on <c>exp</c>.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    public const string WebSocketType = "websocket";

    /// <exception cref="InvalidOperationException">No <c>API_KEY</c> is configured.</exception>
    public IssuedToken Issue()
    {
        var key = options.CurrentValue.ApiKey ?? throw new InvalidOperationException("API_KEY is not configured.");
        var issuedAt = time.GetUtcNow().ToUnixTimeSeconds();
        var token = Hs256Jwt.Sign(Encoding.UTF8.GetBytes(key), writer =>
        {
            writer.WriteNumber("exp", issuedAt + (long)Lifetime.TotalSeconds);
            writer.WriteNumber("iat", issuedAt);
            writer.WriteString("type", WebSocketType);
        });
        return new IssuedToken(token, Lifetime);
    }

    /// <summary>Checks a token against the current key and clock; <see cref="JwtFailure.None"/> means valid.</summary>
    public JwtFailure Validate(string token)
    {
        if (options.CurrentValue.ApiKey is not { } key)
        {
            return JwtFailure.BadSignature;
        }

        var failure = Hs256Jwt.Verify(token, Encoding.UTF8.GetBytes(key), time.GetUtcNow(), ClockSkew, out var payload);
        if (failure != JwtFailure.None)
        {
            return failure;
        }

        return payload.TryGetProperty("type", out var type) && type.ValueKind == System.Text.Json.JsonValueKind.String && type.GetString() == WebSocketType
            ? JwtFailure.None
            : JwtFailure.WrongType;
    }
}
