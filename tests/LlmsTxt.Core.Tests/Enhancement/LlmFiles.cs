using LlmsTxt.Core.Writing;
using Microsoft.Extensions.Logging;

namespace LlmsTxt.Core.Tests.Enhancement;

/// <summary>A small valid llms.txt and model answers built from it.</summary>
internal static class LlmFiles
{
    public const string Original = """
        # Example Docs

        > Docs for Example.

        Example is a tool.

        ## Docs

        - [Install](https://docs.example.com/install): How to install.
        - [Guide](https://docs.example.com/guide): The guide.

        ## Optional

        - [Changelog](https://docs.example.com/changelog): Changes.

        """;

    public const string Improved = """
        # Example Docs

        > Example is a command-line tool for turning websites into llms.txt files.

        Start with the installation page, then read the guide for day-to-day use.

        ## Docs

        - [Install](https://docs.example.com/install): Installing Example on Linux, macOS and Windows.
        - [Guide](https://docs.example.com/guide): Everyday commands, options and examples.

        ## Optional

        - [Changelog](https://docs.example.com/changelog): What changed in each release.

        """;

    public static void AssertValid(string text) =>
        Assert.False(LlmsTxtValidator.HasErrors(LlmsTxtValidator.Validate(text)), string.Join("\n", LlmsTxtValidator.Validate(text)));
}

/// <summary>Keeps every log line (message and structured values) so tests can look for a leaked secret.</summary>
internal sealed class CapturingLogger<T> : ILogger<T>
{
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines { get { lock (_lines) return [.. _lines]; } }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(";", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
        lock (_lines) _lines.Add($"{logLevel} {formatter(state, exception)} {values} {exception}");
    }
}
