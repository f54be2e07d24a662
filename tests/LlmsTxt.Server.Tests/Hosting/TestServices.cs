namespace LlmsTxt.Server.Tests.Hosting;

/// <summary>Addresses of the real services test.sh starts; a missing one fails the test loudly.</summary>
public static class TestServices
{
    public static string Postgres => Require("LLMSTXT_TEST_POSTGRES");
    public static string S3Endpoint => Require("LLMSTXT_TEST_S3_ENDPOINT");
    public static string S3AccessKey => Require("LLMSTXT_TEST_S3_ACCESS_KEY");
    public static string S3SecretKey => Require("LLMSTXT_TEST_S3_SECRET_KEY");

    public static string Require(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{name} is not set: run the tests through ./test.sh, which starts PostgreSQL and s3rver and exports it.");

    /// <summary>A fresh, empty temporary folder.</summary>
    public static string NewTempFolder() => LlmsTxt.TestSites.TempFolders.New();
}
