using System.Net;
using System.Net.Sockets;

namespace LlmsTxt.Core.Crawling;

/// <summary>Thrown by the connect callback when a host resolves to an address the SSRF guard refuses.</summary>
/// <param name="advice">How the person can allow private targets, in the host's own words (<see cref="CrawlOptions.PrivateTargetsAdvice"/>).</param>
public sealed class RefusedAddressException(string host, IPAddress address, string range, string? advice = null)
    : IOException($"Refused to connect to {host}: it resolves to {address} ({range}). " +
                  (advice is null ? "Only public internet addresses are crawled." : $"Only public internet addresses are crawled; {advice}."))
{
    public string Host { get; } = host;
    public IPAddress Address { get; } = address;
}

/// <summary>
/// Builds the one <see cref="SocketsHttpHandler"/> every crawl request goes through (pages, robots.txt,
/// sitemaps, Markdown twins). Its ConnectCallback goes through <see cref="AddressGuard"/>: it resolves the
/// host itself, refuses non-public addresses (unless private networks are allowed) and connects to exactly
/// the vetted address, so redirects, DNS
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
        var guard = options.Guard;
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
            ConnectCallback = async (context, cancellationToken) =>
                new NetworkStream(await guard.ConnectAsync(context.DnsEndPoint.Host, context.DnsEndPoint.Port, cancellationToken).ConfigureAwait(false), ownsSocket: true),
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
    public static Task<IPAddress[]> ResolveVettedAsync(string host, bool allowPrivate, CancellationToken cancellationToken = default) =>
        new AddressGuard(allowPrivate).ResolveAsync(host, cancellationToken);
}
