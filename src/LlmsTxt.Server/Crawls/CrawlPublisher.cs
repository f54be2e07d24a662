using System.Runtime.CompilerServices;
using LlmsTxt.Core.Generation;
using LlmsTxt.Server.Publishing;

namespace LlmsTxt.Server.Crawls;

/// <summary>
/// After a socket crawl: publishes the result through <see cref="SitePublisher"/> (linked on the client's origin,
/// enrolled for automatic updates when asked) and yields the <c>url</c>/<c>full_url</c> (or log) messages for the
/// client. A storage or enrolment failure is reported, never fatal: the client already has the text.
/// </summary>
public sealed class CrawlPublisher(SitePublisher publisher, IHttpContextAccessor http, IAutoUpdates? autoUpdates = null)
{
    public async IAsyncEnumerable<CrawlMessage> PublishAsync(GenerationResult result, CrawlSocketRequest request,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (result.Stats.PagesListed == 0)
        {
            yield return CrawlMessage.Log("Nothing was hosted: the file lists no pages.");
            yield break;
        }

        var target = new SocketPublishTarget(ClientOrigin(), request.EnableAutoUpdate ? autoUpdates : null, AutoUpdateRequestOf(request));
        var publication = await publisher.PublishAsync(result, target, cancellationToken);
        switch (publication.Kind)
        {
            case PublicationKind.Kept:
                yield return CrawlMessage.Log(publication.KeptBecause!);
                break;
            case PublicationKind.StoreFailed:
                yield return CrawlMessage.Log("Hosting failed: the file could not be stored (the server log has details). Copy or download it instead.");
                break;
            default:
                if (publication.Hosted.Url is { } url)
                    yield return CrawlMessage.HostedUrl(url);
                if (publication.Hosted.FullUrl is { } fullUrl)
                    yield return CrawlMessage.HostedFullUrl(fullUrl);
                break;
        }
        if (request.EnableAutoUpdate)
            yield return CrawlMessage.Log(target.EnrolmentLine ?? "Automatic updates are not available on this server; the file was hosted once.");
    }

    private static AutoUpdateRequest AutoUpdateRequestOf(CrawlSocketRequest request) => new(
        new SiteSettings { MaxPages = request.MaxPages, DescLength = request.DescLength, Full = request.Full, LlmEnhance = request.LlmEnhance, RenderJs = request.RenderJs },
        request.RecrawlInterval,
        request.WebhookSecret?.Value);

    /// <summary>The origin the client reached this server at: where a locally hosted file is linked (see <see cref="PublicUrlRule"/>).</summary>
    private string? ClientOrigin() =>
        http.HttpContext?.Request is { } request ? $"{request.Scheme}://{request.Host}{request.PathBase}" : null;
}
