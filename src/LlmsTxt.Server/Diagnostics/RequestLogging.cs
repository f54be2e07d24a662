using System.Diagnostics;
using System.Text;

namespace LlmsTxt.Server.Diagnostics;

/// <summary>
/// One log line per request with secrets in the query string redacted. ASP.NET Core's own
/// "Request starting ..." lines print the raw query (<c>?api_key=...</c>), so they are muted below Warning.
/// </summary>
public static class RequestLogging
{
    /// <summary>Query parameters whose values never reach a log.</summary>
    public static readonly IReadOnlySet<string> SecretParameters =
        new HashSet<string>(["api_key", "apikey", "token", "access_token", "key", "secret", "webhook_secret", "password"], StringComparer.OrdinalIgnoreCase);

    public const string Redacted = "REDACTED";

    public static WebApplicationBuilder AddRequestLogging(this WebApplicationBuilder builder)
    {
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        return builder;
    }

    public static IApplicationBuilder UseRequestLogging(this IApplicationBuilder app)
    {
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger("LlmsTxt.Server.Requests");
        return app.Use(async (context, next) =>
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await next(context);
            }
            finally
            {
                logger.LogInformation("HTTP {Method} {Path}{Query} responded {StatusCode} in {ElapsedMs:0.0} ms",
                    context.Request.Method, context.Request.Path.Value, RedactQuery(context.Request.QueryString.Value),
                    context.Response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        });
    }

    /// <summary>Replaces the value of every secret parameter with <see cref="Redacted"/>; other parameters stay as sent.</summary>
    public static string RedactQuery(string? query)
    {
        if (string.IsNullOrEmpty(query) || query == "?")
        {
            return "";
        }

        var result = new StringBuilder("?");
        var first = true;
        foreach (var part in query.TrimStart('?').Split('&'))
        {
            if (!first)
            {
                result.Append('&');
            }

            first = false;
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? part : part[..equals];
            var decodedName = Uri.UnescapeDataString(name.Replace('+', ' '));
            result.Append(SecretParameters.Contains(decodedName) ? $"{name}={Redacted}" : part);
        }

        return result.ToString();
    }
}
