namespace LlmsTxt.Core.Crawling;

/// <summary>Thrown when a stream produces more bytes than its cap (a decompression bomb, a runaway file).</summary>
public sealed class SizeLimitExceededException(long limit)
    : Exception($"more than {limit / 1048576.0:0.##} MiB after decompression")
{
    public long Limit { get; } = limit;
}

/// <summary>
/// A read-only wrapper that counts bytes as they are read and throws once a cap is passed, so a cap on a
/// decompressing stream bounds work and memory while the data streams through. Each read may also
/// restart an idle timer.
/// </summary>
internal sealed class CappedStream(Stream inner, long cap, Action? onRead = null, CancellationToken readToken = default)
    : ReadOnlyWrapperStream(inner)
{
    private long _read;

    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Count(Inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        onRead?.Invoke();
        return Count(await Inner.ReadAsync(buffer, readToken.CanBeCanceled ? readToken : cancellationToken).ConfigureAwait(false));
    }

    private int Count(int read)
    {
        _read += read;
        if (_read > cap)
        {
            throw new SizeLimitExceededException(cap);
        }
        return read;
    }
}
