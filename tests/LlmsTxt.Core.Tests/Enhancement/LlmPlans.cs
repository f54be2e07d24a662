using LlmsTxt.Core.Extraction;
using LlmsTxt.Core.Writing;
using Microsoft.Extensions.Logging;

namespace LlmsTxt.Core.Tests.Enhancement;

/// <summary>Plans (the writer's input) for the enhancer: a small docs site and large generated ones.</summary>
internal static class LlmPlans
{
    private const string Words = "The crawler reads each page of the documentation and extracts a title, a description and the main content so that language models can find answers quickly. ";

    public static PlannedPage Entry(string url, string title, string note, string? text = null)
    {
        var uri = new Uri(url);
        return new PlannedPage(new Page { Url = uri, Title = title, Description = note, Excerpt = text ?? $"{title} explained: {Words}" }, uri, title, note, uri);
    }

    public static SitePlan Small() => new()
    {
        SiteName = "Example Docs",
        Summary = "Docs for Example.",
        About = "Example is a tool. This file lists 3 pages of Example Docs.",
        Sections =
        [
            new("Docs", [Entry("https://docs.example.com/install", "Install", "How to install."), Entry("https://docs.example.com/guide", "Guide", "The guide.")]),
            new(LlmsTxtWriter.OptionalSection, [Entry("https://docs.example.com/changelog", "Changelog", "Changes.")]),
        ],
    };

    /// <summary><paramref name="pages"/> entries in <paramref name="sections"/> sections, notes and page text of a realistic size.</summary>
    public static SitePlan Large(int pages, int sections, int noteChars = 300)
    {
        var note = string.Concat(Enumerable.Repeat(Words, (noteChars / Words.Length) + 1))[..noteChars];
        return new SitePlan
        {
            SiteName = "Big Docs",
            Summary = "Documentation of a large example product.",
            About = "Big Docs documents every part of the product, from installation to the reference.",
            Sections = [.. Enumerable.Range(0, sections).Select(s => new PlannedSection($"Part {s}",
                [.. Enumerable.Range(0, pages / sections).Select(i => Entry($"https://big.example.com/part-{s}/page-{i}", $"Page {s}.{i}", $"Page {s}.{i}: {note}"))]))],
        };
    }

    public static Page StartPage() => new()
    {
        Url = new Uri("https://docs.example.com/"),
        Title = "Example Docs",
        Description = "Example turns websites into llms.txt files.",
        Excerpt = "Example is a command-line tool and a service that turns any website into an llms.txt file for language models.",
    };

    public static IEnumerable<PlannedPage> Entries(SitePlan plan) => plan.Sections.SelectMany(s => s.Pages);

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
