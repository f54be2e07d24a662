using System.Security.Cryptography;
using System.Text;

namespace LlmsTxt.Server.Publishing;

/// <summary>
/// How a site's webhook secret is kept: salted SHA-256 (<c>sha256$salt$hash</c>), never the secret itself,
/// so a leaked database or backup does not hand out working secrets. A fast hash is enough: secrets are
/// 16+ characters chosen by the operator, and the webhook is unauthenticated, so a slow hash would make it
/// a cheap way to burn our CPU. Checks are constant-time.
/// </summary>
public static class WebhookSecrets
{
    private const string Prefix = "sha256$";

    public const int MinLength = 16;
    public const int MaxLength = 200;

    /// <summary>The value to store for <paramref name="secret"/>: salted hash, or null for no secret.</summary>
    public static string? Protect(string? secret)
    {
        if (string.IsNullOrEmpty(secret))
        {
            return null;
        }

        if (secret.StartsWith(Prefix, StringComparison.Ordinal))
        {
            // Already protected (a row copied back in): hashing it again would lock the site out.
            return secret;
        }

        var salt = RandomNumberGenerator.GetBytes(16);
        return $"{Prefix}{Convert.ToBase64String(salt)}${Convert.ToBase64String(Hash(salt, secret))}";
    }

    /// <summary>
    /// True when <paramref name="presented"/> is the secret behind <paramref name="stored"/>, or when the site has no
    /// secret. A stored value without the prefix (written before secrets were hashed) is compared as plain text.
    /// </summary>
    public static bool Matches(string? stored, string? presented)
    {
        if (string.IsNullOrEmpty(stored))
        {
            return true;
        }

        var parts = stored.Split('$');
        if (stored.StartsWith(Prefix, StringComparison.Ordinal) && parts.Length == 3
            && TryBase64(parts[1], out var salt) && TryBase64(parts[2], out var expected))
        {
            var actual = Hash(salt, presented ?? "");
            return CryptographicOperations.FixedTimeEquals(expected, actual) && presented is not null;
        }

        // Hash both sides so neither the length nor the content leaks through timing.
        var plain = SHA256.HashData(Encoding.UTF8.GetBytes(stored));
        var given = SHA256.HashData(Encoding.UTF8.GetBytes(presented ?? ""));
        return CryptographicOperations.FixedTimeEquals(plain, given) && presented is not null;
    }

    /// <summary>Null when <paramref name="secret"/> is acceptable, else what is wrong (never the secret itself).</summary>
    public static string? Problem(string secret)
    {
        if (secret.Length is < MinLength or > MaxLength)
        {
            return $"webhookSecret must be {MinLength} to {MaxLength} characters long; got {secret.Length}.";
        }

        return secret.All(c => c is >= '!' and <= '~')
            ? null
            : "webhookSecret may contain only printable ASCII characters (! to ~), no spaces or control characters.";
    }

    private static byte[] Hash(byte[] salt, string secret)
    {
        var text = Encoding.UTF8.GetBytes(secret);
        var input = new byte[salt.Length + text.Length];
        salt.CopyTo(input, 0);
        text.CopyTo(input, salt.Length);
        return SHA256.HashData(input);
    }

    private static bool TryBase64(string text, out byte[] bytes)
    {
        bytes = new byte[text.Length];
        if (Convert.TryFromBase64String(text, bytes, out var written))
        {
            bytes = bytes[..written];
            return true;
        }

        return false;
    }
}
