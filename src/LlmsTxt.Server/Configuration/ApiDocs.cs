namespace LlmsTxt.Server.Configuration;

public static class ApiDocs
{
    /// <summary>The OpenAPI document (<c>/openapi/v1.json</c>) with a readable title; the WebSocket protocol is in the README.</summary>
    public static WebApplicationBuilder AddApiDocs(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "llmstxt";
            document.Info.Description = "Turns a website into an llms.txt file. Exchange the API key for a token at POST /auth/token, " +
                "then crawl over the WebSocket /ws/crawl (protocol: see the README's \"WebSocket protocol\" section).";
            return Task.CompletedTask;
        }));
        return builder;
    }
}
