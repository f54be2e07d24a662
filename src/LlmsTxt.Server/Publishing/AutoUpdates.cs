using LlmsTxt.Core.Generation;

namespace LlmsTxt.Server.Publishing;

/// <summary>The crawl settings a site was enrolled with; the scheduler recrawls with the same ones.</summary>
public sealed record SiteSettings
{
    public int MaxPages { get; init; } = CrawlLimits.Contract.MaxPages.Default;
    public int DescLength { get; init; } = CrawlLimits.Contract.DescLength.Default;
    public bool Full { get; init; }
    public bool LlmEnhance { get; init; }

    /// <summary>Null: the server's default for headless rendering.</summary>
    public bool? RenderJs { get; init; }
}

/// <summary>A request to keep a just-published site up to date.</summary>
/// <param name="Settings">The request's settings, reused by every recrawl.</param>
/// <param name="RecrawlInterval">The request's <c>recrawlIntervalMinutes</c>.</param>
/// <param name="WebhookSecret">Secret the site-changed webhook must present; null keeps an existing one.</param>
public sealed record AutoUpdateRequest(SiteSettings Settings, TimeSpan RecrawlInterval, string? WebhookSecret);

/// <summary>
/// Automatic updates, declared here and implemented by the site registry (<c>Sites.SiteEnroller</c>), so the socket
/// reaches it through Publishing and the folders depend one way: Crawls → Publishing ← Sites.
/// </summary>
public interface IAutoUpdates
{
    /// <summary>
    /// Records the site's row from its publication. A failure is logged and answered with a line saying so, never
    /// thrown: the file is hosted either way.
    /// </summary>
    Task<EnrolmentAnswer> EnrolAsync(Publication publication, AutoUpdateRequest request, CancellationToken cancellationToken);
}

/// <summary>Whether the site's row was written, and the line shown to the person who asked.</summary>
public sealed record EnrolmentAnswer(bool Enrolled, string Line);
