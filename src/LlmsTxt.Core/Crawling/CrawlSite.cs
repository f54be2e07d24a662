using Microsoft.Extensions.Logging;

namespace LlmsTxt.Core.Crawling;

/// <summary>Where one crawl is: its home page and scope, moved once if the start page redirects elsewhere.</summary>
internal sealed class CrawlSite(Uri start)
{
    public CrawlScope Scope { get; private set; } = CrawlScope.From(start);

    public Uri Home { get; private set; } = start;

    /// <summary>
    /// After the start page: a redirect out of scope moves the crawl with it (http://a → https://www.b,
    /// /docs → /documentation/).
    /// </summary>
    public void Rebase(Uri final, ILogger logger)
    {
        Home = final;
        if (!Scope.Contains(final))
        {
            var moved = CrawlScope.From(final);
            // A whole-site request stays whole-site on the new host; a path request follows the new path.
            Scope = moved with { PathPrefix = Scope.PathPrefix == "/" ? "/" : moved.PathPrefix };
            logger.LogInformation("Start page moved to {Url}; crawling there", final);
        }
    }
}
