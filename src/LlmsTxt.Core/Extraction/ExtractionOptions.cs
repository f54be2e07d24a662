namespace LlmsTxt.Core.Extraction;

/// <summary>Settings for <see cref="PageExtractor"/>; defaults match the product contract.</summary>
public sealed record ExtractionOptions
{
    public const int MinDescLength = 100;
    public const int MaxDescLength = 2000;
    public const int DefaultDescLength = 500;

    /// <summary>Maximum characters of description and excerpt (100–2000, default 500).</summary>
    public int DescLength { get; init; } = DefaultDescLength;

    /// <summary>Convert the main content to Markdown (needed for llms-full.txt only; off saves time).</summary>
    public bool ConvertMarkdown { get; init; } = true;

    /// <summary>Throws with a message naming the setting and its allowed range.</summary>
    public void Validate()
    {
        if (DescLength is < MinDescLength or > MaxDescLength)
        {
            throw new ArgumentOutOfRangeException(nameof(DescLength), DescLength,
                $"descLength must be between {MinDescLength} and {MaxDescLength} characters.");
        }
    }
}
