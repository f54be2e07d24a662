using LlmsTxt.TestSites;
using Microsoft.AspNetCore.Http;

using Microsoft.AspNetCore.Builder;

namespace LlmsTxt.Core.Tests.Support;

/// <summary>A site whose pages are empty shells filled in by a script: only a browser sees their text.</summary>
internal static class JsOnlySite
{
    public static Task<TestWebServer> StartAsync() => TestWebServer.StartAsync(app =>
    {
        app.MapGet("/robots.txt", () => Results.NotFound());
        app.MapGet("/", () => Shell("Home"));
        app.MapGet("/guide", () => Shell("Guide"));
        app.MapGet("/app.js", () => Results.Content(
            "const name = document.body.dataset.page;" +
            "const words = ' Rendered text explains the product in enough words for the extractor to keep it.'.repeat(8);" +
            "document.title = 'Rendered ' + name.toLowerCase();" +
            "const meta = document.createElement('meta'); meta.name = 'description'; meta.content = 'The rendered ' + name.toLowerCase() + ' page.'; document.head.append(meta);" +
            "document.getElementById('app').innerHTML = '<nav><a href=\"/\">Home</a> <a href=\"/guide\">Guide</a></nav><main><h1>Rendered ' + name.toLowerCase() + '</h1><p>' + words + '</p></main>';",
            "text/javascript"));
    });

    private static IResult Shell(string page) => Results.Content(
        $"<!doctype html><html><head><title>Loading</title></head><body data-page=\"{page}\"><div id=\"app\"></div><script src=\"/app.js\"></script></body></html>",
        "text/html; charset=utf-8");
}
