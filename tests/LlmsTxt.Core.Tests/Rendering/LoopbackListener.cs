using System.Net;
using System.Net.Sockets;

namespace LlmsTxt.Core.Tests.Rendering;

/// <summary>
/// A bare TCP listener on 127.0.0.1 standing in for an internal service: it counts every connection that
/// reaches it and closes it at once (nothing a browser does can succeed against it, and nothing waits on it).
/// </summary>
internal sealed class LoopbackListener : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private int _connections;

    public LoopbackListener()
    {
        _listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public int Connections => Volatile.Read(ref _connections);

    private async Task AcceptAsync()
    {
        while (true)
        {
            try
            {
                using var socket = await _listener.AcceptSocketAsync();
                Interlocked.Increment(ref _connections);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                return;
            }
        }
    }

    public void Dispose()
    {
        _listener.Stop();
    }
}
