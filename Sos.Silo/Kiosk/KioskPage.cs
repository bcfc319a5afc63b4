using System.Globalization;
using System.Net;
using System.Resources;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Sos.Grains.Abstractions;

namespace Sos.Silo.Kiosk;

/// <summary>
/// The browser kiosk at <c>/kiosk/{kioskId}</c>: the page a panel PC in kiosk mode (or a drill's "virtual kiosk")
/// shows, served by every host that serves the device API. It is plain HTML and JavaScript over the device API, with
/// the kiosk's own secret (entered once, kept by the browser); it needs a secure origin for the camera (HTTPS, or
/// loopback). Its words come from <c>KioskWords.resx</c> (English) and its Russian and Kazakh translations: the page starts
/// in the kiosk's registered language and carries all three for its language buttons.
/// </summary>
public static class KioskPage
{
    private static readonly EmbeddedPage Page = new("Sos.Silo.Kiosk", new ResourceManager("Sos.Silo.Kiosk.KioskWords", typeof(KioskPage).Assembly));

    /// <summary>The kiosk's words, by key, in each language.</summary>
    public static ResourceManager Words => Page.Words;

    /// <summary>Maps the page and its two assets.</summary>
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var page = endpoints.MapGroup("/kiosk").AllowAnonymous().ExcludeFromDescription();
        page.MapGet("/assets/kiosk.js", () => Page.Asset("kiosk.js", "text/javascript; charset=utf-8"));
        page.MapGet("/assets/sos-webrtc.js", () => EmbeddedPage.SharedScript("sos-webrtc.js"));
        page.MapGet("/assets/kiosk.css", () => Page.Asset("kiosk.css", "text/css; charset=utf-8"));
        page.MapGet("/{kioskId}", PageAsync);
    }

    private static async Task<IResult> PageAsync(string kioskId, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (!KioskIds.IsValid(kioskId))
        {
            return Unknown(Word("Kiosk.Unknown", Languages.Russian));
        }

        var kiosk = await grains.GetKiosk(kioskId).GetAsync().WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
        if (!kiosk.IsRegistered)
        {
            return Unknown(string.Format(CultureInfo.InvariantCulture, Word("Kiosk.NotRegistered", Languages.Russian), kioskId));
        }

        var html = Page.Render("kiosk.html", kiosk.Registration!.ScreenLanguage)
            .Replace("{{kioskId}}", WebUtility.HtmlEncode(kioskId), StringComparison.Ordinal)
            .Replace("{{name}}", WebUtility.HtmlEncode(kiosk.Registration?.Name ?? kioskId), StringComparison.Ordinal)
            .Replace("{{address}}", WebUtility.HtmlEncode(kiosk.Registration?.Address ?? string.Empty), StringComparison.Ordinal);
        return Results.Content(html, "text/html; charset=utf-8");
    }

    /// <summary>The word of <paramref name="key"/> in <paramref name="language"/>.</summary>
    public static string Word(string key, string language) => Page.Word(key, language);

    private static IResult Unknown(string message) =>
        Results.Content($"<!DOCTYPE html><title>{WebUtility.HtmlEncode(Word("Kiosk.UnknownTitle", Languages.Russian))}</title><p>{WebUtility.HtmlEncode(message)}</p>", "text/html; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
}
