using System.Text.Json;
using System.Text.Json.Serialization;

namespace LlmsTxt.Core.Enhancement;

/// <summary>An accepted description and the hash of what it was written from (title, note, page text).</summary>
public sealed record RememberedDescription(
    [property: JsonPropertyName("hash")] string InputHash,
    [property: JsonPropertyName("text")] string Text);

/// <summary>An accepted header and the hash of what it was written from (start page text, sections).</summary>
public sealed record RememberedHeader(
    [property: JsonPropertyName("hash")] string InputHash,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("summary")] string Summary,
    [property: JsonPropertyName("about")] string About);

/// <summary>
/// What one site's last enhancement produced, so a recrawl asks the model only about pages whose content changed.
/// Keyed by page URL; tied to the model (another model's wording is not reused).
/// </summary>
public sealed record EnhancementMemory
{
    public static readonly EnhancementMemory Empty = new();

    [JsonPropertyName("model")]
    public string? Model { get; init; }

    [JsonPropertyName("header")]
    public RememberedHeader? Header { get; init; }

    [JsonPropertyName("descriptions")]
    public IReadOnlyDictionary<string, RememberedDescription> Descriptions { get; init; } = new Dictionary<string, RememberedDescription>();

    public bool IsEmpty => Header is null && Descriptions.Count == 0;

    /// <summary>The remembered description for <paramref name="url"/> when it was written from the same input by the same model.</summary>
    public string? Description(string model, string url, string inputHash) =>
        Model == model && Descriptions.TryGetValue(url, out var d) && d.InputHash == inputHash ? d.Text : null;

    public RememberedHeader? HeaderFor(string model, string inputHash) => Model == model && Header?.InputHash == inputHash ? Header : null;

    public string ToJson() => JsonSerializer.Serialize(this, MemoryJsonContext.Default.EnhancementMemory);

    /// <summary>Reads <see cref="ToJson"/>'s output; anything unreadable is an empty memory (it is only a cache).</summary>
    public static EnhancementMemory FromJson(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return Empty;
        try
        {
            return JsonSerializer.Deserialize(json, MemoryJsonContext.Default.EnhancementMemory) ?? Empty;
        }
        catch (JsonException)
        {
            return Empty;
        }
    }
}

[JsonSerializable(typeof(EnhancementMemory))]
[JsonSerializable(typeof(Dictionary<string, RememberedDescription>))]
internal sealed partial class MemoryJsonContext : JsonSerializerContext;
