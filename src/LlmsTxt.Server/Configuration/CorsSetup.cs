using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;

namespace LlmsTxt.Server.Configuration;

/// <summary>
/// CORS for the HTTP endpoints from <c>CORS_ORIGINS</c>: the listed origins (or <c>*</c>) may call the API
/// from their pages, with the <c>X-API-Key</c> header. Unset: no CORS headers (same-origin pages only).
/// WebSockets are not covered by CORS; their <c>Origin</c> check belongs to the socket endpoint.
/// </summary>
public static class CorsSetup
{
    public static WebApplicationBuilder AddBrowserCors(this WebApplicationBuilder builder)
    {
        builder.Services.AddCors();
        builder.Services.AddOptions<CorsOptions>().Configure<IOptions<ServerOptions>>((cors, server) => cors.AddDefaultPolicy(policy =>
        {
            var origins = SafeOrigins(server);
            if (origins.Contains("*"))
            {
                policy.AllowAnyOrigin();
            }
            else
            {
                policy.WithOrigins([.. origins]);
            }

            policy.AllowAnyHeader().WithMethods("GET", "POST").WithExposedHeaders("Retry-After");
        }));
        return builder;
    }

    // CORS options may be read before start-up validation runs; a bad CORS_ORIGINS is reported there.
    private static List<string> SafeOrigins(IOptions<ServerOptions> server)
    {
        try
        {
            return server.Value.CorsOrigins.Select(o => o.TrimEnd('/')).ToList();
        }
        catch (OptionsValidationException)
        {
            return [];
        }
    }
}
