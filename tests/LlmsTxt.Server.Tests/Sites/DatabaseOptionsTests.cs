using LlmsTxt.Server.Sites;
using Npgsql;

namespace LlmsTxt.Server.Tests.Sites;

public sealed class DatabaseOptionsTests
{
    [Fact]
    public void ReadsThePostgresUrlForm()
    {
        var builder = new NpgsqlConnectionStringBuilder(DatabaseOptions.PostgresConnectionString("postgres://app:p%40ss@db.internal:6543/llms?sslmode=require"));
        Assert.Equal("db.internal", builder.Host);
        Assert.Equal(6543, builder.Port);
        Assert.Equal("llms", builder.Database);
        Assert.Equal("app", builder.Username);
        Assert.Equal("p@ss", builder.Password);
        Assert.Equal(SslMode.Require, builder.SslMode);
    }

    [Fact]
    public void AcceptsTheKeywordForm()
    {
        var builder = new NpgsqlConnectionStringBuilder(DatabaseOptions.PostgresConnectionString("Host=h;Database=d;Username=u"));
        Assert.Equal("h", builder.Host);
    }

    [Theory]
    [InlineData("postgres://")]
    [InlineData("Database=d")]
    [InlineData("Nonsense=1")]
    public void RejectsStringsWithoutAHost(string value) =>
        Assert.ThrowsAny<ArgumentException>(() => DatabaseOptions.PostgresConnectionString(value));
}
