using LlmsTxt.Server.Configuration;

namespace LlmsTxt.Server.Storage;

public enum StorageBackend
{
    Local,
    S3,
}

/// <summary>
/// Storage settings, read from the SPEC's variable names (<c>DATA_DIR</c>, <c>PUBLIC_BASE_URL</c>,
/// <c>S3_*</c>; every <c>S3_*</c> also accepted under its Cloudflare <c>R2_*</c> name). Setting a
/// bucket, endpoint or key selects S3; otherwise files go to <c>DATA_DIR/llms</c>.
/// </summary>
public sealed class StorageOptions
{
    /// <summary><c>DATA_DIR</c>: the folder for hosted files (and the SQLite registry).</summary>
    public string DataDir { get; set; } = DataDirectory.Default;

    /// <summary><c>PUBLIC_BASE_URL</c>: base of public URLs for the local store; defaults to the address the server listens on (else http://HOST:PORT).</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>True when <c>PUBLIC_BASE_URL</c> was set; otherwise <see cref="PublicBaseUrl"/> is only a fallback.</summary>
    public bool PublicBaseUrlConfigured { get; set; }

    public string? S3Endpoint { get; set; }
    public string? S3Bucket { get; set; }
    public string? S3AccessKey { get; set; }
    public string? S3SecretKey { get; set; }
    public string? S3PublicDomain { get; set; }

    /// <summary><c>S3_REGION</c>: signing region; R2 ("auto") and MinIO accept anything, AWS needs the bucket's region.</summary>
    public string S3Region { get; set; } = "us-east-1";

    public StorageBackend Backend =>
        S3Bucket is not null || S3Endpoint is not null || S3AccessKey is not null || S3SecretKey is not null
            ? StorageBackend.S3
            : StorageBackend.Local;

    /// <summary>Reads and checks the settings; every problem names its variable.</summary>
    internal static void Read(EnvSettings env, StorageOptions options)
    {
        options.DataDir = DataDirectory.Read(env);
        var host = env.Text("HOST", "localhost");
        if (host is "0.0.0.0" or "*" or "+" or "::" or "[::]")
        {
            host = "localhost";
        }

        var configured = env.AbsoluteUrl("PUBLIC_BASE_URL", "http", "https")?.ToString().TrimEnd('/');
        options.PublicBaseUrlConfigured = configured is not null;
        options.PublicBaseUrl = configured ?? $"http://{host}:{env.Text("PORT", "8000")}";
        options.S3Endpoint = env.FirstOf("S3_ENDPOINT", "R2_ENDPOINT", "S3_ENDPOINT_URL", "R2_ENDPOINT_URL")?.Trim()
            ?? (env.Raw("R2_ACCOUNT_ID") is { } account ? $"https://{account.Trim()}.r2.cloudflarestorage.com" : null);
        options.S3Bucket = env.FirstOf("S3_BUCKET", "R2_BUCKET", "S3_BUCKET_NAME", "R2_BUCKET_NAME")?.Trim();
        options.S3AccessKey = env.FirstOf("S3_ACCESS_KEY", "R2_ACCESS_KEY", "S3_ACCESS_KEY_ID", "R2_ACCESS_KEY_ID")?.Trim();
        options.S3SecretKey = env.FirstOf("S3_SECRET_KEY", "R2_SECRET_KEY", "S3_SECRET_ACCESS_KEY", "R2_SECRET_ACCESS_KEY")?.Trim();
        options.S3PublicDomain = env.FirstOf("S3_PUBLIC_DOMAIN", "R2_PUBLIC_DOMAIN")?.Trim();
        options.S3Region = env.FirstOf("S3_REGION", "R2_REGION")?.Trim()
            ?? (options.S3Endpoint?.Contains(".r2.cloudflarestorage.com", StringComparison.OrdinalIgnoreCase) == true ? "auto" : options.S3Region);
        if (options.Backend == StorageBackend.S3)
        {
            Check(env, options);
        }
    }

    private static void Check(EnvSettings env, StorageOptions options)
    {
        if (options.S3Bucket is null)
        {
            env.Fail("S3_BUCKET", "(or R2_BUCKET) is required when S3 storage is configured (an S3_*/R2_* endpoint or key is set)");
        }
        else if (!IsBucketName(options.S3Bucket))
        {
            env.Fail("S3_BUCKET", $"must be a bucket name of 3-63 lower-case letters, digits, '.' or '-', got '{options.S3Bucket}'");
        }

        if (options.S3AccessKey is null)
        {
            env.Fail("S3_ACCESS_KEY", "(or R2_ACCESS_KEY) is required for S3 storage");
        }

        if (options.S3SecretKey is null)
        {
            env.Fail("S3_SECRET_KEY", "(or R2_SECRET_KEY) is required for S3 storage");
        }

        if (options.S3Endpoint is not null && !IsHttpUrl(options.S3Endpoint))
        {
            env.Fail("S3_ENDPOINT", $"must be an absolute http(s) URL such as https://<account>.r2.cloudflarestorage.com, got '{options.S3Endpoint}'");
        }

        if (options.S3PublicDomain is not null && !IsHttpUrl(StorageUrls.WithScheme(options.S3PublicDomain)))
        {
            env.Fail("S3_PUBLIC_DOMAIN", $"must be a host name or an http(s) URL such as https://files.example.com, got '{options.S3PublicDomain}'");
        }
    }

    private static bool IsBucketName(string name) =>
        name.Length is >= 3 and <= 63 && IsLowerOrDigit(name[0]) && IsLowerOrDigit(name[^1])
        && name.All(c => IsLowerOrDigit(c) || c is '.' or '-');

    private static bool IsLowerOrDigit(char c) => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c);

    private static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}

internal static class StorageUrls
{
    /// <summary>"files.example.com" → "https://files.example.com"; URLs pass through.</summary>
    public static string WithScheme(string domainOrUrl) =>
        domainOrUrl.Contains("://", StringComparison.Ordinal) ? domainOrUrl : "https://" + domainOrUrl;

    /// <summary>Joins a base URL and a key with exactly one slash; the key's segments are URL-safe by construction.</summary>
    public static string Join(string baseUrl, string key) => baseUrl.TrimEnd('/') + "/" + key;
}
