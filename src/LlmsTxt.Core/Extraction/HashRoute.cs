namespace LlmsTxt.Core.Extraction;

/// <summary>
/// Single-page sites that route with the fragment (<c>#/guide</c>, <c>#!/guide</c>: docsify, older Angular
/// and Vue routers) have one document and many pages. Elsewhere a fragment is a place in a page and is
/// dropped; a route fragment names a page of its own, so the crawler keeps it on links found in rendered
/// pages, renders each route, and lists it with its hash URL.
/// </summary>
public static class HashRoute
{
    /// <summary>True for <c>#/x</c> or <c>#!/x</c> (a bare <c>#/</c> is the home route, i.e. the page itself).</summary>
    public static bool IsRoute(string fragment) =>
        (fragment.StartsWith("#/", StringComparison.Ordinal) && fragment.Length > 2)
        || (fragment.StartsWith("#!/", StringComparison.Ordinal) && fragment.Length > 3);

    /// <summary>The route fragment of <paramref name="url"/> (with its <c>#</c>), or "" when it has none.</summary>
    public static string Of(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return url.IsAbsoluteUri && IsRoute(url.Fragment) ? url.Fragment : "";
    }

    /// <summary><paramref name="clean"/> (a fragment-free URL) with the route of <paramref name="from"/> put back, if it had one.</summary>
    public static Uri Carry(Uri from, Uri clean)
    {
        ArgumentNullException.ThrowIfNull(clean);
        return Of(from) is { Length: > 0 } route ? new UriBuilder(clean) { Fragment = route[1..] }.Uri : clean;
    }
}
