using LlmsTxt.Core.Generation;

namespace LlmsTxt.Server.Publishing;

/// <summary>What publishing a result did with the site's hosted files.</summary>
public enum PublicationKind
{
    /// <summary>The new file was stored and replaces the hosted one.</summary>
    Hosted,

    /// <summary>Same content as the hosted file: nothing uploaded, except files that had gone missing from the store.</summary>
    Unchanged,

    /// <summary>The file changed but the target kept the hosted one (see <see cref="Publication.KeptBecause"/>).</summary>
    Kept,

    /// <summary>The store refused the new file; whatever was hosted before stays.</summary>
    StoreFailed,
}

/// <summary>
/// One crawl's result as published: the state the site's registry row records, where its files are hosted, and
/// whether the row was written (false when a scheduled pass had lost its lease, or an enrolment failed).
/// </summary>
/// <param name="Hosted">The URLs written by this publication (for <see cref="PublicationKind.Unchanged"/>, only restored files).</param>
public sealed record Publication(GenerationResult Result, SiteCrawlState State, HostedFiles Hosted, PublicationKind Kind, string? KeptBecause = null)
{
    public bool Recorded { get; init; }
}

/// <summary>
/// Where a result is published: the socket (hosted for the person who crawled, enrolled when asked) or a scheduled
/// pass holding the site's lease. Implemented by the caller's folder, so Publishing depends on neither and the
/// one path (<see cref="SitePublisher.PublishAsync"/>) serves both.
/// </summary>
public interface IPublishTarget
{
    /// <summary>The origin the site's files are linked on (see <see cref="PublicUrlRule"/>); null for the store's own URL.</summary>
    string? Origin { get; }

    /// <summary>The registry hash of the file hosted now; null when the caller knows of none (then a new file is always stored).</summary>
    string? HostedHash { get; }

    /// <summary>Why a changed file must not replace the hosted one (a partial crawl, a suspect shrink); null to store it.</summary>
    ValueTask<string?> KeepHostedAsync(GenerationResult result, CancellationToken cancellationToken);

    /// <summary>Writes the publication into the site's registry row, if the target has one; false when it was not written.</summary>
    Task<bool> RecordAsync(Publication publication, CancellationToken cancellationToken);
}
