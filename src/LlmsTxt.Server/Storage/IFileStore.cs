namespace LlmsTxt.Server.Storage;

/// <summary>
/// Where generated llms.txt files live: a local folder or an S3-compatible bucket. Keys are
/// relative paths such as <c>llms/&lt;md5&gt;.txt</c> (see <see cref="StorageKeys"/>).
/// </summary>
public interface IFileStore
{
    /// <summary>Short name for logs and readiness ("local" or "s3").</summary>
    string Backend { get; }

    /// <summary>
    /// Writes <paramref name="content"/> (UTF-8, <c>text/markdown; charset=utf-8</c>) under
    /// <paramref name="key"/>, replacing any previous version atomically: a reader sees the old
    /// or the new file, never part of one. Throws <see cref="ArgumentException"/> for a bad key.
    /// </summary>
    Task<StoredFileInfo> PutTextAsync(string key, string content, CancellationToken cancellationToken = default);

    /// <summary>The file and its validators, or null when there is no such file.</summary>
    Task<StoredFile?> GetTextAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Whether <paramref name="key"/> is stored, without reading it (the scheduler re-uploads a file someone deleted).</summary>
    Task<bool> ExistsAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Removes the file; false when it did not exist.</summary>
    Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>The address the world downloads <paramref name="key"/> from (no I/O).</summary>
    string GetPublicUrl(string key);

    /// <summary>Whether the store answers (folder writable, bucket reachable), for /health/ready.</summary>
    Task<StoreCheck> CheckReadyAsync(CancellationToken cancellationToken = default);
}

/// <summary>What a successful write produced.</summary>
public sealed record StoredFileInfo(string Key, string PublicUrl, string ETag, DateTimeOffset LastModified);

/// <summary>A stored file with its HTTP validators. <see cref="ETag"/> is quoted, as sent in headers.</summary>
public sealed record StoredFile(string Key, string Content, string ETag, DateTimeOffset LastModified);

/// <summary>Readiness of a store; <see cref="Error"/> says what failed, without secrets.</summary>
public sealed record StoreCheck(bool Ready, string Backend, string? Error = null);
