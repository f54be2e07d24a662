using System.Net;
using System.Net.Sockets;

namespace LlmsTxt.Core.Crawling;

/// <summary>Thrown by the connect callback when a host resolves to an address the SSRF guard refuses.</summary>
public sealed class RefusedAddressException(string host, IPAddress address, string range)
    : IOException($"Refused to connect to {host}: it resolves to {address} ({range}). " +
                  "Only public internet addresses are crawled; set ALLOW_PRIVATE_NETWORKS=true to allow private targets.")
{
    public string Host { get; } = host;
    public IPAddress Address { get; } = address;
}

/// <summary>
/// Builds the one <see cref="SocketsHttpHandler"/> every crawl request goes through (pages, robots.txt,
/// sitemaps, Markdown twins). Its ConnectCallback resolves the host itself, refuses non-public addresses
/// (unless private networks are allowed) and connects to exactly the vetted address, so redirects, DNS
/// rebinding and numeric spellings of an IP cannot reach an internal service. Redirects are left to our
/// code, no ambient proxy is used (it would hide the real target), and HTTP/3 is never negotiated
/// (QUIC connections would bypass the callback). Decompression happens inside the handler, so size caps
/// applied while reading the content stream count decompressed bytes.
/// </summary>
public static class SafeHttpHandler
{
    public static SocketsHttpHandler Create(CrawlOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var allowPrivate = options.AllowPrivateNetworks;
        return new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.All,
            ConnectTimeout = options.ConnectTimeout,
            MaxConnectionsPerServer = options.MaxConcurrencyPerHost,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
            MaxResponseHeadersLength = 64,
            ConnectCallback = (context, cancellationToken) => ConnectAsync(context.DnsEndPoint, allowPrivate, cancellationToken),
        };
    }

    /// <summary>An HttpClient over <paramref name="handler"/> that never times out on its own (our code does).</summary>
    public static HttpClient CreateClient(HttpMessageHandler handler, CrawlOptions options, bool disposeHandler = false)
    {
        var client = new HttpClient(handler, disposeHandler) { Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.UserAgent.Clear();
        client.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", options.UserAgent);
        return client;
    }

    /// <summary>Resolves <paramref name="host"/> and throws <see cref="RefusedAddressException"/> if any address is non-public.</summary>
    public static async Task<IPAddress[]> ResolveVettedAsync(string host, bool allowPrivate, CancellationToken cancellationToken = default)
    {
        var bare = host.Trim('[', ']');
        IPAddress[] addresses = IPAddress.TryParse(bare, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(bare, cancellationToken).ConfigureAwait(false);
        if (addresses.Length == 0)
        {
            throw new IOException($"{host} did not resolve to any address.");
        }
        if (!allowPrivate)
        {
            // Any non-public answer refuses the host: a rebinding DNS server may mix them.
            foreach (var address in addresses)
            {
                if (AddressClassifier.Classify(address) is { } range)
                {
                    throw new RefusedAddressException(host, address, range);
                }
            }
        }
        return addresses;
    }

    private static async ValueTask<Stream> ConnectAsync(DnsEndPoint endPoint, bool allowPrivate, CancellationToken cancellationToken)
    {
        var addresses = await ResolveVettedAsync(endPoint.Host, allowPrivate, cancellationToken).ConfigureAwait(false);
        Exception? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, endPoint.Port), cancellationToken).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                last = ex;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
        throw new IOException($"Could not connect to {endPoint.Host}:{endPoint.Port}: {last?.Message}", last);
    }
}
