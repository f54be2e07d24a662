using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace LlmsTxt.Server.Configuration;

public static class ProxyHeaders
{
    /// <summary>
    /// Applies <c>X-Forwarded-For</c>/<c>-Proto</c> from the nearest proxy when <c>FORWARDED_HEADERS=true</c>.
    /// ASP.NET Core's own switch (<c>ASPNETCORE_FORWARDEDHEADERS_ENABLED</c>) is read before the <c>.env</c>
    /// file is loaded, hence this one.
    /// </summary>
    public static IApplicationBuilder UseProxyHeaders(this IApplicationBuilder app)
    {
        var server = app.ApplicationServices.GetRequiredService<IOptionsMonitor<ServerOptions>>();
        var forwarded = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto,
            // The proxy's own address is unknown in containers; trust is the operator's decision (the flag).
            ForwardLimit = 1,
        };
        forwarded.KnownIPNetworks.Clear();
        forwarded.KnownProxies.Clear();
        return app.UseWhen(_ => server.CurrentValue.ForwardedHeaders, branch => branch.UseForwardedHeaders(forwarded));
    }
}
