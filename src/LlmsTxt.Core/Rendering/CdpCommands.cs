using System.Text.Json.Serialization;
using PuppeteerSharp;

namespace LlmsTxt.Core.Rendering;

/// <summary>
/// DevTools commands we send ourselves, with generated JSON contracts. In a Native AOT image PuppeteerSharp serialises
/// only the types its own generated context lists, and <c>IPage.SetBypassServiceWorkerAsync</c>'s request is not among
/// them (it fails with "JsonTypeInfo metadata … was not provided"); the same command sent with our type works.
/// </summary>
internal static class CdpCommands
{
    /// <summary>Hands PuppeteerSharp our contracts; it reads them once, before its first message, so call this before any browser starts.</summary>
    public static void Register()
    {
        // Set at most once: PuppeteerSharp keeps the first value it saw.
        if (Puppeteer.ExtraJsonSerializerContext is null) Puppeteer.ExtraJsonSerializerContext = CdpJsonContext.Default;
    }

    /// <summary>Network.setBypassServiceWorker: a page's service worker must not answer from its cache what the site serves now.</summary>
    public static Task BypassServiceWorkerAsync(IPage page) =>
        page.Client.SendAsync("Network.setBypassServiceWorker", new BypassServiceWorkerRequest(true));
}

internal sealed record BypassServiceWorkerRequest([property: JsonPropertyName("bypass")] bool Bypass);

[JsonSerializable(typeof(BypassServiceWorkerRequest))]
internal sealed partial class CdpJsonContext : JsonSerializerContext;
