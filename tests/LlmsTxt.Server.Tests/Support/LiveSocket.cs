using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace LlmsTxt.Server.Tests.Support;

/// <summary>A crawl socket a test drives step by step: send, read until something arrives, cancel, drop.</summary>
public sealed class LiveSocket : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));
    private readonly byte[] _buffer = new byte[1024 * 1024];

    public List<JsonElement> Messages { get; } = [];

    public WebSocketCloseStatus? CloseStatus { get; private set; }

    public bool Closed { get; private set; }

    private HttpMessageInvoker? _invoker;

    /// <param name="from">A local address to connect from (127.0.0.2, 127.0.0.3: another client as the server sees it).</param>
    public static async Task<LiveSocket> ConnectAsync(Uri uri, Action<ClientWebSocketOptions>? configure = null, IPAddress? from = null)
    {
        var live = new LiveSocket();
        configure?.Invoke(live._socket.Options);
        try
        {
            if (from is null)
            {
                await live._socket.ConnectAsync(uri, live._timeout.Token);
            }
            else
            {
                live._invoker = new HttpMessageInvoker(new SocketsHttpHandler { ConnectCallback = (context, ct) => ConnectFromAsync(from, context.DnsEndPoint, ct) });
                await live._socket.ConnectAsync(uri, live._invoker, live._timeout.Token);
            }
        }
        catch
        {
            await live.DisposeAsync();
            throw;
        }
        return live;
    }

    private static async ValueTask<Stream> ConnectFromAsync(IPAddress from, DnsEndPoint target, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(from, 0));
            await socket.ConnectAsync(IPAddress.Parse(target.Host), target.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public Task SendAsync(string text) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, _timeout.Token);

    public Task SendJsonAsync(object value) => SendAsync(JsonSerializer.Serialize(value));

    /// <summary>Reads messages until one matches; fails if the socket closes first.</summary>
    public async Task<JsonElement> ReadUntilAsync(Func<JsonElement, bool> match)
    {
        while (true)
        {
            var next = await ReadOneAsync() ?? throw new InvalidOperationException(
                $"Socket closed ({CloseStatus}) before the expected message. Got: {string.Join(" | ", Messages.Select(m => m.GetRawText()[..Math.Min(200, m.GetRawText().Length)]))}");
            if (match(next)) return next;
        }
    }

    public Task<JsonElement> ReadTypeAsync(string type) => ReadUntilAsync(m => m.Type() == type);

    /// <summary>Reads everything until the server's close frame and answers it.</summary>
    public async Task ReadToCloseAsync()
    {
        while (await ReadOneAsync() is not null)
        {
        }
    }

    public void Abort() => _socket.Abort();

    private async Task<JsonElement?> ReadOneAsync()
    {
        if (Closed) return null;
        var count = 0;
        ValueWebSocketReceiveResult result;
        do
        {
            result = await _socket.ReceiveAsync(_buffer.AsMemory(count), _timeout.Token);
            count += result.Count;
        }
        while (!result.EndOfMessage);
        if (result.MessageType == WebSocketMessageType.Close)
        {
            Closed = true;
            CloseStatus = _socket.CloseStatus;
            if (_socket.State == WebSocketState.CloseReceived)
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", _timeout.Token);
            return null;
        }
        var message = JsonDocument.Parse(_buffer.AsMemory(0, count)).RootElement.Clone();
        Messages.Add(message);
        return message;
    }

    public IEnumerable<JsonElement> OfType(string type) => Messages.Where(m => m.Type() == type);

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            try { await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(2)); }
            catch (Exception e) when (e is WebSocketException or TimeoutException or OperationCanceledException) { }
        }
        _socket.Dispose();
        _invoker?.Dispose();
        _timeout.Dispose();
    }
}

public static class MessageExtensions
{
    public static string? Type(this JsonElement message) => message.GetProperty("type").GetString();

    public static JsonElement Content(this JsonElement message) => message.GetProperty("content");

    public static string Text(this JsonElement message) => message.GetProperty("content").GetString() ?? "";
}
