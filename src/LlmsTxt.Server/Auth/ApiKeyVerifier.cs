using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace LlmsTxt.Server.Auth;

/// <summary>Checks a presented API key against the current <c>API_KEY</c> (re-read on every call, so a change applies at once).</summary>
public sealed class ApiKeyVerifier(IOptionsMonitor<ApiKeyOptions> options)
{
    public bool IsConfigured => options.CurrentValue.IsConfigured;

    /// <summary>False when no key is configured or <paramref name="presented"/> differs.</summary>
    public bool Matches(string? presented) => options.CurrentValue.ApiKey is { } key && presented is not null && FixedTimeEquals(presented, key);

    /// <summary>
    /// Hashes both sides first, so the comparison always covers 32 bytes and neither the key's length nor
    /// the position of the first difference shows in the timing.
    /// </summary>
    public static bool FixedTimeEquals(string presented, string expected)
    {
        Span<byte> a = stackalloc byte[SHA256.HashSizeInBytes];
        Span<byte> b = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(presented), a);
        SHA256.HashData(Encoding.UTF8.GetBytes(expected), b);
        return CryptographicOperations.FixedTimeEquals(a, b);
    }
}
