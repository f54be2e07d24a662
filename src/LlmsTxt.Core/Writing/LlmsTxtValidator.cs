using System.Text.RegularExpressions;

namespace LlmsTxt.Core.Writing;

public enum FindingSeverity
{
    Warning,
    Error,
}

/// <summary>One problem in a file; <see cref="Line"/> is 1-based (0 for the file as a whole).</summary>
public sealed record LlmsTxtFinding(FindingSeverity Severity, int Line, string Message)
{
    public override string ToString() => $"{(Line > 0 ? $"line {Line}: " : "")}{Severity.ToString().ToLowerInvariant()}: {Message}";
}

/// <summary>
/// Checks an llms.txt against the llmstxt.org layout and this project's rules. Errors break the format (tools
/// will misread the file); warnings are departures from good practice.
/// </summary>
public static partial class LlmsTxtValidator
{
    public const int MaxSummaryLength = 200;

    [GeneratedRegex(@"^[-*+] \[(?<text>(?:\\.|[^\]\\])*)\]\((?<url>[^)\s]*)\)(?<rest>.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex LinkLine();

    /// <summary>
    /// Validates the text. <paramref name="fullText"/> checks an llms-full.txt instead: the same header rules, then
    /// page blocks (<c>## Title</c>, a <c>Source: url</c> line, any Markdown with deeper headings), closed fences and
    /// the closing list of pages not included; the link-list rules of llms.txt don't apply to page content.
    /// </summary>
    public static IReadOnlyList<LlmsTxtFinding> Validate(string text, bool fullText = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        var state = new ValidationState(fullText);
        if (text.Contains("\r\n", StringComparison.Ordinal))
        {
            state.Warn(0, "CRLF line endings; use LF.");
        }
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            state.Line(i + 1, lines[i].TrimEnd('\r'));
        }
        state.Finish();
        return state.Findings.OrderBy(f => f.Line).ThenByDescending(f => f.Severity).ToList();
    }

    public static bool HasErrors(IEnumerable<LlmsTxtFinding> findings) => findings.Any(f => f.Severity == FindingSeverity.Error);

    private sealed partial class ValidationState(bool fullText)
    {
        private enum Stage { Start, AfterH1, AfterQuote, Intro, Sections }

        private readonly Dictionary<string, int> _urls = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _sections = new(StringComparer.OrdinalIgnoreCase);
        private Stage _stage = Stage.Start;
        private string _fence = "";
        private bool _hasQuote;
        private bool _hasParagraph;
        private int _quoteLines;
        private int _optionalLine;
        private int _sectionLine;
        private int _sectionLinks;
        private int _h1Count;
        private int _fenceLine;

        public List<LlmsTxtFinding> Findings { get; } = [];

        public void Warn(int line, string message) => Findings.Add(new(FindingSeverity.Warning, line, message));

        private void Error(int line, string message) => Findings.Add(new(FindingSeverity.Error, line, message));

        public void Line(int number, string line)
        {
            if (fullText && PageBlockLine(number, line))
            {
                return;
            }
            if (Fence(number, line))
            {
                return;
            }
            if (line.Trim().Length == 0)
            {
                return;
            }
            if (_stage == Stage.Start)
            {
                if (!line.StartsWith("# ", StringComparison.Ordinal) || line[2..].Trim().Length == 0)
                {
                    Error(number, "The first non-blank line must be the H1 with the site name (\"# Name\").");
                }
                _h1Count++;
                _stage = Stage.AfterH1;
                return;
            }
            if (Heading(number, line))
            {
                return;
            }
            switch (_stage)
            {
                case Stage.AfterH1 or Stage.AfterQuote when line.StartsWith('>'):
                    Quote(number, line);
                    break;
                case Stage.AfterH1 or Stage.AfterQuote or Stage.Intro:
                    _stage = Stage.Intro;
                    _hasParagraph = true;
                    break;
                case Stage.Sections when !fullText || _inLinkList:
                    SectionLine(number, line);
                    break;
            }
        }

        private bool Fence(int number, string line)
        {
            var trimmed = line.TrimStart();
            if (_fence.Length > 0)
            {
                if (trimmed.StartsWith(_fence, StringComparison.Ordinal) && trimmed.Trim().Trim(_fence[0]).Length == 0)
                {
                    _fence = "";
                }
                else if (line.StartsWith("## ", StringComparison.Ordinal) && !fullText)
                {
                    Error(number, "\"## \" inside a code fence: tools that don't track fences read it as a section.");
                }
                return true;
            }
            if (trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal))
            {
                _fence = new string(trimmed[0], trimmed.TakeWhile(c => c == trimmed[0]).Count());
                _fenceLine = number;
                if (_stage == Stage.Sections && !fullText)
                {
                    Error(number, "A code fence inside an H2 section; sections hold only link lines.");
                }
                return true;
            }
            return false;
        }

        private bool Heading(int number, string line)
        {
            if (!line.StartsWith('#'))
            {
                return false;
            }
            var level = line.TakeWhile(c => c == '#').Count();
            if (level < line.Length && line[level] != ' ' && line[level] != '\t')
            {
                return false; // "#hashtag" is not a heading
            }
            var name = line[level..].Trim();
            if (level == 1)
            {
                _h1Count++;
                Error(number, "A second H1; the file has exactly one (the site name).");
                return true;
            }
            if (level > 2)
            {
                if (!fullText)
                {
                    Error(number, $"H{level} heading; llms.txt uses only one H1 and H2 sections.");
                }
                else
                {
                    PageHeading(number, level);
                }
                return true;
            }
            EndSection();
            if (_stage != Stage.Sections)
            {
                if (!_hasQuote)
                {
                    Warn(number, "No \"> summary\" blockquote after the H1.");
                }
                else if (!_hasParagraph)
                {
                    Warn(number, "No paragraph between the blockquote and the first H2; some parsers then drop the summary.");
                }
            }
            _stage = Stage.Sections;
            if (name.Length == 0)
            {
                Error(number, "An H2 without a name.");
            }
            if (_optionalLine > 0 && !fullText)
            {
                Error(_optionalLine, "\"## Optional\" must be the last section.");
                _optionalLine = 0;
            }
            if (name == "Optional")
            {
                _optionalLine = number;
            }
            if (!_sections.TryAdd(name, number) && !fullText)
            {
                Warn(number, $"Duplicate section name \"{name}\" (first on line {_sections[name]}).");
            }
            _sectionLine = number;
            _sectionLinks = 0;
            if (fullText)
            {
                PageBlockStart(number, name);
            }
            return true;
        }

        private void Quote(int number, string line)
        {
            if (_hasQuote)
            {
                _quoteLines++;
                if (_quoteLines == 2)
                {
                    Warn(number, "The blockquote spans several lines; keep the summary on one line.");
                }
                return;
            }
            _hasQuote = true;
            _quoteLines = 1;
            _stage = Stage.AfterQuote;
            var summary = line.TrimStart('>').Trim();
            if (summary.Length > MaxSummaryLength)
            {
                Warn(number, $"The summary is {summary.Length} characters; keep it within {MaxSummaryLength}.");
            }
        }

        private void SectionLine(int number, string line)
        {
            var match = LinkLine().Match(line);
            if (!match.Success)
            {
                if (!fullText || _inLinkList)
                {
                    Error(number, line.TrimStart().StartsWith("- [", StringComparison.Ordinal)
                        ? "Malformed link line; expected \"- [Title](https://url): notes\" with spaces in the URL percent-encoded."
                        : "Only \"- [Title](url): notes\" lines may appear inside an H2 section.");
                }
                return;
            }
            _sectionLinks++;
            var url = match.Groups["url"].Value;
            var rest = match.Groups["rest"].Value;
            if (match.Groups["text"].Value.Trim().Length == 0)
            {
                Error(number, "Empty link text.");
            }
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                Error(number, $"\"{url}\" is not an absolute http(s) URL.");
            }
            if (url.Contains('(', StringComparison.Ordinal) || (rest.Length > 0 && !rest.StartsWith(':') && !rest.StartsWith(' ')))
            {
                Error(number, "The URL holds an unescaped \")\"; percent-encode it as %29.");
            }
            else if (rest.Length > 0 && !rest.StartsWith(": ", StringComparison.Ordinal))
            {
                Warn(number, "Notes after a link should follow \": \".");
            }
            if (_urls.TryGetValue(url, out var first))
            {
                Error(number, $"Duplicate URL {url} (first on line {first}).");
            }
            else
            {
                _urls[url] = number;
            }
        }

        private void EndSection()
        {
            if (_stage == Stage.Sections && _sectionLinks == 0 && !fullText)
            {
                Warn(_sectionLine, "Empty section.");
            }
        }

        public void Finish()
        {
            if (_stage == Stage.Start)
            {
                Error(0, "The file is empty; it needs at least \"# Site name\".");
                return;
            }
            EndSection();
            if (_stage != Stage.Sections && !_hasQuote)
            {
                Warn(0, "No \"> summary\" blockquote after the H1.");
            }
            if (_fence.Length > 0)
            {
                if (fullText)
                {
                    Error(_fenceLine, "A code fence is never closed: every page after it reads as code.");
                }
                else
                {
                    Warn(0, "A code fence is never closed.");
                }
            }
            if (fullText)
            {
                FinishPageBlock();
            }
        }
    }
}
