using System.Text.Json;
using System.Text.Json.Serialization;
using LlmsTxt.Server.Auth;
using LlmsTxt.Server.Crawls;
using LlmsTxt.Server.Health;
using LlmsTxt.Server.Publishing;
using LlmsTxt.Server.Sites;

namespace LlmsTxt.Server.Web;

/// <summary>
/// Every shape the server writes or reads as JSON, generated at build time with the web defaults (camelCase,
/// as SPEC's field names). The server runs as a Native AOT image, where nothing is serialised by reflection:
/// a type missing here fails the build's AOT analysis or a test, not a user's request.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ErrorDetail))]
[JsonSerializable(typeof(HealthApi.HealthStatus))]
[JsonSerializable(typeof(ReadinessApi.Readiness))]
[JsonSerializable(typeof(AuthApi.TokenResponse))]
[JsonSerializable(typeof(PublicConfig))]
[JsonSerializable(typeof(SitesApi.SiteList))]
[JsonSerializable(typeof(SitesApi.SiteRemoved))]
[JsonSerializable(typeof(WebhookApi.SiteChangedRequest))]
[JsonSerializable(typeof(WebhookApi.SiteScheduled))]
[JsonSerializable(typeof(CronApi.CronTriggered))]
[JsonSerializable(typeof(SiteSettings))]
[JsonSerializable(typeof(CrawlMessage))]
[JsonSerializable(typeof(CrawlProgress))]
[JsonSerializable(typeof(CrawlDone))]
[JsonSerializable(typeof(CrawlValidation))]
[JsonSerializable(typeof(string))]
// The OpenAPI document describes the endpoints' parameters through the same contracts.
[JsonSerializable(typeof(int?))]
[JsonSerializable(typeof(bool?))]
internal sealed partial class ServerJson : JsonSerializerContext;
