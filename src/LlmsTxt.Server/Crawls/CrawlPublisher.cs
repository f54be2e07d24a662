using System.Runtime.CompilerServices;
using LlmsTxt.Core.Generation;
using LlmsTxt.Core.Urls;
using LlmsTxt.Server.Publishing;

namespace LlmsTxt.Server.Crawls;

/// <summary>
/// After a socket crawl: hosts the files through <see cref="SitePublisher"/> (linked on the client's origin) and
/// yields the <c>url</c>/<c>full_url</c> (or log) messages for the client; enrols the site when asked. A storage failure is reported, never
/// fatal: the client already has the text.
/// </summary>
public sealed partial class CrawlPublisher(
    SitePublisher publisher,
    IHttpContextAccessor http,
    ILogger<CrawlPublisher> logger,
    IAutoUpdates? autoUpdates = null)
{
    public async IAsyncEnumerable<CrawlMessage> PublishAsync(GenerationResult result, CrawlSocketRequest request,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (result.Stats.PagesListed == 0)
        {
            yield return CrawlMessage.Log("Nothing was hosted: the file lists no pages.");
            yield break;
        }
        // A stopped crawl's file is for the person who stopped it: hosting it would replace a complete hosted copy.
        var hosted = HostedFiles.None;
        if (result.Partial)
        {
            yield return CrawlMessage.Log("The partial file was not hosted (a complete crawl is needed for that); copy or download it instead.");
        }
        else
        {
            hosted = await publisher.HostAsync(UrlIdentity.SiteKey(result.BaseUrl), result, ClientOrigin(), cancellationToken);
            if (hosted.Url is null)
                yield return CrawlMessage.Log("Hosting failed: the file could not be stored (the server log has details). Copy or download it instead.");
            else
                yield return CrawlMessage.HostedUrl(hosted.Url);
            if (hosted.FullUrl is not null)
                yield return CrawlMessage.HostedFullUrl(hosted.FullUrl);
        }
        if (request.EnableAutoUpdate)
            yield return CrawlMessage.Log(await EnrolAsync(result, request, hosted, cancellationToken));
    }

    private async Task<string> EnrolAsync(GenerationResult result, CrawlSocketRequest request, HostedFiles hosted, CancellationToken cancellationToken)
    {
        if (autoUpdates is null)
            return "Automatic updates are not available on this server; the file was hosted once.";
        try
        {
            var settings = new SiteSettings { MaxPages = request.MaxPages, DescLength = request.DescLength, Full = request.Full, LlmEnhance = request.LlmEnhance, RenderJs = request.RenderJs };
            return await autoUpdates.EnableAsync(result, new AutoUpdateRequest(settings, request.RecrawlInterval, request.WebhookSecret?.Value), hosted, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogEnrolFailed(logger, ex, result.BaseUrl.AbsoluteUri);
            return "Automatic updates could not be turned on (the server log has details); the file was hosted once.";
        }
    }

    /// <summary>The origin the client reached this server at: where a locally hosted file is linked (see <see cref="PublicUrlRule"/>).</summary>
    private string? ClientOrigin() =>
        http.HttpContext?.Request is { } request ? $"{request.Scheme}://{request.Host}{request.PathBase}" : null;

    [LoggerMessage(LogLevel.Error, "Enrolling {BaseUrl} for automatic updates failed")]
    private static partial void LogEnrolFailed(ILogger logger, Exception exception, string baseUrl);
}
