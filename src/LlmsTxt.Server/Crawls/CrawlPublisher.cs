using System.Runtime.CompilerServices;
using LlmsTxt.Core.Generation;
using LlmsTxt.Server.Sites;
using LlmsTxt.Server.Storage;

namespace LlmsTxt.Server.Crawls;

/// <summary>
/// After a crawl: stores the files under <c>llms/&lt;md5(base url)&gt;.txt</c> and yields the
/// <c>url</c>/<c>full_url</c> (or log) messages for the client. A storage failure is reported, never
/// fatal: the client already has the text.
/// </summary>
public sealed partial class CrawlPublisher(
    IFileStore store,
    IConfiguration configuration,
    IHttpContextAccessor http,
    IServiceProvider services,
    ILogger<CrawlPublisher> logger)
{
    public async IAsyncEnumerable<CrawlMessage> PublishAsync(GenerationResult result, CrawlSocketRequest request,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (result.Stats.PagesListed == 0)
        {
            yield return CrawlMessage.Log("Nothing was hosted: the file lists no pages.");
            yield break;
        }
        var baseUrl = SiteKey(result.BaseUrl);
        // A stopped crawl's file is for the person who stopped it: hosting it would replace a complete hosted copy.
        Uri? stored = null, fullUrl = null;
        if (result.Partial)
        {
            yield return CrawlMessage.Log("The partial file was not hosted (a complete crawl is needed for that); copy or download it instead.");
        }
        else
        {
            stored = await PutAsync(StorageKeys.LlmsTxt(baseUrl), result.LlmsTxt, cancellationToken);
            if (stored is null)
                yield return CrawlMessage.Log("Hosting failed: the file could not be stored (the server log has details). Copy or download it instead.");
            else
                yield return CrawlMessage.HostedUrl(stored);
            if (stored is not null && result.LlmsFullTxt is { } full && (fullUrl = await PutAsync(StorageKeys.LlmsFullTxt(baseUrl), full, cancellationToken)) is not null)
                yield return CrawlMessage.HostedFullUrl(fullUrl);
        }
        if (request.EnableAutoUpdate)
            yield return CrawlMessage.Log(await EnrolAsync(result, request, stored, fullUrl, cancellationToken));
    }

    private async Task<string> EnrolAsync(GenerationResult result, CrawlSocketRequest request, Uri? hosted, Uri? hostedFull, CancellationToken cancellationToken)
    {
        if (services.GetService<SiteEnroller>() is not { } enroller)
            return "Automatic updates are not available on this server; the file was hosted once.";
        try
        {
            var site = await enroller.EnrolAsync(result,
                new SiteSettings { MaxPages = request.MaxPages, DescLength = request.DescLength, Full = request.Full, LlmEnhance = request.LlmEnhance, RenderJs = request.RenderJs },
                request.RecrawlInterval, hosted?.AbsoluteUri, hostedFull?.AbsoluteUri, request.WebhookSecret?.Value, cancellationToken);
            return SiteEnroller.Describe(site);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogEnrolFailed(logger, ex, result.BaseUrl.AbsoluteUri);
            return "Automatic updates could not be turned on (the server log has details); the file was hosted once.";
        }
    }

    /// <summary>The site's identity for its storage key: the normalised start URL (scheme, host, path; no query or fragment).</summary>
    public static string SiteKey(Uri baseUrl) => baseUrl.GetLeftPart(UriPartial.Path);

    private async Task<Uri?> PutAsync(string key, string content, CancellationToken cancellationToken)
    {
        try
        {
            var info = await store.PutTextAsync(key, content, cancellationToken);
            return PublicUrl(key, info.PublicUrl);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogStoreFailed(logger, ex, key, store.Backend);
            return null;
        }
    }

    // PUBLIC_BASE_URL defaults to the server's own address: without it, a locally hosted file is
    // linked on the origin the client reached us at (right behind port mappings and with PORT=0).
    private Uri PublicUrl(string key, string storeUrl)
    {
        var request = http.HttpContext?.Request;
        return request is not null && store.Backend == "local" && string.IsNullOrWhiteSpace(configuration["PUBLIC_BASE_URL"])
            ? new Uri($"{request.Scheme}://{request.Host}{request.PathBase}/{key}")
            : new Uri(storeUrl);
    }

    [LoggerMessage(LogLevel.Error, "Enrolling {BaseUrl} for automatic updates failed")]
    private static partial void LogEnrolFailed(ILogger logger, Exception exception, string baseUrl);

    [LoggerMessage(LogLevel.Error, "Storing {Key} in the {Backend} store failed")]
    private static partial void LogStoreFailed(ILogger logger, Exception exception, string key, string backend);
}
