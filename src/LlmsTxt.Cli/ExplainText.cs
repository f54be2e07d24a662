using System.Text;
using LlmsTxt.Core.Planning;

namespace LlmsTxt.Cli;

/// <summary>The --explain file: one block per crawled page, listed pages first in URL order, then left-out pages.</summary>
internal static class ExplainText
{
    public static string Format(IReadOnlyList<PageExplanation> explanations)
    {
        var sb = new StringBuilder();
        var listed = explanations.Where(e => e.LeftOut is null).ToList();
        var left = explanations.Where(e => e.LeftOut is not null).ToList();
        sb.Append("# Why each page is where it is: ").Append(listed.Count).Append(" listed, ").Append(left.Count).Append(" left out\n");
        foreach (var e in listed)
        {
            sb.Append("\nlisted ").Append(e.Url.AbsoluteUri).Append('\n')
                .Append("  title: ").Append(e.Title).Append('\n')
                .Append("  section: ").Append(e.Section).Append('\n')
                .Append("  placed by: ").Append(e.Placement).Append('\n')
                .Append("  description from: ").Append(e.DescriptionSource).Append('\n');
        }
        foreach (var e in left)
        {
            sb.Append("\nleft out ").Append(e.Url.AbsoluteUri).Append('\n')
                .Append("  title: ").Append(e.Title).Append('\n')
                .Append("  because: ").Append(e.LeftOut).Append('\n');
        }
        return sb.ToString();
    }
}
