using System.IO.Compression;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace LlmsTxt.Server.Web;

/// <summary>
/// What every HTTP answer shares: an error always has a <c>{"detail": …}</c> body (also the 404/405/400
/// that routing and parameter binding answer with no body), and the page, the API and hosted files are
/// compressed (Brotli or gzip) when the client accepts it.
/// </summary>
public static class HttpAnswers
{
    public static WebApplicationBuilder AddHttpAnswers(this WebApplicationBuilder builder)
    {
        // A parameter that can't be bound is a 400 with a body in every environment, not a developer page.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = false);
        builder.Services.ConfigureHttpJsonOptions(UseGeneratedContracts);
        builder.Services.AddResponseCompression(o =>
        {
            // Answers carry no secret next to attacker-chosen text (BREACH), so HTTPS may compress too.
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = ResponseCompressionDefaults.MimeTypes.Concat(["text/markdown"]);
        });
        // Fastest: a 4 MB llms-full shrinks ~4x either way; the optimal levels cost several times the CPU.
        builder.Services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        builder.Services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        return builder;
    }

    /// <summary>
    /// Bodies are written and read with the generated contracts (<see cref="ServerJson"/>) and nothing else: the native
    /// image has no reflection-based fallback, so the JIT build drops it too and the tests see what the image does.
    /// </summary>
    private static void UseGeneratedContracts(JsonOptions options)
    {
        var chain = options.SerializerOptions.TypeInfoResolverChain;
        for (var i = chain.Count - 1; i >= 0; i--)
        {
            if (chain[i] is System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver) chain.RemoveAt(i);
        }

        chain.Insert(0, ServerJson.Default);
    }

    public static IApplicationBuilder UseHttpAnswers(this IApplicationBuilder app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = WriteServerErrorAsync });
        app.UseResponseCompression();
        app.UseStatusCodePages(context => WriteDetailAsync(context.HttpContext));
        return app;
    }

    /// <summary>The plain-words detail for an error status that was answered without a body.</summary>
    internal static string DetailFor(HttpContext context)
    {
        var request = context.Request;
        return context.Response.StatusCode switch
        {
            StatusCodes.Status404NotFound => $"Not found: {request.Method} {request.Path} is not an address this server answers (see /openapi/v1.json)",
            StatusCodes.Status405MethodNotAllowed => context.Response.Headers.Allow is { Count: > 0 } allow
                ? $"Method not allowed: {request.Path} answers {string.Join(", ", allow.ToArray())}, not {request.Method}"
                : $"Method not allowed: {request.Path} does not answer {request.Method}",
            StatusCodes.Status400BadRequest => $"Bad request: a query parameter, header or body of {request.Method} {request.Path} is missing or has the wrong type (see /openapi/v1.json)",
            StatusCodes.Status401Unauthorized => "Unauthorized",
            StatusCodes.Status403Forbidden => "Forbidden",
            StatusCodes.Status413PayloadTooLarge => "Request body too large",
            StatusCodes.Status415UnsupportedMediaType => "Unsupported media type: send application/json",
            StatusCodes.Status429TooManyRequests => "Too many requests: wait for the number of seconds in Retry-After",
            StatusCodes.Status503ServiceUnavailable => "Service unavailable: try again shortly",
            var status => ReasonPhrases(status),
        };
    }

    private static string ReasonPhrases(int status) =>
        Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase : $"HTTP {status}";

    private static Task WriteDetailAsync(HttpContext context) =>
        context.Response.WriteAsJsonAsync(new ErrorDetail(DetailFor(context)), ServerJson.Default.ErrorDetail, cancellationToken: context.RequestAborted);

    // The exception stays in the log (ExceptionHandler logs it); the client gets no stack trace and no message that could hold a secret.
    private static Task WriteServerErrorAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status500InternalServerError;
        return context.Response.WriteAsJsonAsync(new ErrorDetail("Internal server error; the server log has the details"), ServerJson.Default.ErrorDetail, cancellationToken: context.RequestAborted);
    }
}
