using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace LlmsTxt.Server.Configuration;

public static class ApiDocs
{
    /// <summary>Name of the <c>X-API-Key</c> security scheme in the document.</summary>
    public const string ApiKeyScheme = "ApiKey";

    // Endpoints that take X-API-Key (the others are public or carry their own secret, like X-Cron-Secret).
    private static readonly string[] ApiKeyPaths = ["/auth/token", "/api/sites"];

    /// <summary>
    /// Titles the OpenAPI document (<c>/openapi/v1.json</c>, registered by <c>AddOpenApi()</c>), points at
    /// the README for the WebSocket protocol (which OpenAPI can't describe), declares the <c>X-API-Key</c>
    /// scheme on the endpoints that need it, and types whole numbers as integers.
    /// </summary>
    public static IServiceCollection DescribeApiDocs(this IServiceCollection services)
    {
        services.Configure<OpenApiOptions>("v1", options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "llmstxt";
                document.Info.Description = "Turns a website into an llms.txt file. Exchange the API key for a token at POST /auth/token, " +
                    "then crawl over the WebSocket /ws/crawl (protocol: see the README's \"WebSocket protocol\" section). " +
                    "Errors are {\"detail\": \"...\"}.";
                AddApiKeyScheme(document);
                return Task.CompletedTask;
            });
            // The serializer also reads numbers from strings, so the generator offers "integer or string";
            // every answer writes numbers, and clients generated from the document should expect them.
            options.AddSchemaTransformer((schema, _, _) =>
            {
                if (schema.Type is { } type && type.HasFlag(JsonSchemaType.String)
                    && (type.HasFlag(JsonSchemaType.Integer) || type.HasFlag(JsonSchemaType.Number)))
                {
                    schema.Type = type & ~JsonSchemaType.String;
                    schema.Pattern = null;
                }

                return Task.CompletedTask;
            });
        });
        return services;
    }

    private static void AddApiKeyScheme(OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[ApiKeyScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = "X-API-Key",
            Description = "The server's API_KEY.",
        };
        foreach (var (path, item) in document.Paths)
        {
            if (!ApiKeyPaths.Contains(path) || item.Operations is null)
            {
                continue;
            }

            foreach (var operation in item.Operations.Values)
            {
                operation.Security ??= [];
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyScheme, document)] = [] });
            }
        }
    }
}
