using System.Net;
using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace LlmsTxt.Server.Storage;

/// <summary>
/// Files in an S3-compatible bucket (Cloudflare R2, MinIO, AWS S3, s3rver). One PUT replaces an
/// object atomically, so readers never see a partial file.
/// </summary>
public sealed class S3FileStore : IFileStore, IDisposable
{
    public const string ContentType = "text/markdown; charset=utf-8";
    private readonly AmazonS3Client _client;
    private readonly string _bucket;
    private readonly string _publicBase;

    public S3FileStore(StorageOptions options)
    {
        _bucket = options.S3Bucket ?? throw new ArgumentException("S3_BUCKET is required.", nameof(options));
        _client = CreateClient(options);
        _publicBase = options.S3PublicDomain is { } domain
            ? StorageUrls.WithScheme(domain)
            : options.S3Endpoint is { } endpoint
                ? StorageUrls.Join(endpoint, _bucket)
                : $"https://{_bucket}.s3.{options.S3Region}.amazonaws.com";
    }

    public string Backend => "s3";

    public string Bucket => _bucket;

    public AmazonS3Client Client => _client;

    public async Task<StoredFileInfo> PutTextAsync(string key, string content, CancellationToken cancellationToken = default)
    {
        StorageKeys.EnsureValid(key);
        var request = new PutObjectRequest
        {
            BucketName = _bucket,
            Key = key,
            ContentBody = content,
            ContentType = ContentType,
            // A plain signed body (no aws-chunked streaming signature) is what R2, MinIO and s3rver all accept.
            UseChunkEncoding = false,
        };
        request.Headers.CacheControl = "no-cache";
        var response = await _client.PutObjectAsync(request, cancellationToken);
        return new StoredFileInfo(key, GetPublicUrl(key), response.ETag ?? "", DateTimeOffset.UtcNow);
    }

    public async Task<StoredFile?> GetTextAsync(string key, CancellationToken cancellationToken = default)
    {
        StorageKeys.EnsureValid(key);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await ReadAsync(key, cancellationToken);
            }
            catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }
            catch (Exception e) when (e is IOException or AmazonClientException && attempt < 4 && !cancellationToken.IsCancellationRequested)
            {
                // A body cut short or torn (a dropped connection, or a server such as s3rver that
                // rewrites the object in place while we read) is never returned: the SDK's length
                // and MD5 checks throw, and we read again.
                await Task.Delay(TimeSpan.FromMilliseconds(20 * attempt), cancellationToken);
            }
        }
    }

    private async Task<StoredFile> ReadAsync(string key, CancellationToken cancellationToken)
    {
        using var response = await _client.GetObjectAsync(_bucket, key, cancellationToken);
        using var reader = new StreamReader(response.ResponseStream, System.Text.Encoding.UTF8);
        var content = await reader.ReadToEndAsync(cancellationToken);
        var modified = response.LastModified is { } m ? new DateTimeOffset(DateTime.SpecifyKind(m.ToUniversalTime(), DateTimeKind.Utc)) : DateTimeOffset.UtcNow;
        return new StoredFile(key, content, response.ETag ?? "", modified);
    }

    public async Task<bool> ExistsAsync(string key, CancellationToken cancellationToken = default)
    {
        StorageKeys.EnsureValid(key);
        try
        {
            // HEAD: no body transferred, however large the file.
            await _client.GetObjectMetadataAsync(_bucket, key, cancellationToken);
            return true;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    public async Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        if (!await ExistsAsync(key, cancellationToken))
        {
            return false;
        }

        await _client.DeleteObjectAsync(_bucket, key, cancellationToken);
        return true;
    }

    public string GetPublicUrl(string key)
    {
        StorageKeys.EnsureValid(key);
        return StorageUrls.Join(_publicBase, key);
    }

    public async Task<StoreCheck> CheckReadyAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            // HEAD: cheap, needs no listing permission, and independent of what the bucket holds.
            await _client.HeadBucketAsync(new HeadBucketRequest { BucketName = _bucket }, cancellationToken);
            return new StoreCheck(true, Backend);
        }
        catch (AmazonServiceException e)
        {
            return new StoreCheck(false, Backend, $"bucket '{_bucket}' did not answer: HTTP {(int)e.StatusCode} {e.ErrorCode}".TrimEnd());
        }
        catch (Exception e) when (e is AmazonClientException or HttpRequestException or IOException or TaskCanceledException)
        {
            return new StoreCheck(false, Backend, $"bucket '{_bucket}' is unreachable: {e.Message}");
        }
    }

    public void Dispose() => _client.Dispose();

    internal static AmazonS3Client CreateClient(StorageOptions options)
    {
        var config = new AmazonS3Config
        {
            // AWS SDK v4 adds CRC checksums to every request by default; s3rver and R2 reject or
            // mishandle them, so only send them where an operation requires one.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            Timeout = TimeSpan.FromSeconds(30),
            MaxErrorRetry = 3,
        };
        if (options.S3Endpoint is { } endpoint)
        {
            config.ServiceURL = endpoint;
            config.AuthenticationRegion = options.S3Region;
            // Path-style (endpoint/bucket/key): MinIO and s3rver have no per-bucket host names.
            config.ForcePathStyle = true;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.S3Region);
        }

        var credentials = new BasicAWSCredentials(options.S3AccessKey, options.S3SecretKey);
        return new AmazonS3Client(credentials, config);
    }
}
