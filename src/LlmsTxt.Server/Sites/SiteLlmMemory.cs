using LlmsTxt.Core.Enhancement;

namespace LlmsTxt.Server.Sites;

/// <summary>
/// The last LLM enhancement of each enrolled site (descriptions with the hash of what they were written from), so a
/// recrawl asks the model only about pages that changed. A cache: unreadable or missing rows mean "ask again".
/// </summary>
public sealed class SiteLlmMemory(SiteDatabase database)
{
    public async Task<EnhancementMemory> GetAsync(string baseUrl, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var json = await connection.ScalarAsync("SELECT memory FROM site_llm_memory WHERE base_url = @baseUrl", null, cancellationToken,
            Sql.Arg("baseUrl", baseUrl));
        return EnhancementMemory.FromJson(json as string);
    }

    public async Task PutAsync(string baseUrl, EnhancementMemory memory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(memory);
        await using var connection = await database.OpenAsync(cancellationToken);
        // The database's clock: an audit column only. ON CONFLICT works the same in SQLite and PostgreSQL.
        await connection.ExecuteAsync(
            """
            INSERT INTO site_llm_memory (base_url, memory, updated_at) VALUES (@baseUrl, @json, CURRENT_TIMESTAMP)
            ON CONFLICT (base_url) DO UPDATE SET memory = excluded.memory, updated_at = excluded.updated_at
            """,
            null, cancellationToken, Sql.Arg("baseUrl", baseUrl), Sql.Arg("json", memory.ToJson()));
    }
}
