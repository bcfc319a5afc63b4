using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Sos.Silo.DeviceApi;

/// <summary>
/// Every error of the device API: <c>application/problem+json</c> with a <c>title</c>, a <c>detail</c> and a stable,
/// machine-readable <c>reason</c> (also in <c>type</c> as <c>urn:sos:device-api:&lt;reason&gt;</c>). Never a stack trace.
/// </summary>
public static class DeviceApiProblems
{
    /// <summary>The scheme named in <c>WWW-Authenticate</c>.</summary>
    public const string AuthenticateChallenge = "Bearer realm=\"sos-device-api\"";

    /// <summary>A problem with <paramref name="status"/>, <paramref name="reason"/> and <paramref name="detail"/>.</summary>
    public static IResult Problem(int status, string reason, string detail) =>
        TypedResults.Problem(
            detail: detail,
            statusCode: status,
            title: ReasonPhrases.GetReasonPhrase(status),
            type: $"urn:sos:device-api:{reason}",
            extensions: new Dictionary<string, object?> { ["reason"] = reason });

    /// <summary>400: the request is malformed.</summary>
    public static IResult BadRequest(string reason, string detail) => Problem(StatusCodes.Status400BadRequest, reason, detail);

    /// <summary>401: no secret, or not the kiosk's secret. Sets <c>WWW-Authenticate</c>.</summary>
    public static IResult Unauthorized(HttpContext context, string reason, string detail)
    {
        context.Response.Headers.WWWAuthenticate = AuthenticateChallenge;
        return Problem(StatusCodes.Status401Unauthorized, reason, detail);
    }

    /// <summary>503: Sos cannot take the request now; nothing was acknowledged. Sets <c>Retry-After</c>.</summary>
    public static IResult Unavailable(HttpContext context, int retryAfterSeconds, string detail)
    {
        context.Response.Headers.RetryAfter = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Problem(StatusCodes.Status503ServiceUnavailable, "unavailable", detail);
    }

    /// <summary>The reason named for a status code the framework chose (no endpoint, wrong method).</summary>
    public static string ReasonFor(int status) => status switch
    {
        StatusCodes.Status404NotFound => "not-found",
        StatusCodes.Status405MethodNotAllowed => "method-not-allowed",
        StatusCodes.Status413PayloadTooLarge => "body-too-large",
        StatusCodes.Status415UnsupportedMediaType => "unsupported-media-type",
        StatusCodes.Status503ServiceUnavailable => "unavailable",
        _ => "bad-request",
    };
}
