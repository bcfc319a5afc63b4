using System.Net;
using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Sos.Grains.Abstractions;

namespace Sos.Silo.Kiosk;

/// <summary>
/// The browser kiosk at <c>/kiosk/{kioskId}</c>: the page a panel PC in kiosk mode (or a drill's "virtual kiosk")
/// shows, served by every host that serves the device API. It is plain HTML and JavaScript over the device API, with
/// the kiosk's own secret (entered once, kept by the browser); it needs a secure origin for the camera (HTTPS, or
/// loopback).
/// </summary>
public static class KioskPage
{
    private static readonly Assembly Assembly = typeof(KioskPage).Assembly;

    /// <summary>Maps the page and its two assets.</summary>
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var page = endpoints.MapGroup("/kiosk").AllowAnonymous().ExcludeFromDescription();
        page.MapGet("/assets/kiosk.js", () => Asset("kiosk.js", "text/javascript; charset=utf-8"));
        page.MapGet("/assets/kiosk.css", () => Asset("kiosk.css", "text/css; charset=utf-8"));
        page.MapGet("/{kioskId}", PageAsync);
    }

    private static async Task<IResult> PageAsync(string kioskId, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (!KioskIds.IsValid(kioskId))
        {
            return Results.Content("<!DOCTYPE html><title>Unknown kiosk</title><p>No such call point.</p>", "text/html; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
        }

        var kiosk = await grains.GetKiosk(kioskId).GetAsync().WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
        if (!kiosk.IsRegistered)
        {
            return Results.Content($"<!DOCTYPE html><title>Unknown kiosk</title><p>Call point {WebUtility.HtmlEncode(kioskId)} is not registered.</p>", "text/html; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
        }

        var html = Read("kiosk.html")
            .Replace("{{kioskId}}", WebUtility.HtmlEncode(kioskId), StringComparison.Ordinal)
            .Replace("{{name}}", WebUtility.HtmlEncode(kiosk.Registration?.Name ?? kioskId), StringComparison.Ordinal)
            .Replace("{{address}}", WebUtility.HtmlEncode(kiosk.Registration?.Address ?? string.Empty), StringComparison.Ordinal);
        return Results.Content(html, "text/html; charset=utf-8");
    }

    private static IResult Asset(string name, string contentType) => Results.Content(Read(name), contentType);

    private static string Read(string name)
    {
        using var stream = Assembly.GetManifestResourceStream($"Sos.Silo.Kiosk.{name}") ?? throw new FileNotFoundException(name);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
