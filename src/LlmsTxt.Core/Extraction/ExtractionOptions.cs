namespace LlmsTxt.Core.Extraction;

/// <summary>Settings for <see cref="PageExtractor"/>; defaults match the product contract.</summary>
public sealed record ExtractionOptions
{
    /// <summary>Maximum characters of description and excerpt (100–2000, default 500).</summary>
    public int DescLength { get; init; } = Generation.CrawlLimits.Contract.DescLength.Default;

    /// <summary>Convert the main content to Markdown (needed for llms-full.txt only; off saves time).</summary>
    public bool ConvertMarkdown { get; init; } = true;

    /// <summary>
    /// Rule: one page's Markdown is cut at 1,000,000 characters (about 250,000 tokens, a quarter of the default
    /// llms-full.txt cap). No documentation page measured comes near it (the longest, Python's "Built-in Types", is
    /// about 207,000 characters), and a page that does (one huge paragraph, a 5 MiB generated page) would otherwise be
    /// written as text several times over (about +150 MB at the page cap) only to be cut to its fair share of the file.
    /// </summary>
    public const int DefaultMaxMarkdownChars = 1_000_000;

    /// <summary>The smallest per-page Markdown bound accepted: room for a page's first paragraphs and the cut note.</summary>
    public const int MinMaxMarkdownChars = 1_000;

    /// <summary>
    /// Most characters of one page's Markdown (default <see cref="DefaultMaxMarkdownChars"/>). Longer content stops being
    /// read there and is cut at a block boundary, ending with the note llms-full.txt uses for a shortened page.
    /// </summary>
    public int MaxMarkdownChars { get; init; } = DefaultMaxMarkdownChars;

    /// <summary>Throws with a message naming the setting and its allowed range.</summary>
    public void Validate()
    {
        if (MaxMarkdownChars < MinMaxMarkdownChars)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxMarkdownChars), MaxMarkdownChars,
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"the Markdown bound of one page must be at least {MinMaxMarkdownChars:N0} characters."));
        }
        var range = Generation.CrawlLimits.Contract.DescLength;
        if (!range.Contains(DescLength))
        {
            throw new ArgumentOutOfRangeException(nameof(DescLength), DescLength, $"descLength must be {range.Describe()} characters.");
        }
    }
}
