namespace LlmsTxt.Server.Tests.Hosting;

/// <summary>Addresses of the real services test.sh starts; a missing one fails the test loudly.</summary>
public static class TestServices
{
    public static string Postgres => Require("LLMSTXT_TEST_POSTGRES");
    public static string S3Endpoint => Require("LLMSTXT_TEST_S3_ENDPOINT");
    public static string S3AccessKey => Require("LLMSTXT_TEST_S3_ACCESS_KEY");
    public static string S3SecretKey => Require("LLMSTXT_TEST_S3_SECRET_KEY");

    /// <summary>The server published as a Native AOT image (test.sh publishes it and exports the path).</summary>
    public static string NativeServer => Environment.GetEnvironmentVariable("LLMSTXT_TEST_NATIVE_SERVER") is { Length: > 0 } path && File.Exists(path)
        ? path
        : throw new InvalidOperationException("LLMSTXT_TEST_NATIVE_SERVER is not set or missing: run the tests through ./test.sh, which publishes the server as a Native AOT image.");

    public static string Require(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{name} is not set: run the tests through ./test.sh, which starts PostgreSQL and s3rver and exports it.");

    /// <summary>A fresh, empty temporary folder.</summary>
    public static string NewTempFolder() => LlmsTxt.TestSites.TempFolders.New();
}
