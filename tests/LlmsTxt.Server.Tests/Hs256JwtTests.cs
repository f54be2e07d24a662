using System.Text;
using LlmsTxt.Server.Auth;
using LlmsTxt.Server.Tests.Support;

namespace LlmsTxt.Server.Tests;

public sealed class Hs256JwtTests
{
    private const string Key = "abc";
    private static readonly TimeSpan Skew = TimeSpan.FromSeconds(30);

    private static JwtFailure Verify(string token, DateTimeOffset? now = null) =>
        Hs256Jwt.Verify(token, Encoding.UTF8.GetBytes(Key), now ?? DateTimeOffset.UtcNow, Skew, out _);

    [Fact]
    public void SignedTokenVerifiesWithTheSameKeyOnly()
    {
        var token = Hs256Jwt.Sign(Encoding.UTF8.GetBytes(Key), w => w.WriteNumber("exp", TestTokens.Now + 60));
        Assert.Equal(JwtFailure.None, Verify(token));
        Assert.Equal(JwtFailure.BadSignature, Hs256Jwt.Verify(token, "abd"u8, DateTimeOffset.UtcNow, Skew, out _));
    }

    [Theory]
    [InlineData(-29, JwtFailure.None)]
    [InlineData(-31, JwtFailure.Expired)]
    [InlineData(-3600, JwtFailure.Expired)]
    public void ExpiryAllowsAtMostThirtySecondsOfSkew(int expiresInSeconds, JwtFailure expected)
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
        var token = TestTokens.Hs256(Key, new { exp = now.ToUnixTimeSeconds() + expiresInSeconds });
        Assert.Equal(expected, Verify(token, now));
    }

    [Theory]
    [InlineData("nbf", 31, JwtFailure.NotYetValid)]
    [InlineData("nbf", 29, JwtFailure.None)]
    [InlineData("iat", 3600, JwtFailure.NotYetValid)]
    public void TokensFromTheFutureAreRefused(string claim, int secondsAhead, JwtFailure expected)
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
        var payload = new Dictionary<string, object> { ["exp"] = now.ToUnixTimeSeconds() + 600, [claim] = now.ToUnixTimeSeconds() + secondsAhead };
        Assert.Equal(expected, Verify(TestTokens.Hs256(Key, payload), now));
    }

    [Fact]
    public void FractionalNumericDatesAreAccepted()
    {
        Assert.Equal(JwtFailure.None, Verify(TestTokens.Hs256(Key, new { exp = TestTokens.Now + 60.5 })));
    }

    [Theory]
    [InlineData("""{"exp":"tomorrow"}""")]
    [InlineData("""{"iat":1}""")]
    [InlineData("""{"exp":null}""")]
    public void BadTimeClaimsAreMalformed(string payloadJson)
    {
        var payload = System.Text.Json.JsonSerializer.Deserialize<System.Text.Json.JsonElement>(payloadJson);
        Assert.Equal(JwtFailure.Malformed, Verify(TestTokens.Hs256(Key, payload)));
    }

    [Fact]
    public void TamperedPayloadFailsTheSignature()
    {
        var token = TestTokens.Hs256(Key, new { exp = TestTokens.Now + 60, type = "refresh" });
        var parts = token.Split('.');
        var forged = parts[0] + "." + TestTokens.Encode(new { exp = TestTokens.Now + 60, type = "websocket" }) + "." + parts[2];
        Assert.Equal(JwtFailure.BadSignature, Verify(forged));
    }

    [Theory]
    [InlineData("HS512")]
    [InlineData("none")]
    [InlineData("hs256")]
    [InlineData("RS256")]
    public void OnlyHs256IsAccepted(string alg)
    {
        // Signed with HS256 anyway: the header's alg alone must decide.
        var token = TestTokens.Make(new { alg, typ = "JWT" }, new { exp = TestTokens.Now + 60 }, Key, System.Security.Cryptography.HMACSHA256.HashData);
        Assert.Equal(JwtFailure.UnsupportedAlgorithm, Verify(token));
    }

    [Fact]
    public void CriticalHeaderExtensionsAreRefused()
    {
        var token = TestTokens.Make(new { alg = "HS256", crit = new[] { "b64" }, b64 = false }, new { exp = TestTokens.Now + 60 }, Key, System.Security.Cryptography.HMACSHA256.HashData);
        Assert.Equal(JwtFailure.UnsupportedAlgorithm, Verify(token));
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("a.b")]
    [InlineData("a.b.c.d")]
    [InlineData("..")]
    [InlineData("e30.e30.")]
    public void MalformedTokensAreRefused(string token) => Assert.Equal(JwtFailure.Malformed, Verify(token));

    [Fact]
    public void PaddingOrWhitespaceInAPartIsMalformed()
    {
        var token = TestTokens.Hs256(Key, new { exp = TestTokens.Now + 60 });
        var dot = token.LastIndexOf('.');
        Assert.Equal(JwtFailure.Malformed, Verify(token + "="));
        Assert.Equal(JwtFailure.Malformed, Verify(token[..(dot + 1)] + " " + token[(dot + 1)..]));
    }

    [Fact]
    public void OversizedTokenIsRefusedUnread() => Assert.Equal(JwtFailure.Malformed, Verify(new string('a', Hs256Jwt.MaxLength + 1)));

    [Fact]
    public void ApiKeyComparisonIgnoresNothing()
    {
        Assert.True(ApiKeyVerifier.FixedTimeEquals("abc", "abc"));
        Assert.False(ApiKeyVerifier.FixedTimeEquals("abc", "abcd"));
        Assert.False(ApiKeyVerifier.FixedTimeEquals("abc", "ABC"));
        Assert.False(ApiKeyVerifier.FixedTimeEquals("", "abc"));
    }
}
