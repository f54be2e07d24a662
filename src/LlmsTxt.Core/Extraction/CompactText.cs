using System.Buffers;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text;

namespace LlmsTxt.Core.Extraction;

/// <summary>
/// A text held as Brotli-compressed UTF-8 until it is read. A crawl keeps every page's Markdown until
/// llms-full.txt is written; as strings (two bytes a character) 1,000 documentation pages held 40–70 MB, compressed
/// they hold about a tenth of that. Brotli at quality 1 compresses documentation Markdown 4–6× at a few hundred MB/s,
/// so packing costs far less than the extraction that produced the text. Equal texts pack to equal bytes.
/// </summary>
public sealed class CompactText : IEquatable<CompactText>
{
    // Rule: quality 1 is Brotli's fastest setting that still finds repeats across a whole page (window 2^22).
    private const int Quality = 1;
    private const int Window = 22;

    // Short texts (titles, one-line notes) gain nothing from compression and are kept as UTF-8 bytes.
    private const int MinPacked = 256;

    // Strict: a lone surrogate can't round-trip through UTF-8, so such a text is kept as its UTF-16 code units.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static readonly CompactText Empty = new([], 0, 0, Form.Utf8);

    private enum Form : byte
    {
        Utf8,
        Brotli,
        Utf16,
    }

    private readonly byte[] _bytes;
    private readonly int _utf8Length;
    private readonly Form _form;

    private CompactText(byte[] bytes, int length, int utf8Length, Form form)
    {
        _bytes = bytes;
        Length = length;
        _utf8Length = utf8Length;
        _form = form;
    }

    /// <summary>The text's length in UTF-16 code units (what <see cref="string.Length"/> would say).</summary>
    public int Length { get; }

    /// <summary>Bytes held (for benchmarks and logs).</summary>
    public int HeldBytes => _bytes.Length;

