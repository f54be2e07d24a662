using System.Text;
using System.Text.RegularExpressions;
using System.Text.Unicode;

namespace LlmsTxt.Core.Extraction;

/// <summary>
/// Picks the character encoding of an HTML byte stream the way browsers do (WHATWG, simplified):
/// byte-order mark, then the HTTP header charset, then a <c>&lt;meta charset&gt;</c> in the first bytes,
/// then UTF-8 when the bytes are valid UTF-8, else Windows-1252.
/// </summary>
public static partial class HtmlEncoding
{
    private const int PrescanBytes = 4096;

    static HtmlEncoding() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static Encoding Detect(ReadOnlySpan<byte> content, string? headerCharset)
    {
        if (content.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return Encoding.UTF8;
        }
        if (content.Length >= 2 && content[0] == 0xFF && content[1] == 0xFE)
        {
            return Encoding.Unicode;
        }
        if (content.Length >= 2 && content[0] == 0xFE && content[1] == 0xFF)
        {
            return Encoding.BigEndianUnicode;
        }
        if (FromLabel(headerCharset, fromMeta: false) is { } header)
        {
            return header;
        }
        var head = content[..Math.Min(content.Length, PrescanBytes)];
        var match = MetaCharset().Match(Encoding.Latin1.GetString(head));
        if (match.Success && FromLabel(match.Groups[1].Value, fromMeta: true) is { } meta)
        {
            return meta;
        }
        return Utf8.IsValid(content) ? Encoding.UTF8 : FromLabel("windows-1252", false)!;
    }

    /// <summary>Decodes the bytes with the detected encoding, skipping a byte-order mark.</summary>
    public static string Decode(ReadOnlySpan<byte> content, string? headerCharset)
    {
        var encoding = Detect(content, headerCharset);
        var preamble = encoding.Preamble;
        if (preamble.Length > 0 && content.StartsWith(preamble))
        {
            content = content[preamble.Length..];
        }
        return encoding.GetString(content);
    }

    /// <summary>Maps a charset label to an encoding; ASCII and Latin-1 labels mean Windows-1252 as in browsers.</summary>
    public static Encoding? FromLabel(string? label, bool fromMeta)
    {
        if (string.IsNullOrWhiteSpace(label))
        {
            return null;
        }
        var name = label.Trim().Trim('"', '\'').ToLowerInvariant();
        name = name switch
        {
            "latin1" or "latin-1" or "iso-8859-1" or "iso8859-1" or "iso_8859-1" or "l1" or "us-ascii" or "ascii"
                or "cp1252" or "x-cp1252" or "cp819" or "ibm819" => "windows-1252",
            "utf8" or "unicode-1-1-utf-8" => "utf-8",
            _ => name,
        };
        // A meta tag can't truthfully declare UTF-16: the bytes that spell it were read as ASCII.
        if (fromMeta && name.StartsWith("utf-16", StringComparison.Ordinal))
        {
            return Encoding.UTF8;
        }
        try
        {
            var encoding = Encoding.GetEncoding(name);
            return encoding.CodePage == 65001 ? Encoding.UTF8 : encoding;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    [GeneratedRegex("""<meta[^>]*?charset\s*=\s*["']?\s*([a-zA-Z0-9_:.\-]+)""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MetaCharset();
}
