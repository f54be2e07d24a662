namespace LlmsTxt.Core.Extraction;

/// <summary>Settings for <see cref="PageExtractor"/>; defaults match the product contract.</summary>
public sealed record ExtractionOptions
{
    /// <summary>Maximum characters of description and excerpt (100–2000, default 500).</summary>
    public int DescLength { get; init; } = Generation.CrawlLimits.Contract.DescLength.Default;

    /// <summary>Convert the main content to Markdown (needed for llms-full.txt only; off saves time).</summary>
    public bool ConvertMarkdown { get; init; } = true;

    /// <summary>Throws with a message naming the setting and its allowed range.</summary>
    public void Validate()
    {
        var range = Generation.CrawlLimits.Contract.DescLength;
        if (!range.Contains(DescLength))
        {
            throw new ArgumentOutOfRangeException(nameof(DescLength), DescLength, $"descLength must be {range.Describe()} characters.");
        }
    }
}
