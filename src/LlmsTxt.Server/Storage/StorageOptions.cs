using Microsoft.Extensions.Options;

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
    public string DataDir { get; set; } = "data";

    /// <summary>Base of public URLs for the local store; defaults to http://HOST:PORT.</summary>
    public string? PublicBaseUrl { get; set; }

    public string? S3Endpoint { get; set; }
    public string? S3Bucket { get; set; }
    public string? S3AccessKey { get; set; }
    public string? S3SecretKey { get; set; }
    public string? S3PublicDomain { get; set; }

    /// <summary>Signing region; R2 and MinIO accept anything, AWS needs the bucket's region.</summary>
    public string S3Region { get; set; } = "us-east-1";

    public StorageBackend Backend =>
        S3Bucket is not null || S3Endpoint is not null || S3AccessKey is not null || S3SecretKey is not null
            ? StorageBackend.S3
            : StorageBackend.Local;

    /// <summary>Reads the options from configuration (environment variables, .env, appsettings).</summary>
    public static void Bind(StorageOptions options, IConfiguration configuration)
    {
        options.DataDir = Setting(configuration, "DATA_DIR") ?? options.DataDir;
        var host = Setting(configuration, "HOST") ?? "localhost";
        if (host is "0.0.0.0" or "*" or "+" or "::")
        {
            host = "localhost";
        }

        options.PublicBaseUrl = Setting(configuration, "PUBLIC_BASE_URL")
            ?? options.PublicBaseUrl
            ?? $"http://{host}:{Setting(configuration, "PORT") ?? "8000"}";
        options.S3Endpoint = Setting(configuration, "S3_ENDPOINT", "R2_ENDPOINT", "S3_ENDPOINT_URL", "R2_ENDPOINT_URL")
            ?? R2AccountEndpoint(Setting(configuration, "R2_ACCOUNT_ID"));
        options.S3Bucket = Setting(configuration, "S3_BUCKET", "R2_BUCKET", "S3_BUCKET_NAME", "R2_BUCKET_NAME");
        options.S3AccessKey = Setting(configuration, "S3_ACCESS_KEY", "R2_ACCESS_KEY", "S3_ACCESS_KEY_ID", "R2_ACCESS_KEY_ID");
        options.S3SecretKey = Setting(configuration, "S3_SECRET_KEY", "R2_SECRET_KEY", "S3_SECRET_ACCESS_KEY", "R2_SECRET_ACCESS_KEY");
        options.S3PublicDomain = Setting(configuration, "S3_PUBLIC_DOMAIN", "R2_PUBLIC_DOMAIN");
        options.S3Region = Setting(configuration, "S3_REGION", "R2_REGION") ?? (options.S3Endpoint?.Contains(".r2.cloudflarestorage.com", StringComparison.OrdinalIgnoreCase) == true ? "auto" : options.S3Region);
    }

    internal static string? Setting(IConfiguration configuration, params string[] names) =>
        names.Select(n => configuration[n]).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();

    private static string? R2AccountEndpoint(string? accountId) =>
        accountId is null ? null : $"https://{accountId}.r2.cloudflarestorage.com";
}

/// <summary>Fails start-up with a message naming the variable that is wrong.</summary>
internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var failures = new List<string>();
        if (options.Backend == StorageBackend.Local)
        {
            if (string.IsNullOrWhiteSpace(options.DataDir))
            {
                failures.Add("DATA_DIR must name a folder.");
            }

            if (!IsHttpUrl(options.PublicBaseUrl))
            {
                failures.Add($"PUBLIC_BASE_URL must be an absolute http(s) URL such as https://llms.example.com (got '{options.PublicBaseUrl}').");
            }
        }
        else
        {
            if (options.S3Bucket is null)
            {
                failures.Add("S3_BUCKET (or R2_BUCKET) is required when S3 storage is configured (an S3_*/R2_* endpoint or key is set).");
            }
            else if (!BucketName().IsMatch(options.S3Bucket))
            {
                failures.Add($"S3_BUCKET '{options.S3Bucket}' is not a valid bucket name (3-63 characters: lower-case letters, digits, '.', '-').");
            }

            if (options.S3AccessKey is null)
            {
                failures.Add("S3_ACCESS_KEY (or R2_ACCESS_KEY) is required for S3 storage.");
            }

            if (options.S3SecretKey is null)
            {
                failures.Add("S3_SECRET_KEY (or R2_SECRET_KEY) is required for S3 storage.");
            }

            if (options.S3Endpoint is not null && !IsHttpUrl(options.S3Endpoint))
            {
                failures.Add($"S3_ENDPOINT must be an absolute http(s) URL such as https://<account>.r2.cloudflarestorage.com (got '{options.S3Endpoint}').");
            }

            if (options.S3PublicDomain is not null && !IsHttpUrl(StorageUrls.WithScheme(options.S3PublicDomain)))
            {
                failures.Add($"S3_PUBLIC_DOMAIN must be a host name or an http(s) URL such as https://files.example.com (got '{options.S3PublicDomain}').");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    private static System.Text.RegularExpressions.Regex BucketName() => new("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$");
}

internal static class StorageUrls
{
    /// <summary>"files.example.com" → "https://files.example.com"; URLs pass through.</summary>
    public static string WithScheme(string domainOrUrl) =>
        domainOrUrl.Contains("://", StringComparison.Ordinal) ? domainOrUrl : "https://" + domainOrUrl;

    /// <summary>Joins a base URL and a key with exactly one slash; the key's segments are URL-safe by construction.</summary>
    public static string Join(string baseUrl, string key) => baseUrl.TrimEnd('/') + "/" + key;
}
