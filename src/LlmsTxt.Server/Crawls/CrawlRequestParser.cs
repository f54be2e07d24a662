using System.Text.Json;
using LlmsTxt.Core.Generation;
using LlmsTxt.Server.Publishing;

namespace LlmsTxt.Server.Crawls;

/// <summary>
/// Parses and fully validates a client message of <c>/ws/crawl</c>. Pure: no I/O, no clock. Field names
/// match case-insensitively, unknown fields are ignored, <c>null</c> means "use the default", and every
/// problem is reported with the field's name and the allowed values.
/// </summary>
public static class CrawlRequestParser
{
    public const string MessageField = "request";

    private const string Example = "{\"url\":\"https://example.com\"}";

    private static readonly string[] KnownFields =
        ["url", "maxPages", "descLength", "enableAutoUpdate", "recrawlIntervalMinutes", "llmEnhance", "useBrightdata", "renderJs", "full", "webhookSecret"];

    public static ClientMessage Parse(string text)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            return new InvalidClientMessage(MessageField, $"The request must be one JSON object such as {Example}; this message is not valid JSON.");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return new InvalidClientMessage(MessageField, $"The request must be one JSON object such as {Example}; got {Describe(root)}.");
            }

            if (root.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "cancel")
            {
                return new CancelRequested();
            }

            var fields = new Dictionary<string, JsonElement>(StringComparer.OrdinalIgnoreCase);
            foreach (var property in root.EnumerateObject())
            {
                var known = KnownFields.FirstOrDefault(f => f.Equals(property.Name, StringComparison.OrdinalIgnoreCase));
                if (known is null)
                {
                    continue;
                }

                if (!fields.TryAdd(known, property.Value))
                {
                    return new InvalidClientMessage(known, $"{known} appears more than once in the request; send it once.");
                }
            }

            return Validate(new Fields(fields));
        }
    }

    private static ClientMessage Validate(Fields fields)
    {
        var url = ReadUrl(fields, out var urlError);
        if (urlError is not null)
        {
            return urlError;
        }

        var errors = new List<InvalidClientMessage>();
        var maxPages = fields.Number("maxPages", CrawlLimits.Contract.MaxPages, "pages", errors);
        var descLength = fields.Number("descLength", CrawlLimits.Contract.DescLength, "characters", errors);
        var autoUpdate = fields.Flag("enableAutoUpdate", errors) ?? false;
        var interval = fields.Number("recrawlIntervalMinutes", CrawlLimits.Contract.RecrawlIntervalMinutes, "minutes", errors);
        var llmEnhance = fields.Flag("llmEnhance", errors) ?? false;
        var useBrightdata = fields.Flag("useBrightdata", errors);
        var renderJs = fields.Flag("renderJs", errors);
        var full = fields.Flag("full", errors) ?? false;
        var secret = ReadSecret(fields, autoUpdate, errors);
        if (errors.Count > 0)
        {
            return errors[0];
        }

        if (useBrightdata is not null && renderJs is not null && useBrightdata != renderJs)
        {
            return new InvalidClientMessage("renderJs", "renderJs is another name for useBrightdata; send one of them, or the same value in both.");
        }

        return new CrawlRequested(new CrawlSocketRequest(url!)
        {
            MaxPages = maxPages,
            DescLength = descLength,
            EnableAutoUpdate = autoUpdate,
            RecrawlInterval = TimeSpan.FromMinutes(interval),
            LlmEnhance = llmEnhance,
            RenderJs = useBrightdata ?? renderJs,
            Full = full,
            WebhookSecret = secret,
        });
    }

    // The value is never part of an error: it is a secret, and errors go back over the wire and into logs.
    private static HiddenSecret? ReadSecret(Fields fields, bool autoUpdate, List<InvalidClientMessage> errors)
    {
        const string name = "webhookSecret";
        if (!fields.Values.TryGetValue(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add(new InvalidClientMessage(name, $"{name} must be a string of {WebhookSecrets.MinLength} to {WebhookSecrets.MaxLength} printable ASCII characters; got {KindOf(value)}."));
            return null;
        }

        var text = value.GetString()!;
        if (WebhookSecrets.Problem(text) is { } problem)
        {
            errors.Add(new InvalidClientMessage(name, problem));
            return null;
        }

        if (!autoUpdate)
        {
            errors.Add(new InvalidClientMessage(name, $"{name} is used only with enableAutoUpdate: true (it protects the site-changed webhook of an enrolled site); send both, or neither."));
            return null;
        }

        return new HiddenSecret(text);
    }

    private static Uri? ReadUrl(Fields fields, out InvalidClientMessage? error)
    {
        const string allowed = "the absolute http or https URL of the site, e.g. https://example.com";
        error = null;
        if (!fields.Values.TryGetValue("url", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            error = new InvalidClientMessage("url", $"url is required: {allowed}.");
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            error = new InvalidClientMessage("url", $"url must be a string: {allowed}; got {Describe(value)}.");
            return null;
        }

        var text = value.GetString()!.Trim();
        if (text.Length == 0)
        {
            error = new InvalidClientMessage("url", $"url is required: {allowed}.");
        }
        else if (text.Length > CrawlLimits.Contract.MaxUrlLength)
        {
            error = new InvalidClientMessage("url", $"url must be at most {CrawlLimits.Contract.MaxUrlLength} characters long; got {text.Length}.");
        }
        else if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || string.IsNullOrEmpty(uri.Host))
        {
            error = new InvalidClientMessage("url", $"url must be {allowed}; got '{Shorten(text)}'.");
        }
        else if (uri.UserInfo.Length > 0)
        {
            error = new InvalidClientMessage("url", "url must not contain a user name or password.");
        }
        else
        {
            return uri;
        }

        return null;
    }

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{Shorten(value.GetString()!)}\"",
        JsonValueKind.Number => $"the number {Shorten(value.GetRawText())}",
        JsonValueKind.True or JsonValueKind.False => $"the boolean {value.GetRawText()}",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "null",
    };

    private static string KindOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Array => "an array",
        _ => "an object",
    };

    private static string Shorten(string text) => text.Length <= 100 ? text : text[..100] + "...";

    private sealed record Fields(Dictionary<string, JsonElement> Values)
    {
        public int Number(string name, IntRange range, string unit, List<InvalidClientMessage> errors)
        {
            var (min, max, defaultValue) = (range.Min, range.Max, range.Default);
            if (!Values.TryGetValue(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return defaultValue;
            }

            if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number >= min && number <= max)
            {
                return number;
            }

            errors.Add(new InvalidClientMessage(name, $"{name} must be a whole number from {min} to {max} ({unit}); got {Describe(value)}."));
            return defaultValue;
        }

        public bool? Flag(string name, List<InvalidClientMessage> errors)
        {
            if (!Values.TryGetValue(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                return value.GetBoolean();
            }

            errors.Add(new InvalidClientMessage(name, $"{name} must be true or false; got {Describe(value)}."));
            return null;
        }
    }
}
