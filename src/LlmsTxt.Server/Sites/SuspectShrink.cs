using LlmsTxt.Core.Generation;

namespace LlmsTxt.Server.Sites;

/// <summary>
/// Named rule: a recrawl of a JavaScript-rendered site whose file lists fewer than half the pages of the hosted
/// one (and at least <see cref="MinDrop"/> fewer) is suspect and does not replace it. Why: when rendering
/// breaks (a browser problem, a broken bundle, a blocked script) such a site collapses to its empty shell and
/// the crawl still "succeeds" with one page; real sites rarely lose half their pages between two crawls, and
/// when one does, the next crawls keep saying so in the site's last error.
/// </summary>
public static class SuspectShrink
{
    public const int MinDrop = 3;

    /// <summary>Null when the new file may replace the hosted one, else the reason (for the log and the site's last error).</summary>
    /// <param name="rendersJs">The site's crawls render in a browser (its setting or the server's default).</param>
    public static string? Reason(bool rendersJs, string? hostedLlmsTxt, GenerationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        // A browser that fails to start renders nothing, so the setting decides, not what this crawl managed to render.
        if (!(rendersJs || result.Stats.Rendered > 0) || hostedLlmsTxt is null) return null;
        var before = hostedLlmsTxt.Split('\n').Count(l => l.StartsWith("- [", StringComparison.Ordinal));
        var now = result.Stats.PagesListed;
        return now * 2 < before && before - now >= MinDrop
            ? $"The new file lists {now} pages where the hosted one lists {before}; on a site rendered with JavaScript that usually means rendering failed, so the hosted file was kept."
            : null;
    }
}
