using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace LlmsTxt.Server.Auth;

/// <summary>Why a token was refused (logged; never the token itself).</summary>
public enum JwtFailure
{
    None,
    Malformed,
    UnsupportedAlgorithm,
    BadSignature,
    Expired,
    NotYetValid,
    WrongType,
}

/// <summary>
/// HS256 JSON Web Tokens (RFC 7519) made and checked with <see cref="HMACSHA256"/> directly. The common JWT
/// libraries refuse HMAC keys under 256 bits, and <c>API_KEY</c> may be any length (even "abc"), so the
/// few steps are done here: fixed header, base64url JSON, constant-time signature check, <c>alg</c> pinned to
/// HS256 (so "none" and HS512 are refused), time claims with a bounded clock skew.
/// </summary>
public static class Hs256Jwt
{
    /// <summary>Tokens longer than this are refused before any decoding work.</summary>
    public const int MaxLength = 8192;

    private static readonly byte[] HeaderJson = """{"alg":"HS256","typ":"JWT"}"""u8.ToArray();

    /// <summary>Signs a payload written by <paramref name="writePayload"/> (the object's properties, in order).</summary>
    public static string Sign(ReadOnlySpan<byte> key, Action<Utf8JsonWriter> writePayload)
    {
        using var payload = new MemoryStream();
        using (var writer = new Utf8JsonWriter(payload))
        {
            writer.WriteStartObject();
            writePayload(writer);
            writer.WriteEndObject();
        }

        var signingInput = Base64Url.EncodeToString(HeaderJson) + "." + Base64Url.EncodeToString(payload.ToArray());
        var signature = HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(signingInput));
        return signingInput + "." + Base64Url.EncodeToString(signature);
    }

    /// <summary>
    /// Verifies signature, algorithm and time claims: <c>exp</c> is required, <c>nbf</c> and <c>iat</c> are
    /// checked when present, each with <paramref name="clockSkew"/> of tolerance. On success
    /// <paramref name="payload"/> holds the claims for further checks (e.g. <c>type</c>).
    /// </summary>
    public static JwtFailure Verify(string token, ReadOnlySpan<byte> key, DateTimeOffset now, TimeSpan clockSkew, out JsonElement payload)
    {
        payload = default;
        if (token.Length is 0 or > MaxLength)
        {
            return JwtFailure.Malformed;
        }

        var parts = token.Split('.');
        if (parts.Length != 3 || parts.Any(p => p.Length == 0))
        {
            return JwtFailure.Malformed;
        }

        if (!TryDecodeObject(parts[0], out var header) || !TryDecode(parts[2], out var signature))
        {
            return JwtFailure.Malformed;
        }

        // Pin the algorithm before looking at the signature; a "crit" header we can't honour is refused (RFC 7515 §4.1.11).
        if (!header.TryGetProperty("alg", out var alg) || alg.ValueKind != JsonValueKind.String || alg.GetString() != "HS256" || header.TryGetProperty("crit", out _))
        {
            return JwtFailure.UnsupportedAlgorithm;
        }

        var expected = HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]));
        if (!CryptographicOperations.FixedTimeEquals(expected, signature))
        {
            return JwtFailure.BadSignature;
        }

        if (!TryDecodeObject(parts[1], out payload))
        {
            return JwtFailure.Malformed;
        }

        return CheckTimes(payload, now.ToUnixTimeMilliseconds() / 1000.0, clockSkew.TotalSeconds);
    }

    private static JwtFailure CheckTimes(JsonElement payload, double now, double skew)
    {
        if (!TryGetSeconds(payload, "exp", out var exp, required: true)
            || !TryGetSeconds(payload, "nbf", out var nbf, required: false)
            || !TryGetSeconds(payload, "iat", out var iat, required: false))
        {
            return JwtFailure.Malformed;
        }

        if (now > exp + skew)
        {
            return JwtFailure.Expired;
        }

        return nbf > now + skew || iat > now + skew ? JwtFailure.NotYetValid : JwtFailure.None;
    }

    /// <summary>A NumericDate claim (seconds, possibly fractional); absent optional claims read as -infinity.</summary>
    private static bool TryGetSeconds(JsonElement payload, string name, out double seconds, bool required)
    {
        seconds = double.NegativeInfinity;
        if (!payload.TryGetProperty(name, out var value))
        {
            return !required;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out seconds) && double.IsFinite(seconds);
    }

    private static bool TryDecode(string part, out byte[] bytes)
    {
        bytes = [];
        // Only the base64url alphabet: no padding, no whitespace (which lenient decoders would skip).
        if (part.Any(c => !char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_')) || !Base64Url.IsValid(part))
        {
            return false;
        }

        bytes = Base64Url.DecodeFromChars(part);
        return true;
    }

    private static bool TryDecodeObject(string part, out JsonElement value)
    {
        value = default;
        if (!TryDecode(part, out var bytes))
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(bytes);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            value = document.RootElement.Clone();
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
