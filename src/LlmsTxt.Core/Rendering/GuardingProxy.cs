using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using LlmsTxt.Core.Crawling;
using Microsoft.Extensions.Logging;

namespace LlmsTxt.Core.Rendering;

/// <summary>
/// An HTTP proxy on a loopback port only this process listens on. Chromium is told to send every connection
/// through it (including loopback ones), so each one passes the crawler's own connect-time rule
/// (<see cref="AddressGuard"/>): the proxy resolves the target itself, refuses private and reserved
/// addresses, and connects to the vetted address, so DNS rebinding cannot switch it afterwards. It speaks
/// <c>CONNECT</c> (TLS and WebSocket tunnels) and plain HTTP requests in absolute form. Without a guard it
/// refuses everything: that is the browser's default proxy, which only Chromium's own background traffic uses.
/// </summary>
internal sealed class GuardingProxy : IAsyncDisposable
{
    private const int MaxHeadBytes = 32 * 1024;
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);
    private static readonly byte[] HeadEnd = "\r\n\r\n"u8.ToArray();

    private readonly TcpListener _listener;
    private readonly AddressGuard? _guard;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<Socket, byte> _open = new();
    private readonly ConcurrentDictionary<string, int> _hosts;
    private readonly Task _accepting;
    private int _refused;

    private GuardingProxy(AddressGuard? guard, ILogger logger, ConcurrentDictionary<string, int> hosts)
    {
        (_guard, _logger, _hosts) = (guard, logger, hosts);
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Address = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");
        _accepting = AcceptAsync();
    }

    /// <param name="guard">The crawl's address rule; null refuses every connection.</param>
    /// <param name="hosts">Where to count the hosts asked for (shared by the proxies of one browser).</param>
    public static GuardingProxy Start(AddressGuard? guard, ILogger logger, ConcurrentDictionary<string, int> hosts) => new(guard, logger, hosts);

    /// <summary>Where Chromium should send its connections (<c>--proxy-server</c>).</summary>
    public Uri Address { get; }

    /// <summary>Connections refused (by the address rule, or because this proxy refuses everything).</summary>
    public int Refused => Volatile.Read(ref _refused);

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            _open.TryAdd(client, 0);
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(Socket client)
    {
        Socket? upstream = null;
        try
        {
            var buffer = new byte[MaxHeadBytes];
            var (headLength, read) = await ReadHeadAsync(client, buffer).ConfigureAwait(false);
            if (headLength < 0 || ProxyRequest.Parse(Encoding.Latin1.GetString(buffer, 0, headLength)) is not { } request)
            {
                await ReplyAsync(client, "400 Bad Request").ConfigureAwait(false);
                return;
            }
            _hosts.AddOrUpdate(request.Host, 1, (_, n) => n + 1);
            upstream = await ConnectAsync(request).ConfigureAwait(false);
            if (upstream is null)
            {
                await ReplyAsync(client, "403 Forbidden").ConfigureAwait(false);
                return;
            }
            _open.TryAdd(upstream, 0);
            if (request.IsConnect)
            {
                await client.SendAsync("HTTP/1.1 200 Connection established\r\n\r\n"u8.ToArray(), _stop.Token).ConfigureAwait(false);
            }
            else
            {
                await upstream.SendAsync(Encoding.Latin1.GetBytes(request.OriginFormHead()), _stop.Token).ConfigureAwait(false);
            }
            if (read > headLength)
            {
                await upstream.SendAsync(buffer.AsMemory(headLength, read - headLength), _stop.Token).ConfigureAwait(false);
            }
            // Either side finishing ends the exchange (plain HTTP asks the server to close after one response).
            await Task.WhenAny(CopyAsync(client, upstream), CopyAsync(upstream, client)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
        }
        finally
        {
            Close(upstream);
            Close(client);
        }
    }

    private async Task<Socket?> ConnectAsync(ProxyRequest request)
    {
        if (_guard is null)
        {
            Interlocked.Increment(ref _refused);
            _logger.LogDebug("Refused a connection Chromium made on its own to {Host}:{Port}", request.Host, request.Port);
            return null;
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        timeout.CancelAfter(ConnectTimeout);
        try
        {
            return await _guard.ConnectAsync(request.Host, request.Port, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ArgumentException)
        {
            Interlocked.Increment(ref _refused);
            _logger.LogInformation("Browser connection to {Host}:{Port} refused: {Reason}", request.Host, request.Port, ex.Message);
            return null;
        }
    }

    /// <summary>Reads until the blank line ending the request head; returns its length (-1 if too long or cut) and the bytes read.</summary>
    private async Task<(int HeadLength, int Read)> ReadHeadAsync(Socket client, byte[] buffer)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await client.ReceiveAsync(buffer.AsMemory(read), _stop.Token).ConfigureAwait(false);
            if (n == 0) return (-1, read);
            var from = Math.Max(0, read - 3);
            read += n;
            var end = buffer.AsSpan(from, read - from).IndexOf(HeadEnd);
            if (end >= 0) return (from + end + HeadEnd.Length, read);
        }
        return (-1, read);
    }

    private async Task CopyAsync(Socket from, Socket to)
    {
        var buffer = new byte[16 * 1024];
        while (true)
        {
            var n = await from.ReceiveAsync(buffer, _stop.Token).ConfigureAwait(false);
            if (n == 0) return;
            await to.SendAsync(buffer.AsMemory(0, n), _stop.Token).ConfigureAwait(false);
        }
    }

    private async Task ReplyAsync(Socket client, string status) =>
        await client.SendAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 {status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"), _stop.Token).ConfigureAwait(false);

    private void Close(Socket? socket)
    {
        if (socket is null) return;
        _open.TryRemove(socket, out _);
        try
        {
            // A graceful FIN first: disposing a socket with a receive pending aborts it with a reset, and a reset can
            // overtake the last bytes of an answer the browser has not read yet.
            socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
        }
        socket.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        await _accepting.ConfigureAwait(false);
        foreach (var socket in _open.Keys) Close(socket);
        _stop.Dispose();
    }
}
