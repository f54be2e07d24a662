using Microsoft.AspNetCore.OpenApi;

namespace LlmsTxt.Server.Configuration;

public static class ApiDocs
{
    /// <summary>
    /// Titles the OpenAPI document (<c>/openapi/v1.json</c>, registered by <c>AddOpenApi()</c>) and points at
    /// the README for the WebSocket protocol, which OpenAPI can't describe.
    /// </summary>
    public static IServiceCollection DescribeApiDocs(this IServiceCollection services)
    {
        services.Configure<OpenApiOptions>("v1", options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "llmstxt";
            document.Info.Description = "Turns a website into an llms.txt file. Exchange the API key for a token at POST /auth/token, " +
                "then crawl over the WebSocket /ws/crawl (protocol: see the README's \"WebSocket protocol\" section).";
            return Task.CompletedTask;
        }));
        return services;
    }
}
