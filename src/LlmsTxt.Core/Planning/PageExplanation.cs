namespace LlmsTxt.Core.Planning;

/// <summary>
/// Why one crawled page is where it is in the file (or why it is not in it): the section, the outline path or rule
/// that put it there, and where its description came from. What <c>--explain</c> writes and the server logs.
/// </summary>
/// <param name="Section">The section it is listed under; null when left out.</param>
/// <param name="Placement">The outline path or rule that placed it ("Tutorial › Getting Started via the table of contents of …").</param>
/// <param name="DescriptionSource">"meta description", "first paragraph", "children in its table of contents"…; empty when left out.</param>
/// <param name="LeftOut">Why the page is not listed; null when listed.</param>
public sealed record PageExplanation(Uri Url, string Title, string? Section, string Placement, string DescriptionSource, string? LeftOut);
