using LlmsTxt.Core.Planning;
using Microsoft.Extensions.Logging;

namespace LlmsTxt.Core.Generation;

/// <summary>The same reasons <c>--explain</c> writes, at debug level: why each page went where it went.</summary>
internal static partial class PlanLog
{
    public static void Explain(ILogger logger, IReadOnlyList<PageExplanation> explanations)
    {
        if (!logger.IsEnabled(LogLevel.Debug))
        {
            return;
        }
        foreach (var e in explanations)
        {
            if (e.LeftOut is null)
            {
                Listed(logger, e.Url, e.Section ?? "", e.Placement, e.DescriptionSource);
            }
            else
            {
                LeftOut(logger, e.Url, e.LeftOut);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Listed {Url} under {Section}: {Placement}; description from {DescriptionSource}")]
    private static partial void Listed(ILogger logger, Uri url, string section, string placement, string descriptionSource);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Left out {Url}: {Reason}")]
    private static partial void LeftOut(ILogger logger, Uri url, string reason);
}
