namespace LlmsTxt.Server.Web;

/// <summary>The web page at <c>/</c> (static files, no build step) and the public configuration it reads.</summary>
public static class WebPageApi
{
    /// <summary>Serves wwwroot with index.html as the default document.</summary>
    public static IApplicationBuilder UseWebPage(this IApplicationBuilder app)
    {
        app.UseDefaultFiles();
        app.UseStaticFiles();
        return app;
    }

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
