using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Net.Http.Headers;

namespace LlmsTxt.Server.Storage;

/// <summary>
/// GET/HEAD /llms/{name}.txt: hosted files from whichever store is configured, as
/// <c>text/markdown; charset=utf-8</c> with ETag/Last-Modified and 304s. A missing file is a
/// plain-text 404, never the web page.
/// </summary>
public static partial class HostedFilesApi
{
    public static IEndpointRouteBuilder MapHostedFiles(this IEndpointRouteBuilder routes)
    {
        routes.MapMethods("/llms/{file}", [HttpMethods.Get, HttpMethods.Head], ServeAsync)
            .WithName("HostedFile")
            .WithSummary("A hosted llms.txt or llms-full.txt file.")
            .WithDescription("ETag and Last-Modified on every answer; If-None-Match / If-Modified-Since give 304.")
            .Produces<string>(StatusCodes.Status200OK, "text/markdown")
            .Produces(StatusCodes.Status304NotModified)
            .Produces<string>(StatusCodes.Status404NotFound, "text/plain")
            .AllowAnonymous();
        // Anything deeper under /llms/ is not a file we host: answer 404 here so no fallback page does.
        routes.MapMethods("/llms/{**rest}", [HttpMethods.Get, HttpMethods.Head], () => NotFound())
            .ExcludeFromDescription()
            .AllowAnonymous();
        return routes;
    }

    internal static async Task<IResult> ServeAsync(string file, HttpContext context, IFileStore store, CancellationToken cancellationToken)
    {
        if (!FileName().IsMatch(file))
        {
            return NotFound();
        }

        var stored = await store.GetTextAsync("llms/" + file, cancellationToken);
        if (stored is null)
        {
            return NotFound();
        }

        var lastModified = Truncate(stored.LastModified);
        var headers = context.Response.Headers;
        if (stored.ETag.Length > 0)
        {
            headers.ETag = stored.ETag;
        }

        headers.LastModified = lastModified.ToString("R", CultureInfo.InvariantCulture);
        // Files change on every recrawl: caches may keep them but must revalidate.
        headers.CacheControl = "no-cache";
        headers.XContentTypeOptions = "nosniff";
        if (IsNotModified(context.Request, stored.ETag, lastModified))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return TypedResults.Text(stored.Content, S3FileStore.ContentType);
    }

    /// <summary>RFC 9110 §13.1: If-None-Match wins; If-Modified-Since only when it is absent.</summary>
    private static bool IsNotModified(HttpRequest request, string etag, DateTimeOffset lastModified)
    {
        var typed = request.GetTypedHeaders();
        if (request.Headers.IfNoneMatch.Count > 0)
        {
            var candidates = typed.IfNoneMatch;
            return etag.Length > 0 && EntityTagHeaderValue.TryParse(etag, out var current)
                && candidates.Any(c => c.Equals(EntityTagHeaderValue.Any) || c.Compare(current, useStrongComparison: false));
        }

        return typed.IfModifiedSince is { } since && lastModified <= since;
    }

    private static DateTimeOffset Truncate(DateTimeOffset value) =>
        new(value.Ticks - (value.Ticks % TimeSpan.TicksPerSecond), value.Offset);

    private static Microsoft.AspNetCore.Http.HttpResults.ContentHttpResult NotFound() =>
        TypedResults.Text("Not found", "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound);

    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,200}\.txt$", RegexOptions.CultureInvariant)]
    private static partial Regex FileName();
}
