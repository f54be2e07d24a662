using LlmsTxt.Server.Auth;

namespace LlmsTxt.Server.Crawls;

/// <summary>Credentials a socket handshake may carry.</summary>
/// <param name="Token"><c>?token=</c> (null when absent; empty when present but empty).</param>
/// <param name="ApiKey"><c>?api_key=</c>.</param>
/// <param name="Authorization">The <c>Authorization</c> header.</param>
public sealed record SocketCredentials(string? Token, string? ApiKey, string? Authorization)
{
    public static SocketCredentials From(HttpRequest request) => new(
        request.Query.TryGetValue("token", out var token) ? token.ToString() : null,
        request.Query.TryGetValue("api_key", out var key) ? key.ToString() : null,
        request.Headers.Authorization.Count == 1 ? request.Headers.Authorization.ToString() : null);
}

/// <summary>The outcome; <see cref="Detail"/> is for the log (never a credential).</summary>
public sealed record SocketAuthResult(bool Accepted, string? CloseReason, string Detail)
{
    public static SocketAuthResult Accept(string how) => new(true, null, how);

    public static SocketAuthResult Reject(string reason, string detail) => new(false, reason, detail);
}

/// <summary>
/// SPEC's <c>/ws/crawl</c> authentication, decided from the handshake alone (before any message is read):
/// a token (<c>?token=</c>, else <c>Authorization: Bearer</c>) must verify with the current key, be HS256,
/// unexpired (≤ 30 s skew) and of type "websocket", else 1008 "Invalid or expired token"; without a token
/// <c>?api_key=</c> must equal <c>API_KEY</c>, else 1008 "Unauthorized". With no <c>API_KEY</c> configured
/// the socket is open (development mode) and credentials are not looked at.
/// </summary>
public sealed class SocketAuthenticator(ApiKeyVerifier keys, TokenService tokens)
{
    public const string InvalidTokenReason = "Invalid or expired token";
    public const string UnauthorizedReason = "Unauthorized";

    public SocketAuthResult Authenticate(SocketCredentials credentials)
    {
        if (!keys.IsConfigured)
        {
            return SocketAuthResult.Accept("open mode (no API_KEY)");
        }

        var token = credentials.Token ?? BearerToken(credentials.Authorization);
        if (token is not null)
        {
            var failure = tokens.Validate(token);
            return failure == JwtFailure.None
                ? SocketAuthResult.Accept("token")
                : SocketAuthResult.Reject(InvalidTokenReason, $"token {failure}");
        }

        if (credentials.ApiKey is null)
        {
            return SocketAuthResult.Reject(UnauthorizedReason, "no credentials");
        }

        return keys.Matches(credentials.ApiKey)
            ? SocketAuthResult.Accept("api_key")
            : SocketAuthResult.Reject(UnauthorizedReason, "wrong api_key");
    }

    private static string? BearerToken(string? authorization)
    {
        const string scheme = "Bearer ";
        return authorization is not null && authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)
            ? authorization[scheme.Length..].Trim()
            : null;
    }
}
