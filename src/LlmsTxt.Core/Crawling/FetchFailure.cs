using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;

namespace LlmsTxt.Core.Crawling;

/// <summary>What kind of network failure stopped a fetch; decides the words and whether a retry can help.</summary>
public enum FailureKind
{
    /// <summary>Nothing listens on that port (or a firewall says so): retrying will not help.</summary>
    ConnectionRefused,
    /// <summary>The host name has no address.</summary>
    HostNotFound,
    /// <summary>The TLS handshake failed: often a server that speaks only plain http.</summary>
    TlsFailed,
    /// <summary>The TCP connection did not open within the connect timeout.</summary>
    ConnectTimeout,
    /// <summary>The response headers were not complete in time (a silent or dripping server).</summary>
    HeadersTooSlow,
    /// <summary>The body kept arriving, too slowly to finish within the page's time (a drip).</summary>
    BodyTooSlow,
    /// <summary>The body stopped arriving for the idle timeout.</summary>
    BodyStalled,
    /// <summary>The connection broke or the answer was not valid HTTP.</summary>
    ConnectionLost,
}

/// <summary>A failed fetch in plain words (<see cref="Message"/>), never .NET's exception text.</summary>
public sealed record FetchFailure(FailureKind Kind, string Message)
{
    /// <summary>
    /// Only failures that may be transient are retried: a refused connection, an unknown host or a TLS mismatch
    /// give the same answer a second later, and a page that dripped until its time ran out has no time left.
    /// Headers that did not arrive within the idle timeout may be a stalled server; the retry shares the
    /// page's deadline, so a dripping one is still cut off at the page timeout.
    /// </summary>
    public bool Retryable => Kind is FailureKind.ConnectTimeout or FailureKind.ConnectionLost or FailureKind.BodyStalled or FailureKind.HeadersTooSlow;

    /// <summary>True when the site itself could not be reached (as opposed to one slow or broken page).</summary>
    public bool Unreachable => Kind is FailureKind.ConnectionRefused or FailureKind.HostNotFound or FailureKind.TlsFailed or FailureKind.ConnectTimeout;

    /// <summary>Classifies an exception thrown while connecting or reading <paramref name="url"/>.</summary>
    public static FetchFailure From(Exception exception, Uri url, CrawlOptions options)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(options);
        var where = $"{url.Host}:{url.Port}";
        var socket = Find<SocketException>(exception);
        if (socket is not null)
        {
            switch (socket.SocketErrorCode)
            {
                case SocketError.ConnectionRefused:
                    return new(FailureKind.ConnectionRefused, $"could not reach {where} (connection refused)");
                case SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain:
                    return new(FailureKind.HostNotFound, $"could not find the address of {url.Host} (DNS lookup failed: {Words(socket.SocketErrorCode)})");
                case SocketError.TimedOut:
                    return new(FailureKind.ConnectTimeout, $"could not reach {where} (no answer to the connection request)");
                case SocketError.NetworkUnreachable or SocketError.HostUnreachable or SocketError.AddressNotAvailable:
                    return new(FailureKind.ConnectionRefused, $"could not reach {where} ({Words(socket.SocketErrorCode)})");
            }
        }
        if (Find<TimeoutException>(exception) is not null)
        {
            return new(FailureKind.ConnectTimeout, $"could not reach {where} (no connection within {options.ConnectTimeout.TotalSeconds:0.#} s)");
        }
        var http = Find<HttpRequestException>(exception);
        if (http?.HttpRequestError == HttpRequestError.NameResolutionError)
        {
            return new(FailureKind.HostNotFound, $"could not find the address of {url.Host} (DNS lookup failed)");
        }
        if (Find<AuthenticationException>(exception) is { } tls || http?.HttpRequestError == HttpRequestError.SecureConnectionError)
        {
            var certificate = Find<AuthenticationException>(exception)?.Message.Contains("certificate", StringComparison.OrdinalIgnoreCase) == true;
            if (certificate)
            {
                return new(FailureKind.TlsFailed, $"could not open a secure connection to {where} (its TLS certificate is not valid)");
            }
            var plain = new UriBuilder(url) { Scheme = Uri.UriSchemeHttp, Port = url.IsDefaultPort ? -1 : url.Port }.Uri;
            return new(FailureKind.TlsFailed,
                $"could not open a secure connection to {where} (the TLS handshake failed); the server may speak only plain http: try {plain.GetLeftPart(UriPartial.Authority)}/");
        }
        return http?.HttpRequestError switch
        {
            HttpRequestError.ResponseEnded => new(FailureKind.ConnectionLost, "the server closed the connection before its answer was complete"),
            HttpRequestError.InvalidResponse or HttpRequestError.HttpProtocolError => new(FailureKind.ConnectionLost, "the server's answer was not valid HTTP"),
            HttpRequestError.ConfigurationLimitExceeded => new(FailureKind.ConnectionLost, "the server's headers were larger than 64 KiB"),
            HttpRequestError.ConnectionError => new(FailureKind.ConnectionLost, $"could not keep a connection to {where} (it was closed or reset)"),
            _ => socket is not null
                ? new(FailureKind.ConnectionLost, $"the connection to {where} broke ({Words(socket.SocketErrorCode)})")
                : new(FailureKind.ConnectionLost, $"the connection to {where} broke while reading the answer"),
        };
    }

    /// <summary>"ConnectionReset" → "connection reset".</summary>
    private static string Words(SocketError error)
    {
        var name = error.ToString();
        var sb = new System.Text.StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && sb.Length > 0)
            {
                sb.Append(' ');
            }
            sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }

    private static T? Find<T>(Exception? exception) where T : Exception
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is T found)
            {
                return found;
            }
        }
        return null;
    }
}
