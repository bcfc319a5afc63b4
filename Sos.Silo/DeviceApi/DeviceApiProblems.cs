using System.Globalization;
using System.Resources;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Sos.Grains.Abstractions;

namespace Sos.Silo.DeviceApi;

/// <summary>
/// Every error of the device API: <c>application/problem+json</c> with a <c>title</c>, a <c>detail</c> and a stable,
/// machine-readable <c>reason</c> (also in <c>type</c> as <c>urn:sos:device-api:&lt;reason&gt;</c>). Never a stack trace.
/// A request whose <c>Accept-Language</c> asks for Russian or Kazakh gets its <c>title</c> and <c>detail</c> in that
/// language (from <c>ProblemWords*.resx</c>, worded per reason); the <c>reason</c> is the same in every language.
/// </summary>
public static class DeviceApiProblems
{
    /// <summary>The scheme named in <c>WWW-Authenticate</c>.</summary>
    public const string AuthenticateChallenge = "Bearer realm=\"sos-device-api\"";

    /// <summary>A problem with <paramref name="status"/>, <paramref name="reason"/> and <paramref name="detail"/>.</summary>
    public static IResult Problem(int status, string reason, string detail) => new WordedProblem(status, reason, detail);

    /// <summary>The words of problems in Russian and Kazakh, by <c>Title.&lt;status&gt;</c> and <c>Detail.&lt;reason&gt;</c>.</summary>
    public static readonly ResourceManager Words = new("Sos.Silo.DeviceApi.ProblemWords", typeof(DeviceApiProblems).Assembly);

    /// <summary>The language a request asks for, of those Sos words problems in besides English; null for English.</summary>
    public static CultureInfo? AskedLanguage(HttpRequest request)
    {
        if (!StringWithQualityHeaderValue.TryParseList(request.Headers.AcceptLanguage, out var asked))
        {
            return null;
        }

        foreach (var language in asked.OrderByDescending(a => a.Quality ?? 1))
        {
            var code = language.Value.Value?.Split('-')[0].ToLowerInvariant();
            if (code == Languages.English)
            {
                return null;
            }

            if (code is Languages.Russian or Languages.Kazakh)
            {
                return CultureInfo.GetCultureInfo(code);
            }
        }

        return null;
    }

    /// <summary>A problem worded as it is answered, in the language the request asks for.</summary>
    private sealed class WordedProblem(int status, string reason, string detail) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var language = AskedLanguage(httpContext.Request);
            var title = ReasonPhrases.GetReasonPhrase(status);
            var said = detail;
            if (language is not null)
            {
                title = Words.GetString($"Title.{status}", language) ?? title;
                said = Words.GetString($"Detail.{reason}", language) ?? said;
                httpContext.Response.Headers.ContentLanguage = language.Name;
            }

            return TypedResults.Problem(
                detail: said,
                statusCode: status,
                title: title,
                type: $"urn:sos:device-api:{reason}",
                extensions: new Dictionary<string, object?> { ["reason"] = reason }).ExecuteAsync(httpContext);
        }
    }

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
