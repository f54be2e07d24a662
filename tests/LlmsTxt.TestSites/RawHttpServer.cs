using System.Net;
using System.Net.Sockets;
using System.Text;

namespace LlmsTxt.TestSites;

/// <summary>
/// A bare HTTP/1.1 server on 127.0.0.1 for answers Kestrel won't give, such as headers sent one byte at a
/// time. Each connection's request line goes to <c>respond(path, stream, token)</c>, which writes raw bytes.
/// </summary>
public sealed class RawHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<string, Stream, CancellationToken, Task> _respond;
    private readonly Task _accepting;

    public RawHttpServer(Func<string, Stream, CancellationToken, Task> respond)
    {
        _respond = respond;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public Uri Url(string path) => new($"http://127.0.0.1:{Port}{path}");

    /// <summary>Writes a complete small response.</summary>
    public static async Task WriteAsync(Stream stream, int status, string contentType, string body, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var head = $"HTTP/1.1 {status} X\r\nContent-Type: {contentType}\r\nContent-Length: {bytes.Length}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), cancellationToken);
        await stream.WriteAsync(bytes, cancellationToken);
    }

    /// <summary>Sends a status line and headers one byte every <paramref name="interval"/>, never finishing them.</summary>
    public static async Task DripHeadersAsync(Stream stream, TimeSpan interval, CancellationToken cancellationToken)
    {
        var head = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n" + new string('X', 100_000));
        foreach (var b in head)
        {
            await stream.WriteAsync(new[] { b }, cancellationToken);
            await stream.FlushAsync(cancellationToken);
            await Task.Delay(interval, cancellationToken);
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var request = new StringBuilder();
                var buffer = new byte[4096];
                while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
                {
                    var read = await stream.ReadAsync(buffer, _stop.Token);
                    if (read == 0)
                    {
                        return;
                    }
                    request.Append(Encoding.ASCII.GetString(buffer, 0, read));
                }
                var path = request.ToString().Split(' ', 3)[1];
                await _respond(path, stream, _stop.Token);
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or SocketException or ObjectDisposedException)
            {
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
    }
}
