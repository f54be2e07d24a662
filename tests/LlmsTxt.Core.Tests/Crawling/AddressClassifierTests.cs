using System.Net;
using LlmsTxt.Core.Crawling;

namespace LlmsTxt.Core.Tests.Crawling;

public sealed class AddressClassifierTests
{
    [Theory]
    // IPv4 special-purpose ranges
    [InlineData("0.0.0.0", false)]
    [InlineData("0.1.2.3", false)]
    [InlineData("10.0.0.1", false)]
    [InlineData("10.255.255.255", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("100.127.255.254", false)]
    [InlineData("100.100.100.200", false)] // Alibaba Cloud metadata (CGNAT range)
    [InlineData("127.0.0.1", false)]
    [InlineData("127.255.0.9", false)]
    [InlineData("169.254.0.1", false)]
    [InlineData("169.254.169.254", false)] // AWS/GCP/Azure metadata
    [InlineData("168.63.129.16", false)] // Azure wire server
    [InlineData("172.16.0.1", false)]
    [InlineData("172.31.255.255", false)]
    [InlineData("192.0.0.192", false)] // Oracle Cloud metadata
    [InlineData("192.0.2.10", false)]
    [InlineData("192.88.99.1", false)]
    [InlineData("192.168.1.1", false)]
    [InlineData("198.18.0.1", false)]
    [InlineData("198.19.255.255", false)]
    [InlineData("198.51.100.7", false)]
    [InlineData("203.0.113.5", false)]
    [InlineData("224.0.0.1", false)]
    [InlineData("239.255.255.250", false)]
    [InlineData("240.0.0.1", false)]
    [InlineData("255.255.255.255", false)]
    // IPv4 public
    [InlineData("8.8.8.8", true)]
    [InlineData("1.1.1.1", true)]
    [InlineData("93.184.216.34", true)]
    [InlineData("172.32.0.1", true)]
    [InlineData("100.63.255.255", true)]
    [InlineData("100.128.0.1", true)]
    [InlineData("169.253.255.255", true)]
    [InlineData("192.169.0.1", true)]
    [InlineData("11.0.0.1", true)]
    // IPv6 special forms
    [InlineData("::", false)]
    [InlineData("::1", false)]
    [InlineData("::ffff:127.0.0.1", false)]
    [InlineData("::ffff:8.8.8.8", false)] // mapped forms are refused outright
    [InlineData("::127.0.0.1", false)] // IPv4-compatible
    [InlineData("64:ff9b::7f00:1", false)] // NAT64 of 127.0.0.1
    [InlineData("64:ff9b::a9fe:a9fe", false)] // NAT64 of 169.254.169.254
    [InlineData("2002:7f00:1::1", false)] // 6to4 of 127.0.0.1
    [InlineData("2002:c0a8:101::1", false)] // 6to4 of 192.168.1.1
    [InlineData("fc00::1", false)]
    [InlineData("fd00:ec2::254", false)] // AWS IMDS over IPv6
    [InlineData("fe80::1", false)]
    [InlineData("fec0::1", false)]
    [InlineData("ff02::1", false)]
    [InlineData("2001:db8::1", false)]
    [InlineData("2001::1", false)] // Teredo
    [InlineData("100::1", false)] // discard-only
    [InlineData("3fff::1", false)]
    // IPv6 public
    [InlineData("2606:4700:4700::1111", true)]
    [InlineData("2001:4860:4860::8888", true)]
    [InlineData("2a00:1450:4001:80b::200e", true)]
    [InlineData("64:ff9b::808:808", true)] // NAT64 of 8.8.8.8
    public void ClassifiesAddresses(string address, bool isPublic)
    {
        var ip = IPAddress.Parse(address);
        Assert.Equal(isPublic, AddressClassifier.IsPublic(ip));
        if (!isPublic)
        {
            Assert.False(string.IsNullOrEmpty(AddressClassifier.Classify(ip)));
        }
    }
}
