namespace LlmsTxt.Server.Publishing;

/// <summary>
/// The one rule for a hosted file's public URL: with <c>PUBLIC_BASE_URL</c> set, or with a bucket (which has its
/// own public address), the store's URL; otherwise the local store's file is linked on the origin the site was
/// published from (scheme, host, port and path base the person reached this server at), so the link works
/// behind port mappings and with <c>PORT=0</c>, and stays the same when the scheduler republishes the site.
/// </summary>
/// <param name="StoreOwnsUrls">True when the store's URL is authoritative (<c>PUBLIC_BASE_URL</c> set, or not the local store).</param>
public sealed record PublicUrlRule(bool StoreOwnsUrls)
{
    public Uri For(string key, string storeUrl, string? origin) =>
        StoreOwnsUrls || string.IsNullOrEmpty(origin) ? new Uri(storeUrl) : new Uri($"{origin.TrimEnd('/')}/{key}");
}
