using System.Text.Json;
using System.Text.Json.Serialization;

namespace LlmsTxt.Server.Crawls;

/// <summary>One server → client message: <c>{"type":T,"content":C}</c>.</summary>
public sealed record SocketMessage(string Type, object? Content)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public byte[] ToUtf8() => JsonSerializer.SerializeToUtf8Bytes(new Envelope(Type, Content), Json);

    private sealed record Envelope(string Type, object? Content);
}

/// <summary><c>progress</c> content.</summary>
public sealed record ProgressContent(int Crawled, int Failed, int Queued, int MaxPages);

/// <summary><c>done</c> content: pages listed in the result, pages that failed, wall-clock seconds.</summary>
public sealed record DoneContent(int Pages, int Failed, double Seconds);

/// <summary>
/// <c>validation</c> content (an extra type; clients ignore types they don't know): the validator's
/// verdict on the <c>result</c>, so the page can show it.
/// </summary>
public sealed record ValidationContent(bool Valid, IReadOnlyList<ValidationProblemContent> Problems);

public sealed record ValidationProblemContent(int Line, string Severity, string Message);
