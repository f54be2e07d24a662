using System.Net;
using LlmsTxt.Server.Tests.Support;

namespace LlmsTxt.Server.Tests;

public sealed class HealthTests
{
    [Fact]
    public async Task HealthAnswersOkWithStatusJson()
    {
        await using var factory = new ServerHost(new Dictionary<string, string?>());
        using var client = factory.CreateClient();
        var response = await client.GetAsync(new Uri("/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{\"status\":\"ok\"}", await response.Content.ReadAsStringAsync());
    }
}
