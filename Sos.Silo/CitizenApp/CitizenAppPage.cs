using System.Resources;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;
using Sos.Grains.Abstractions;

namespace Sos.Silo.CitizenApp;

/// <summary>
/// The citizen app at <c>/app</c>: a mobile-first page over the citizen API (an SOS with the phone's place, camera and
/// microphone, a silent SOS with chat only, a report with files, and the status of what was sent), installable as a
/// PWA. Served by every host that serves the citizen API; it needs a secure origin for the camera, the place and the
/// files' hashes (HTTPS, or loopback). It starts in the language the citizen chose on this phone before, else the
/// browser's (Russian, Kazakh or English), else Russian.
/// </summary>
public static class CitizenAppPage
{
    private static readonly EmbeddedPage Page = new("Sos.Silo.CitizenApp", new ResourceManager("Sos.Silo.CitizenApp.AppWords", typeof(CitizenAppPage).Assembly));

    /// <summary>The app's words, by key, in each language.</summary>
    public static ResourceManager Words => Page.Words;

    /// <summary>Maps the page, its assets, its manifest and its service worker.</summary>
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var app = endpoints.MapGroup("/app").AllowAnonymous().ExcludeFromDescription();
        app.MapGet(string.Empty, (HttpRequest request) => Results.Content(Page.Render("app.html", LanguageOf(request)), "text/html; charset=utf-8"));
        app.MapGet("/assets/app.js", () => Page.Asset("app.js", "text/javascript; charset=utf-8"));
        app.MapGet("/assets/sos-webrtc.js", () => EmbeddedPage.SharedScript("sos-webrtc.js"));
        app.MapGet("/assets/app.css", () => Page.Asset("app.css", "text/css; charset=utf-8"));
        app.MapGet("/assets/icon.svg", () => Page.Asset("icon.svg", "image/svg+xml"));
        app.MapGet("/sw.js", (HttpResponse response) =>
        {
            // The worker lives under /app/ but serves the page /app itself.
            response.Headers["Service-Worker-Allowed"] = "/app";
            response.Headers[HeaderNames.CacheControl] = "no-cache";
            return Page.Asset("sw.js", "text/javascript; charset=utf-8");
        });
        app.MapGet("/manifest.webmanifest", (HttpRequest request) =>
        {
            var language = LanguageOf(request);
            var manifest = new Dictionary<string, object>
            {
                ["name"] = Page.Word("App.Title", language),
                ["short_name"] = "102",
                ["lang"] = language,
                ["start_url"] = "/app",
                ["scope"] = "/app",
                ["display"] = "standalone",
                ["background_color"] = "#f3f5f9",
                ["theme_color"] = "#0b3d91",
                ["icons"] = new[] { new Dictionary<string, string> { ["src"] = "/app/assets/icon.svg", ["sizes"] = "any", ["type"] = "image/svg+xml", ["purpose"] = "any" } },
            };
            return Results.Content(JsonSerializer.Serialize(manifest), "application/manifest+json");
        });
    }

    /// <summary>The word of <paramref name="key"/> in <paramref name="language"/>.</summary>
    public static string Word(string key, string language) => Page.Word(key, language);

    /// <summary><c>?lang=</c>, else the first of the browser's languages Sos speaks, else Russian.</summary>
    private static string LanguageOf(HttpRequest request)
    {
        if (request.Query["lang"].FirstOrDefault() is { } asked && Languages.IsSupported(asked))
        {
            return asked;
        }

        var accepted = request.GetTypedHeaders().AcceptLanguage
            .OrderByDescending(l => l.Quality ?? 1)
            .Select(l => l.Value.Value?.Split('-')[0].ToLowerInvariant())
            .FirstOrDefault(Languages.IsSupported);
        return accepted ?? Languages.Russian;
    }
}
