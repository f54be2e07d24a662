using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;

namespace LlmsTxt.Server.Configuration;

/// <summary>
/// <c>CORS_ORIGINS</c> for both HTTP (CORS headers) and WebSockets (which CORS doesn't cover, so the
/// handshake's <c>Origin</c> is checked here). Unset: HTTP answers carry no CORS headers and sockets accept
/// the server's own origin and http://localhost:3000 only. Set: only the listed origins (or <c>*</c>) and the
/// server's own origin.
/// </summary>
public sealed class BrowserOrigins(IOptionsMonitor<ServerOptions> options)
{
    public static WebApplicationBuilder AddBrowserOrigins(WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<BrowserOrigins>();
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

    /// <summary>Browser origins allowed to open sockets when <c>CORS_ORIGINS</c> is unset (besides the server's own).</summary>
    public static readonly IReadOnlyList<string> DefaultSocketOrigins = ["http://localhost:3000"];

    /// <summary>True when a socket handshake's <c>Origin</c> may open <c>/ws/crawl</c>; clients that send none (scripts, CLIs) always may.</summary>
    public bool AllowsSocket(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        // Unset: the server's own page and a local development front end (http://localhost:3000) only (issue 5).
        var allowed = options.CurrentValue.CorsOrigins is { Count: > 0 } configured ? configured : DefaultSocketOrigins;
        if (origin.Length == 0 || allowed.Contains("*"))
        {
            return true;
        }

        if (allowed.Any(a => a.TrimEnd('/').Equals(origin, StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }

        // Same origin: the page this server served. Compared by host and port, since a TLS proxy may hide the scheme.
        return Uri.TryCreate(origin, UriKind.Absolute, out var uri)
            && (uri.IsDefaultPort ? uri.Host : uri.Authority).Equals(request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }

    // Kestrel/CORS options are read while the app is built; a bad CORS_ORIGINS is reported by start-up validation.
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
