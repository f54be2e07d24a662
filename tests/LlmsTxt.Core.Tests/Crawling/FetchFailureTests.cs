using System.Net.Http;
using System.Net.Sockets;
using LlmsTxt.Core.Crawling;

namespace LlmsTxt.Core.Tests.Crawling;

/// <summary>The exceptions .NET raises for network failures, told in plain words (no DNS server is asked in tests).</summary>
public sealed class FetchFailureTests
{
    private static readonly Uri Site = new("https://docs.example.test/guide");

    [Fact]
    public void UnknownHostIsADnsFailure()
    {
        var ex = new HttpRequestException(HttpRequestError.NameResolutionError, "Name or service not known (docs.example.test:443)", new SocketException((int)SocketError.HostNotFound));

        var failure = FetchFailure.From(ex, Site, new CrawlOptions());

        Assert.Equal(FailureKind.HostNotFound, failure.Kind);
        Assert.Equal("could not find the address of docs.example.test (DNS lookup failed: host not found)", failure.Message);
        Assert.False(failure.Retryable);
        Assert.True(failure.Unreachable);
    }

    [Fact]
    public void ResetConnectionIsRetryableAndNotDotNetText()
    {
        var ex = new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely.", new IOException("x"));

        var failure = FetchFailure.From(ex, Site, new CrawlOptions());

        Assert.Equal("the server closed the connection before its answer was complete", failure.Message);
        Assert.True(failure.Retryable);
    }
}
