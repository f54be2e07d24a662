using LlmsTxt.Server.Storage;
using LlmsTxt.Server.Tests.Hosting;

namespace LlmsTxt.Server.Tests.Storage;

public sealed class LocalFileStoreTests : FileStoreContract
{
    private readonly string _root = TestServices.NewTempFolder();
    private readonly LocalFileStore _store;

    public LocalFileStoreTests() => _store = new LocalFileStore(_root, "https://llms.example.test/base/");

    protected override IFileStore Store => _store;

    protected override string ExpectedPublicUrl(string key) => "https://llms.example.test/base/" + key;

    [Fact]
    public async Task WritesUnderTheRootWithoutLeavingTemporaryFiles()
    {
        await _store.PutTextAsync("llms/site.txt", "hello");
        await _store.PutTextAsync("llms/site.txt", "hello again");

        Assert.Equal("hello again", await File.ReadAllTextAsync(Path.Combine(_root, "llms", "site.txt")));
        Assert.Equal(["site.txt"], Directory.GetFiles(Path.Combine(_root, "llms")).Select(Path.GetFileName));
    }

    [Fact]
    public async Task ReadinessFailsNamingTheFolderWhenItCannotBeWritten()
    {
        var file = Path.Combine(_root, "not-a-folder");
        await File.WriteAllTextAsync(file, "x");
        var store = new LocalFileStore(file, "http://localhost:8000");

        var check = await store.CheckReadyAsync();

        Assert.False(check.Ready);
        Assert.Contains(file, check.Error, StringComparison.Ordinal);
    }
}
