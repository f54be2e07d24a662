namespace LlmsTxt.Core.Writing;

/// <summary>The checks that apply to an llms-full.txt: page blocks with their Source line, headings, the closing list.</summary>
public static partial class LlmsTxtValidator
{
    private const string SourcePrefix = "Source: ";

    /// <summary>
    /// True when the text is shaped like an llms-full.txt: H2 page blocks whose first line is <c>Source: url</c>
    /// (an llms.txt section holds only link lines), or only the list of pages the size cap left out.
    /// </summary>
    public static bool LooksLikeFull(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith("## ", StringComparison.Ordinal))
            {
                continue;
            }
            if (lines[i].AsSpan(3).Trim().SequenceEqual(LlmsFullWriter.NotInlinedSection))
            {
                return true;
            }
            var next = i + 1;
            while (next < lines.Length && lines[next].Trim().Length == 0)
            {
                next++;
            }
            return next < lines.Length && lines[next].StartsWith(SourcePrefix, StringComparison.Ordinal);
        }
        return false;
    }

    private sealed partial class ValidationState
    {
        private readonly Dictionary<string, int> _sources = new(StringComparer.Ordinal);
        private int _expectSource;
        private string _pageName = "";
        private int _lastHeadingLevel = 2;
        private bool _inLinkList;

        private void PageBlockStart(int number, string name)
        {
            FinishPageBlock();
            _inLinkList = name == LlmsFullWriter.NotInlinedSection;
            _expectSource = _inLinkList ? 0 : number;
            _pageName = name;
            _lastHeadingLevel = 2;
        }

        /// <summary>Checks the first line of a page block; true when the line was consumed.</summary>
        private bool PageBlockLine(int number, string line)
        {
            if (_expectSource == 0 || line.Trim().Length == 0)
            {
                return false;
            }
            var heading = _expectSource;
            _expectSource = 0;
            if (!line.StartsWith(SourcePrefix, StringComparison.Ordinal))
            {
                Error(heading, $"The page \"{_pageName}\" has no \"{SourcePrefix}url\" line after its heading.");
                return false;
            }
            var url = line[SourcePrefix.Length..].Trim();
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                Error(number, $"\"{url}\" is not an absolute http(s) URL.");
            }
            else if (!_sources.TryAdd(url, number))
            {
                Warn(number, $"The page {url} is inlined twice (first on line {_sources[url]}).");
            }
            return true;
        }

        private void PageHeading(int number, int level)
        {
            if (_inLinkList)
            {
                Error(number, $"H{level} heading inside \"{LlmsFullWriter.NotInlinedSection}\"; that section holds only link lines.");
                return;
            }
            if (level > _lastHeadingLevel + 1)
            {
                Warn(number, $"H{level} follows H{_lastHeadingLevel}: a heading level is skipped.");
            }
            _lastHeadingLevel = level;
        }

        private void FinishPageBlock()
        {
            if (_expectSource > 0)
            {
                Error(_expectSource, $"The page \"{_pageName}\" has no \"{SourcePrefix}url\" line after its heading.");
                _expectSource = 0;
            }
        }
    }
}
