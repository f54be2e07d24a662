using LlmsTxt.Core.Extraction;

namespace LlmsTxt.Core.Tests.Extraction;

/// <summary>The HTML fixture corpus, copied next to the test assembly.</summary>
public static class Fixtures
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Fixtures");

    public static byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(Directory, name));

    public static Page Extract(string name, string url, string? headerCharset = null, int descLength = 500) =>
        new PageExtractor(new ExtractionOptions { DescLength = descLength }).Extract(Bytes(name), new Uri(url), headerCharset);

    /// <summary>Every fixture file, relative to the corpus folder.</summary>
    public static IEnumerable<string> All() =>
        System.IO.Directory.EnumerateFiles(Directory, "*.html", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Directory, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);
}
