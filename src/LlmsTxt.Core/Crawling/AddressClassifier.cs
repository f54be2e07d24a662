using System.Net;
using System.Net.Sockets;

namespace LlmsTxt.Core.Crawling;

/// <summary>
/// Decides whether an IP address is a public internet address we may connect to (the SSRF guard).
/// IPv4: RFC 6890 special-purpose blocks plus cloud metadata addresses. IPv6: only global unicast
/// (2000::/3) minus its special blocks counts as public; IPv4-mapped and IPv4-compatible forms are
/// always refused, NAT64 and 6to4 forms are judged by the IPv4 address they embed.
/// </summary>
public static class AddressClassifier
{
    private static readonly (uint Network, int Prefix, string Name)[] V4Blocks =
    [
        (V4(0, 0, 0, 0), 8, "unspecified (\"this network\")"),
        (V4(10, 0, 0, 0), 8, "private"),
        (V4(100, 64, 0, 0), 10, "carrier-grade NAT (shared)"),
        (V4(127, 0, 0, 0), 8, "loopback"),
        (V4(169, 254, 0, 0), 16, "link-local (cloud metadata)"),
        (V4(172, 16, 0, 0), 12, "private"),
        (V4(192, 0, 0, 0), 24, "IETF protocol assignments"),
        (V4(192, 0, 2, 0), 24, "documentation"),
        (V4(192, 31, 196, 0), 24, "AS112"),
        (V4(192, 52, 193, 0), 24, "AMT"),
        (V4(192, 88, 99, 0), 24, "6to4 relay anycast"),
        (V4(192, 168, 0, 0), 16, "private"),
        (V4(192, 175, 48, 0), 24, "AS112"),
        (V4(198, 18, 0, 0), 15, "benchmarking"),
        (V4(198, 51, 100, 0), 24, "documentation"),
        (V4(203, 0, 113, 0), 24, "documentation"),
        (V4(224, 0, 0, 0), 4, "multicast"),
        (V4(240, 0, 0, 0), 4, "reserved"),
        // Public addresses that answer as cloud metadata/DNS services inside the cloud.
        (V4(168, 63, 129, 16), 32, "Azure platform (metadata)"),
    ];

    private static readonly (UInt128 Network, int Prefix, string Name)[] V6Blocks =
    [
        (V6("2001::"), 23, "IETF protocol assignments (Teredo, benchmarking, ORCHID)"),
        (V6("2001:db8::"), 32, "documentation"),
        (V6("3fff::"), 20, "documentation"),
        (V6("2002::"), 16, "6to4"),
        (V6("2620:4f:8000::"), 48, "AS112"),
    ];

    /// <summary>True when <paramref name="address"/> is a public address.</summary>
    public static bool IsPublic(IPAddress address) => Classify(address) is null;

    /// <summary>Null for a public address, otherwise the name of the range that makes it non-public.</summary>
    public static string? Classify(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => ClassifyV4(ToUInt32(address)),
            AddressFamily.InterNetworkV6 => ClassifyV6(address),
            _ => "not an IP address",
        };
    }

    private static string? ClassifyV4(uint value)
    {
        if (value == uint.MaxValue)
        {
            return "broadcast";
        }
        foreach (var (network, prefix, name) in V4Blocks)
        {
            var mask = prefix == 0 ? 0u : uint.MaxValue << (32 - prefix);
            if ((value & mask) == network)
            {
                return name;
            }
        }
        return null;
    }

    private static string? ClassifyV6(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        var value = System.Buffers.Binary.BinaryPrimitives.ReadUInt128BigEndian(bytes);
        if (value == UInt128.Zero)
        {
            return "unspecified";
        }
        if (value == UInt128.One)
        {
            return "loopback";
        }
        if (address.IsIPv4MappedToIPv6 || value >> 32 == UInt128.Zero)
        {
            return "IPv4-mapped/compatible IPv6";
        }
        if (InBlock(value, V6("64:ff9b::"), 96) || InBlock(value, V6("64:ff9b:1::"), 48))
        {
            // NAT64: judge the IPv4 address the gateway would reach.
            return ClassifyV4((uint)(value & uint.MaxValue)) is { } inner ? $"NAT64 form of a {inner} address" : null;
        }
        if (InBlock(value, V6("2002::"), 16))
        {
            var embedded = (uint)((value >> 80) & uint.MaxValue);
            return ClassifyV4(embedded) is { } inner ? $"6to4 form of a {inner} address" : "6to4";
        }
        switch (bytes[0])
        {
            case 0xff:
                return "multicast";
            case 0xfc or 0xfd:
                return "unique local (ULA)";
            case 0xfe when (bytes[1] & 0xc0) == 0x80:
                return "link-local";
            case 0xfe when (bytes[1] & 0xc0) == 0xc0:
                return "site-local";
        }
        if ((bytes[0] & 0xe0) != 0x20)
        {
            return "not global unicast";
        }
        foreach (var (network, prefix, name) in V6Blocks)
        {
            if (InBlock(value, network, prefix))
            {
                return name;
            }
        }
        return null;
    }

    private static bool InBlock(UInt128 value, UInt128 network, int prefix) =>
        (value >> (128 - prefix)) == (network >> (128 - prefix));

    private static uint V4(byte a, byte b, byte c, byte d) => ((uint)a << 24) | ((uint)b << 16) | ((uint)c << 8) | d;

    private static uint ToUInt32(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[4];
        address.TryWriteBytes(bytes, out _);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes);
    }

    private static UInt128 V6(string text)
    {
        Span<byte> bytes = stackalloc byte[16];
        IPAddress.Parse(text).TryWriteBytes(bytes, out _);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt128BigEndian(bytes);
    }
}
