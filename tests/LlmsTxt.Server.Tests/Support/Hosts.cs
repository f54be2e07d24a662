namespace LlmsTxt.Server.Tests.Support;

/// <summary>A server with a 40-byte API key (long enough for Microsoft.IdentityModel) and a lenient failure limit.</summary>
public sealed class KeyedServer() : ServerHost(new Dictionary<string, string?>
{
    ["API_KEY"] = Key,
    ["AUTH_FAILURE_LIMIT"] = "100000",
})
{
    public const string Key = "k3y-for-tests-0123456789-abcdefghijklmno";
}

/// <summary>A server with no API key: development mode.</summary>
public sealed class OpenServer() : ServerHost(new Dictionary<string, string?>());
