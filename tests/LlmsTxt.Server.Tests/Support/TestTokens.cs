using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace LlmsTxt.Server.Tests.Support;

/// <summary>Hand-built JWTs for the cases a real library refuses to make (alg none, wrong claims, short keys).</summary>
public static class TestTokens
{
    public static long Now => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    public static string Encode(object value) => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(value));

    /// <summary>A token with the given header and payload, signed with <paramref name="sign"/> (null: empty signature).</summary>
    public static string Make(object header, object payload, string key, Func<byte[], byte[], byte[]>? sign)
    {
        var input = Encode(header) + "." + Encode(payload);
        var signature = sign is null ? "" : Base64Url.EncodeToString(sign(Encoding.UTF8.GetBytes(key), Encoding.ASCII.GetBytes(input)));
        return input + "." + signature;
    }

    public static string Hs256(string key, object payload) =>
        Make(new { alg = "HS256", typ = "JWT" }, payload, key, HMACSHA256.HashData);

    public static object ValidPayload() => new { exp = Now + 300, iat = Now, type = "websocket" };
}
