namespace LlmsTxt.Core.Generation;

/// <summary>An inclusive range with the value used when none is given.</summary>
public sealed record IntRange(int Min, int Max, int Default)
{
    public bool Contains(int value) => value >= Min && value <= Max;

    public int Clamp(int value) => Math.Clamp(value, Min, Max);

    /// <summary>"between 1 and 1000": the words errors about this range use.</summary>
    public string Describe() => Max == int.MaxValue ? $"at least {Min}" : $"between {Min} and {Max}";
}

/// <summary>
/// The ranges and defaults of what a person may ask for (SPEC "HTTP API" table): the socket's request parser, the
/// CLI, the generator, the scheduler, the web page's configuration and the options classes all read them here.
/// </summary>
/// <param name="MaxPages"><c>maxPages</c> / <c>--max-pages</c>: pages in the result.</param>
/// <param name="DescLength"><c>descLength</c> / <c>--desc-length</c>: characters of page text per link description.</param>
/// <param name="RecrawlIntervalMinutes"><c>recrawlIntervalMinutes</c>: time between scheduled recrawls of an enrolled site.</param>
/// <param name="FullMaxChars">Cap on llms-full.txt in characters (<c>--full-max-chars</c>, <c>LLMS_FULL_MAX_CHARS</c>).</param>
/// <param name="MaxUrlLength">Longest URL accepted as a start URL or followed as a link (the de-facto browser limit).</param>
public sealed record CrawlLimits(IntRange MaxPages, IntRange DescLength, IntRange RecrawlIntervalMinutes, IntRange FullMaxChars, int MaxUrlLength)
{
    /// <summary>The product contract's numbers.</summary>
    public static CrawlLimits Contract { get; } = new(
        MaxPages: new IntRange(1, 1000, 50),
        DescLength: new IntRange(100, 2000, 500),
        RecrawlIntervalMinutes: new IntRange(60, 43_200, 10_080),
        FullMaxChars: new IntRange(1000, int.MaxValue, 4_000_000),
        MaxUrlLength: 2083);
}
