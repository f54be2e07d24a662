using LlmsTxt.Core.Generation;
using LlmsTxt.Server.Publishing;

namespace LlmsTxt.Server.Crawls;

/// <summary>
/// A socket crawl's publication: never replaces a hosted file with a stopped crawl's (it is for the person who
/// stopped it), and records the site's row only when automatic updates were asked for (<c>autoUpdates</c> given: the person asked for them and the server has a registry).
/// </summary>
public sealed class SocketPublishTarget(string? origin, IAutoUpdates? autoUpdates, AutoUpdateRequest request) : IPublishTarget
{
    public string? Origin => origin;

    public string? HostedHash => null;

    /// <summary>The line shown to the person who asked for automatic updates; null when none are available.</summary>
    public string? EnrolmentLine { get; private set; }

    public ValueTask<string?> KeepHostedAsync(GenerationResult result, CancellationToken cancellationToken) =>
        ValueTask.FromResult(result.Partial ? "The partial file was not hosted (a complete crawl is needed for that); copy or download it instead." : null);

    public async Task<bool> RecordAsync(Publication publication, CancellationToken cancellationToken)
    {
        if (autoUpdates is null)
            return false;
        var answer = await autoUpdates.EnrolAsync(publication, request, cancellationToken);
        EnrolmentLine = answer.Line;
        return answer.Enrolled;
    }
}
