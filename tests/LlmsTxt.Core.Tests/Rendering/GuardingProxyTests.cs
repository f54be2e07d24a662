using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using LlmsTxt.Core.Crawling;
using LlmsTxt.Core.Rendering;
using LlmsTxt.TestSites;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging.Abstractions;

namespace LlmsTxt.Core.Tests.Rendering;

/// <summary>The browser's proxy spoken to directly, as Chromium speaks to it: CONNECT tunnels and absolute-form HTTP.</summary>
public sealed class GuardingProxyTests
{
    private const string PublicName = "public-site.test";

    private static GuardingProxy Start(AddressGuard? guard, ConcurrentDictionary<string, int>? hosts = null) =>
        GuardingProxy.Start(guard, NullLogger.Instance, hosts ?? new ConcurrentDictionary<string, int>());

    /// <summary>Sends <paramref name="head"/> to the proxy and returns everything it answers until it closes.</summary>
    private static async Task<string> AskAsync(GuardingProxy proxy, string head, string? then = null)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, proxy.Address.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        var answer = new StringBuilder();
        var buffer = new byte[8192];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var n = await stream.ReadAsync(buffer, timeout.Token);
            if (n == 0) break;
            answer.Append(Encoding.ASCII.GetString(buffer, 0, n));
            if (then is not null && answer.ToString().Contains("200 Connection established", StringComparison.Ordinal))
            {
                await stream.WriteAsync(Encoding.ASCII.GetBytes(then), timeout.Token);
                then = null;
            }
        }
        return answer.ToString();
    }

    [Fact]
    public async Task RefusesTunnelsAndRequestsToLoopbackWithTheGuardOn()
    {
        using var internalService = new LoopbackListener();
        await using var proxy = Start(new AddressGuard(AllowPrivateNetworks: false));

        var tunnel = await AskAsync(proxy, $"CONNECT 127.0.0.1:{internalService.Port} HTTP/1.1\r\nHost: 127.0.0.1:{internalService.Port}\r\n\r\n");
        var plain = await AskAsync(proxy, $"GET http://localhost:{internalService.Port}/ HTTP/1.1\r\nHost: localhost\r\n\r\n");
        var mapped = await AskAsync(proxy, $"CONNECT [::ffff:127.0.0.1]:{internalService.Port} HTTP/1.1\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 403", tunnel, StringComparison.Ordinal);
        Assert.StartsWith("HTTP/1.1 403", plain, StringComparison.Ordinal);
        Assert.StartsWith("HTTP/1.1 403", mapped, StringComparison.Ordinal);
        Assert.Equal(0, internalService.Connections);
        Assert.Equal(3, proxy.Refused);
    }

    [Fact]
    public async Task ForwardsPlainRequestsAndTunnelsToVettedHosts()
    {
        await using var site = await TestWebServer.StartAsync(app => app.MapGet("/hello", () => "hello through the proxy"));
        var hosts = new ConcurrentDictionary<string, int>();
        await using var proxy = Start(new AddressGuard(false) { TestHost = new GuardTestHost(PublicName, IPAddress.Loopback) }, hosts);
        var port = site.BaseUri.Port;

        var tunnelled = await AskAsync(proxy, $"CONNECT {PublicName}:{port} HTTP/1.1\r\n\r\n", $"GET /hello HTTP/1.1\r\nHost: {PublicName}\r\nConnection: close\r\n\r\n");
        var plain = await AskAsync(proxy, $"GET http://{PublicName}:{port}/hello HTTP/1.1\r\nHost: {PublicName}:{port}\r\nProxy-Connection: keep-alive\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 200", plain, StringComparison.Ordinal);
        Assert.Contains("hello through the proxy", plain, StringComparison.Ordinal);
        Assert.StartsWith("HTTP/1.1 200 Connection established", tunnelled, StringComparison.Ordinal);
        Assert.Contains("hello through the proxy", tunnelled, StringComparison.Ordinal);
        Assert.Equal(2, site.RequestCount("/hello"));
        Assert.DoesNotContain(site.Requests, r => r.Headers.ContainsKey("Proxy-Connection"));
        Assert.Equal([PublicName], hosts.Keys);
    }

    [Fact]
    public async Task WithoutAGuardRefusesEverything()
    {
        await using var site = await TestWebServer.StartAsync(app => app.MapGet("/", () => "never"));
        await using var proxy = Start(guard: null);

        var answer = await AskAsync(proxy, $"GET http://127.0.0.1:{site.BaseUri.Port}/ HTTP/1.1\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 403", answer, StringComparison.Ordinal);
        Assert.Empty(site.Requests);
    }

    [Theory]
    [InlineData("GET /relative HTTP/1.1")]
    [InlineData("GET ftp://example.com/ HTTP/1.1")]
    [InlineData("GET https://example.com/ HTTP/1.1")]
    [InlineData("CONNECT example.com HTTP/1.1")]
    [InlineData("CONNECT example.com:99999 HTTP/1.1")]
    [InlineData("not a request")]
    public void ParsesOnlyWhatAProxyServes(string requestLine) =>
        Assert.Null(ProxyRequest.Parse(requestLine + "\r\nHost: x\r\n\r\n"));

    [Fact]
    public async Task GuardTestHostMapsOnlyItsOwnName()
    {
        var guard = new AddressGuard(false) { TestHost = new GuardTestHost(PublicName, IPAddress.Loopback) };

        Assert.Equal([IPAddress.Loopback], await guard.ResolveAsync(PublicName));
        await Assert.ThrowsAsync<RefusedAddressException>(() => guard.ResolveAsync("127.0.0.1"));
        await Assert.ThrowsAsync<RefusedAddressException>(() => guard.ResolveAsync("localhost"));
    }
}
