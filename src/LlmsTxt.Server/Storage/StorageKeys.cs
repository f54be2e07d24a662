using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace LlmsTxt.Server.Storage;

/// <summary>
/// Storage keys for a site's files: <c>llms/&lt;md5 hex of base URL&gt;.txt</c> and
/// <c>llms/&lt;md5&gt;-full.txt</c>, plus the key check every store applies.
/// </summary>
public static partial class StorageKeys
{
    /// <summary>Lower-case MD5 hex of the UTF-8 base URL, as given (callers pass the registry's normalised form).</summary>
    public static string SiteId(string baseUrl)
    {
        ArgumentException.ThrowIfNullOrEmpty(baseUrl);
#pragma warning disable CA5351 // MD5 names files, it protects nothing (the SPEC fixes the key format).
        return Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(baseUrl)));
#pragma warning restore CA5351
    }

    public static string LlmsTxt(string baseUrl) => $"llms/{SiteId(baseUrl)}.txt";

    public static string LlmsFullTxt(string baseUrl) => $"llms/{SiteId(baseUrl)}-full.txt";

    /// <summary>
    /// True for a relative key made of <c>[A-Za-z0-9._-]</c> segments separated by single slashes,
    /// with no <c>.</c> or <c>..</c> segment: such a key can never leave a store's root.
    /// </summary>
    public static bool IsValid(string? key) =>
        !string.IsNullOrEmpty(key) && key.Length <= 512 && KeyPattern().IsMatch(key)
        && key.Split('/').All(segment => segment is not ("." or ".."));

    /// <summary>Throws <see cref="ArgumentException"/> naming the rule when <paramref name="key"/> is not valid.</summary>
    public static void EnsureValid(string? key)
    {
        if (!IsValid(key))
        {
            throw new ArgumentException(
                $"Invalid storage key '{key}': use relative segments of letters, digits, '.', '_' or '-' joined by '/', without '.' or '..' segments (at most 512 characters).",
                nameof(key));
        }
    }

    [GeneratedRegex(@"^[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();
}
