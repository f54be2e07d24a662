using LlmsTxt.Core.Generation;
using LlmsTxt.Core.Urls;
using LlmsTxt.Server.Storage;

namespace LlmsTxt.Server.Publishing;

/// <summary>The hosted addresses of a site's files; null where nothing is hosted.</summary>
public sealed record HostedFiles(Uri? Url, Uri? FullUrl)
{
    public static HostedFiles None { get; } = new(null, null);
}

/// <summary>
/// The one path from a <see cref="GenerationResult"/> to stored files, their hosted URLs and the site's registry row,
/// used by the socket (<c>CrawlPublisher</c>) and the scheduler (<c>SiteRecrawler</c>) alike: the storage key (MD5 of
/// the site's <see cref="UrlIdentity.SiteKey(Uri)"/>), the public-URL rule, the content hash and when a file is
/// (re)uploaded live here and nowhere else; each caller's <see cref="IPublishTarget"/> writes the row.
/// </summary>
/// <remarks>
/// The public-URL rule: <c>PUBLIC_BASE_URL</c> when set (the store's own URL), else, for the local store, the
/// origin the site was enrolled from. That origin is stored with the site as the prefix of its hosted URL, so a
/// scheduled recrawl links the file on the same scheme, host, port and path as the socket did, not on the
/// address the server happens to listen on (which differs behind port mappings and proxies).
/// </remarks>
public sealed partial class SitePublisher(IFileStore store, PublicUrlRule rule, ILogger<SitePublisher> logger)
{
    /// <summary>
    /// Publishes a crawl's result for <paramref name="target"/>: derives the state the registry row records
    /// (<see cref="SiteCrawlState"/>), stores the files when their content changed and the target lets them replace
    /// the hosted ones (else puts back only files gone missing from the store), links them by the public-URL rule,
    /// and has the target record it all in the site's row.
    /// </summary>
    public async Task<Publication> PublishAsync(GenerationResult result, IPublishTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(target);
        var siteKey = UrlIdentity.SiteKey(result.BaseUrl);
        var state = SiteCrawlState.Of(result);
        Publication publication;
        if (state.Hash == target.HostedHash)
        {
            publication = new(result, state, await RestoreMissingAsync(siteKey, result, target.Origin, cancellationToken), PublicationKind.Unchanged);
        }
        else if (await target.KeepHostedAsync(result, cancellationToken) is { } reason)
        {
            publication = new(result, state, HostedFiles.None, PublicationKind.Kept, reason);
        }
        else
        {
            var hosted = await HostAsync(siteKey, result, target.Origin, cancellationToken);
            publication = new(result, state, hosted, hosted.Url is null ? PublicationKind.StoreFailed : PublicationKind.Hosted);
        }

        return publication with { Recorded = await target.RecordAsync(publication, cancellationToken) };
    }

    /// <summary>
    /// Stores llms.txt (and llms-full.txt when generated) under the site's keys. A failed write is logged and
    /// answered with a null URL, never thrown: the caller decides what the person sees.
    /// </summary>
    private async Task<HostedFiles> HostAsync(string baseUrl, GenerationResult result, string? origin, CancellationToken cancellationToken)
    {
        var url = await PutAsync(StorageKeys.LlmsTxt(baseUrl), result.LlmsTxt, origin, cancellationToken);
        var fullUrl = url is not null && result.LlmsFullTxt is { } full
            ? await PutAsync(StorageKeys.LlmsFullTxt(baseUrl), full, origin, cancellationToken)
            : null;
        return new HostedFiles(url, fullUrl);
    }

    /// <summary>Puts back hosted files that vanished from the store although the content did not change; returns the URLs written.</summary>
    private async Task<HostedFiles> RestoreMissingAsync(string baseUrl, GenerationResult result, string? origin, CancellationToken cancellationToken)
    {
        Uri? url = null, fullUrl = null;
        var key = StorageKeys.LlmsTxt(baseUrl);
        if (!await store.ExistsAsync(key, cancellationToken))
        {
            url = await PutAsync(key, result.LlmsTxt, origin, cancellationToken);
            LogRestored(logger, baseUrl, key);
        }

        var fullKey = StorageKeys.LlmsFullTxt(baseUrl);
        if (result.LlmsFullTxt is { } full && !await store.ExistsAsync(fullKey, cancellationToken))
        {
            fullUrl = await PutAsync(fullKey, full, origin, cancellationToken);
            LogRestored(logger, baseUrl, fullKey);
        }

        return new HostedFiles(url, fullUrl);
    }

    /// <summary>Whether the site's hosted files are all still in the store.</summary>
    public async Task<bool> HostedFilesPresentAsync(string baseUrl, bool hostsFull, CancellationToken cancellationToken) =>
        await store.ExistsAsync(StorageKeys.LlmsTxt(baseUrl), cancellationToken)
        && (!hostsFull || await store.ExistsAsync(StorageKeys.LlmsFullTxt(baseUrl), cancellationToken));

    /// <summary>The hosted llms.txt, or null when there is none.</summary>
    public async Task<string?> HostedTextAsync(string baseUrl, CancellationToken cancellationToken) =>
        (await store.GetTextAsync(StorageKeys.LlmsTxt(baseUrl), cancellationToken))?.Content;

    /// <summary>The origin a site was published from, read back from its recorded hosted URL (null when it has none).</summary>
    public static string? OriginOf(string baseUrl, string? hostedUrl)
    {
        var suffix = "/" + StorageKeys.LlmsTxt(baseUrl);
        return hostedUrl is not null && hostedUrl.EndsWith(suffix, StringComparison.Ordinal) ? hostedUrl[..^suffix.Length] : null;
    }

    private async Task<Uri?> PutAsync(string key, string content, string? origin, CancellationToken cancellationToken)
    {
        try
        {
            var info = await store.PutTextAsync(key, content, cancellationToken);
            return rule.For(key, info.PublicUrl, origin);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogStoreFailed(logger, ex, key, store.Backend);
            return null;
        }
    }

    [LoggerMessage(LogLevel.Error, "Storing {Key} in the {Backend} store failed")]
    private static partial void LogStoreFailed(ILogger logger, Exception exception, string key, string backend);

    [LoggerMessage(LogLevel.Warning, "Re-uploaded {Key} for {BaseUrl}: it had gone missing from the store")]
    private static partial void LogRestored(ILogger logger, string baseUrl, string key);
}
