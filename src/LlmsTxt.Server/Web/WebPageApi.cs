using Microsoft.Extensions.FileProviders;

namespace LlmsTxt.Server.Web;

/// <summary>The web page at <c>/</c> (static files, no build step) and the public configuration it reads.</summary>
public static class WebPageApi
{
    /// <summary>
    /// Serves the page from the files embedded in this assembly (wwwroot, index.html by default), so a
    /// published server started from any folder serves the same page; nothing is read from the working directory.
    /// </summary>
    public static IApplicationBuilder UseWebPage(this IApplicationBuilder app)
    {
        var files = PageFiles;
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
        return app;
    }

    /// <summary>wwwroot as embedded resources (see the project file); flat, so resource names map one to one.</summary>
    internal static IFileProvider PageFiles { get; } = new EmbeddedFileProvider(typeof(WebPageApi).Assembly, "LlmsTxt.Server.wwwroot");

    public static IEndpointRouteBuilder MapWebPage(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/config", (IPublicConfigSource source) => TypedResults.Ok(source.Get()))
            .WithName("PublicConfig")
            .WithSummary("Whether an API key is required, which optional features work, and request limits. No secrets.");
        return routes;
    }
}

/// <summary>Builds <see cref="PublicConfig"/> from the server's settings.</summary>
public interface IPublicConfigSource
{
    PublicConfig Get();
}