    public static CompactText Of(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return Empty;
        }
        int utf8Length;
        try
        {
            utf8Length = StrictUtf8.GetByteCount(text);
        }
        catch (EncoderFallbackException)
        {
            return new CompactText(MemoryMarshal.AsBytes(text.AsSpan()).ToArray(), text.Length, 0, Form.Utf16);
        }
        if (utf8Length < MinPacked)
        {
            return new CompactText(Encoding.UTF8.GetBytes(text), text.Length, utf8Length, Form.Utf8);
        }
        var packed = Pack(text);
        // Incompressible text is kept as it is: never more bytes than its UTF-8.
        return packed.Length < utf8Length
            ? new CompactText(packed, text.Length, utf8Length, Form.Brotli)
            : new CompactText(Encoding.UTF8.GetBytes(text), text.Length, utf8Length, Form.Utf8);
    }

    /// <summary>
    /// The text a builder holds, packed from its chunks without making it a string first (a page's Markdown is written
    /// into a builder: its string would be one more whole copy). Equal to <see cref="Of(string)"/> of its text.
    /// </summary>
    internal static CompactText Of(StringBuilder text)
    {
        int utf8Length;
        try
        {
            var counter = StrictUtf8.GetEncoder();
            utf8Length = 0;
            foreach (var chunk in text.GetChunks())
            {
                utf8Length += counter.GetByteCount(chunk.Span, flush: false);
            }
            utf8Length += counter.GetByteCount([], flush: true);
        }
        catch (EncoderFallbackException)
        {
            return Of(text.ToString());
        }
        if (utf8Length < MinPacked)
        {
            return Of(text.ToString());
        }
        var packed = Pack(text);
        return packed.Length < utf8Length ? new CompactText(packed, text.Length, utf8Length, Form.Brotli) : Of(text.ToString());
    }

    // Texts are packed and unpacked a slice at a time: a page of 5 MiB of text never needs a second whole copy
    // (its UTF-8, a worst-case output buffer) beside it, nor leaves one in the array pool.
    private const int SliceChars = 16 * 1024;
    private const int SliceBytes = 3 * SliceChars;

    private static byte[] Pack(string text) => Pack(new Slicer(text, null));

    private static byte[] Pack(StringBuilder text) => Pack(new Slicer(null, text));

    private static byte[] Pack(Slicer text)
    {
        using var brotli = new BrotliEncoder(Quality, Window);
        var utf8 = StrictUtf8.GetEncoder();
        var output = new ArrayBufferWriter<byte>(4 * 1024);
        var slice = ArrayPool<byte>.Shared.Rent(SliceBytes);
        var chars = ArrayPool<char>.Shared.Rent(SliceChars);
        try
        {
            for (var at = 0; at < text.Length; at += SliceChars)
            {
                var part = text.Copy(at, chars.AsSpan(0, Math.Min(SliceChars, text.Length - at)));
                var last = at + part.Length == text.Length;
                while (true)
                {
                    utf8.Convert(part, slice, flush: last, out var used, out var bytes, out var completed);
                    Compress(brotli, slice.AsSpan(0, bytes), output, final: false);
                    part = part[used..];
                    if (completed && part.IsEmpty)
                    {
                        break;
                    }
                }
            }
            Compress(brotli, [], output, final: true);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
            ArrayPool<byte>.Shared.Return(slice);
        }
        return output.WrittenSpan.ToArray();
    }

    /// <summary>A string or a builder read the same way, a slice at a time: both pack to the same bytes.</summary>
    private readonly record struct Slicer(string? Text, StringBuilder? Builder)
    {
        public int Length => Text?.Length ?? Builder!.Length;

        public ReadOnlySpan<char> Copy(int at, Span<char> into)
        {
            if (Text is not null)
            {
                return Text.AsSpan(at, into.Length);
            }
            Builder!.CopyTo(at, into, into.Length);
            return into;
        }
    }

    private static void Compress(BrotliEncoder brotli, ReadOnlySpan<byte> source, ArrayBufferWriter<byte> output, bool final)
    {
        while (true)
        {
            var status = brotli.Compress(source, output.GetSpan(16 * 1024), out var consumed, out var written, isFinalBlock: final);
            output.Advance(written);
            source = source[consumed..];
            if (status == OperationStatus.Done && source.IsEmpty)
            {
                return;
            }
            if (status is OperationStatus.InvalidData)
            {
                throw new InvalidDataException("text could not be compressed");
            }
        }
    }

    /// <summary>Unpacks the text into <paramref name="destination"/> (at least <see cref="Length"/> long) without a string in between.</summary>
    public void CopyTo(Span<char> destination)
    {
        switch (_form)
        {
            case Form.Utf8:
                Encoding.UTF8.GetChars(_bytes, destination);
                return;
            case Form.Utf16:
                MemoryMarshal.Cast<byte, char>(_bytes).CopyTo(destination);
                return;
        }
        using var brotli = new BrotliDecoder();
        var utf8 = Encoding.UTF8.GetDecoder();
        var slice = ArrayPool<byte>.Shared.Rent(SliceBytes);
        try
        {
            ReadOnlySpan<byte> source = _bytes;
            var (chars, total) = (0, 0);
            while (true)
            {
                var status = brotli.Decompress(source, slice, out var consumed, out var written);
                source = source[consumed..];
                total += written;
                var done = status == OperationStatus.Done;
                chars += utf8.GetChars(slice.AsSpan(0, written), destination[chars..], flush: done);
                if (done)
                {
                    break;
                }
                if (status is OperationStatus.InvalidData || (status is OperationStatus.NeedMoreData && source.IsEmpty))
                {
                    throw new InvalidDataException("compact text could not be unpacked");
                }
            }
            if (total != _utf8Length || chars != Length)
            {
                throw new InvalidDataException("compact text could not be unpacked");
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(slice);
        }
    }

    /// <summary>The text itself (unpacked on every call: callers read it once).</summary>
    public override string ToString() =>
        Length == 0 ? "" : string.Create(Length, this, static (span, text) => text.CopyTo(span));

    /// <summary>
    /// A fixed total order without unpacking (length, then held bytes): not alphabetical, but equal only for equal
    /// texts, so it breaks ties deterministically.
    /// </summary>
    public static int Compare(CompactText? a, CompactText? b)
    {
        if (ReferenceEquals(a, b))
        {
            return 0;
        }
        if (a is null || b is null)
        {
            return a is null ? -1 : 1;
        }
        var byLength = a.Length.CompareTo(b.Length);
        return byLength != 0 ? byLength : a._form != b._form ? a._form.CompareTo(b._form) : a._bytes.AsSpan().SequenceCompareTo(b._bytes);
    }

    public bool Equals(CompactText? other) =>
        other is not null && Length == other.Length && _form == other._form && _bytes.AsSpan().SequenceEqual(other._bytes);

    public override bool Equals(object? obj) => Equals(obj as CompactText);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Length);
        hash.AddBytes(_bytes.AsSpan(0, Math.Min(_bytes.Length, 64)));
        return hash.ToHashCode();
    }
}
