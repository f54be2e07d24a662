using System.Net;
using System.Net.Sockets;

namespace LlmsTxt.Core.Crawling;

/// <summary>
/// A host name that tests map to a loopback fixture and that the guard then treats as public. Only tests
/// set it (it is how a guarded crawl gets a start page at all on a machine with no internet).
/// </summary>
public sealed record GuardTestHost(string Host, IPAddress Address);

/// <summary>
/// The one connect-time SSRF rule: resolve the host ourselves, refuse it when any answer is non-public
/// (<see cref="AddressClassifier"/>), and connect to exactly a vetted address, so DNS rebinding, redirects
/// and numeric IP spellings cannot reach an internal service. The crawler's <see cref="SafeHttpHandler"/>
/// and the rendering browser's proxy both connect through it.
/// </summary>
public sealed record AddressGuard(bool AllowPrivateNetworks)
{
    /// <summary>How to allow private targets, in the host's words; part of every refusal's message (see <see cref="CrawlOptions.PrivateTargetsAdvice"/>).</summary>
    public string? Advice { get; init; }

    /// <summary>Test seam: one host name answered with one (loopback) address, treated as public.</summary>
    public GuardTestHost? TestHost { get; init; }

    /// <summary>Resolves <paramref name="host"/> and throws <see cref="RefusedAddressException"/> if any address is non-public.</summary>
    public async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        var bare = host.Trim('[', ']').TrimEnd('.');
        if (TestHost is { } mapped && bare.Equals(mapped.Host, StringComparison.OrdinalIgnoreCase))
        {
            return [mapped.Address];
        }
        IPAddress[] addresses = IPAddress.TryParse(bare, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(bare, cancellationToken).ConfigureAwait(false);
        if (addresses.Length == 0)
        {
            throw new IOException($"{host} did not resolve to any address.");
        }
        if (!AllowPrivateNetworks)
        {
            // Any non-public answer refuses the host: a rebinding DNS server may mix them.
            foreach (var address in addresses)
            {
                if (AddressClassifier.Classify(address) is { } range)
                {
                    throw new RefusedAddressException(host, address, range, Advice);
                }
            }
        }
        return addresses;
    }

    /// <summary>Resolves and vets <paramref name="host"/>, then connects to one of the vetted addresses (never re-resolving).</summary>
    public async Task<Socket> ConnectAsync(string host, int port, CancellationToken cancellationToken = default)
    {
        var addresses = await ResolveAsync(host, cancellationToken).ConfigureAwait(false);
        Exception? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, port), cancellationToken).ConfigureAwait(false);
                return socket;
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
        throw new IOException($"Could not connect to {host}:{port}: {last?.Message}", last);
    }
}
