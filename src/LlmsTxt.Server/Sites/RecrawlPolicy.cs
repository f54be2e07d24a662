namespace LlmsTxt.Server.Sites;

/// <summary>When a site is crawled next, after a change, no change, or a failure. Pure: the tests drive it with plain values.</summary>
public static class RecrawlPolicy
{
    public static readonly TimeSpan AdaptiveMinimum = TimeSpan.FromHours(1);
    public static readonly TimeSpan AdaptiveMaximum = TimeSpan.FromDays(7);

    /// <summary>Weight of the newest observation in the moving average.</summary>
    public const double Alpha = 0.5;

    /// <summary>
    /// The moving average after a change seen at <paramref name="now"/>: the first observed
    /// interval (since the previous change) starts it, later ones blend in with weight α.
    /// </summary>
    public static TimeSpan? AverageAfterChange(CrawlSite site, DateTimeOffset now)
    {
        if (site.LastChangedAt is not { } previous || now <= previous)
        {
            return site.AverageChangeInterval;
        }

        var observed = now - previous;
        return site.AverageChangeInterval is { } average
            ? TimeSpan.FromSeconds((Alpha * observed.TotalSeconds) + ((1 - Alpha) * average.TotalSeconds))
            : observed;
    }

    /// <summary>The wait before the next crawl: the site's interval, or the clamped average in adaptive mode.</summary>
    public static TimeSpan NextDelay(CrawlSite site, TimeSpan? average, bool adaptive)
    {
        if (!adaptive)
        {
            return site.RecrawlInterval;
        }

        var basis = average ?? site.RecrawlInterval;
        return basis < AdaptiveMinimum ? AdaptiveMinimum : basis > AdaptiveMaximum ? AdaptiveMaximum : basis;
    }

    /// <summary>Retry delay after the <paramref name="failures"/>-th failure in a row: the pass interval doubled each time, capped at the site's interval.</summary>
    public static TimeSpan Backoff(int failures, TimeSpan passInterval, TimeSpan siteInterval)
    {
        var exponent = Math.Clamp(failures - 1, 0, 30);
        var seconds = passInterval.TotalSeconds * Math.Pow(2, exponent);
        return seconds >= siteInterval.TotalSeconds ? siteInterval : TimeSpan.FromSeconds(seconds);
    }
}
