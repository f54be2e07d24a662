using System.Security.Cryptography;
using System.Text;

namespace LlmsTxt.Server.Storage;

/// <summary>
/// Files under a root folder (<c>DATA_DIR</c>), served by <see cref="HostedFilesApi"/>. Writes go to
/// a temporary file in the same folder and are renamed over the target, which is atomic on one
/// file system: readers holding the old file keep reading it, new readers get the new one.
/// </summary>
public sealed class LocalFileStore : IFileStore
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);
    private readonly string _root;
    private readonly Func<string> _publicBaseUrl;
    private readonly TimeProvider _time;

    public LocalFileStore(string root, string publicBaseUrl, TimeProvider? timeProvider = null)
        : this(root, () => publicBaseUrl, timeProvider)
    {
    }

    /// <param name="publicBaseUrl">Asked on every call: the server's own address is known only once it listens.</param>
    public LocalFileStore(string root, Func<string> publicBaseUrl, TimeProvider? timeProvider = null)
    {
        _root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        _publicBaseUrl = publicBaseUrl;
        _time = timeProvider ?? TimeProvider.System;
    }

    public string Backend => "local";

    public string Root => _root;

    public async Task<StoredFileInfo> PutTextAsync(string key, string content, CancellationToken cancellationToken = default)
    {
        var path = PathFor(key);
        var directory = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(directory);
        var bytes = Utf8NoBom.GetBytes(content);
        var temp = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous))
            {
                await stream.WriteAsync(bytes, cancellationToken);
                // Flush to disk before the rename so a crash never leaves a renamed but empty file.
                stream.Flush(flushToDisk: true);
            }

            File.SetLastWriteTimeUtc(temp, _time.GetUtcNow().UtcDateTime);
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }

        return new StoredFileInfo(key, GetPublicUrl(key), ETagOf(bytes), File.GetLastWriteTimeUtc(path));
    }

    public async Task<StoredFile?> GetTextAsync(string key, CancellationToken cancellationToken = default)
    {
        var path = PathFor(key);
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 4096, FileOptions.Asynchronous);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }

        await using (stream)
        {
            // Time and bytes come from the same open handle, so they describe the same version.
            var modified = new DateTimeOffset(File.GetLastWriteTimeUtc(stream.SafeFileHandle), TimeSpan.Zero);
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, cancellationToken);
            var bytes = buffer.ToArray();
            return new StoredFile(key, Utf8NoBom.GetString(bytes), ETagOf(bytes), modified);
        }
    }

    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken = default) => Task.FromResult(File.Exists(PathFor(key)));

    public Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        var path = PathFor(key);
        if (!File.Exists(path))
        {
            return Task.FromResult(false);
        }

        File.Delete(path);
        return Task.FromResult(true);
    }

    public string GetPublicUrl(string key)
    {
        StorageKeys.EnsureValid(key);
        return StorageUrls.Join(_publicBaseUrl(), key);
    }

    public async Task<StoreCheck> CheckReadyAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var folder = Path.Combine(_root, "llms");
            Directory.CreateDirectory(folder);
            var probe = Path.Combine(folder, $".ready-{Guid.NewGuid():N}.tmp");
            await File.WriteAllTextAsync(probe, "ok", cancellationToken);
            File.Delete(probe);
            return new StoreCheck(true, Backend);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new StoreCheck(false, Backend, $"folder {_root} is not writable: {e.Message}");
        }
    }

    /// <summary>Maps a key to a path under the root, refusing anything that would land outside it.</summary>
    internal string PathFor(string key)
    {
        StorageKeys.EnsureValid(key);
        var path = Path.GetFullPath(Path.Combine(_root, key));
        if (!path.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Storage key '{key}' points outside the storage folder.", nameof(key));
        }

        return path;
    }

    /// <summary>Strong validator from the content, so every instance serving the folder agrees.</summary>
    internal static string ETagOf(ReadOnlySpan<byte> bytes) =>
        "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes)[..16]) + "\"";

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: a stray temp file is harmless and never served (its name starts with '.').
        }
    }
}
