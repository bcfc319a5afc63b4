using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Sos.Grains.Abstractions;
using Sos.Grains.Stations;
using Sos.Silo.DeviceApi;

namespace Sos.Silo.Stations;

/// <summary>
/// Where the SIP server hands Sos a station's press (<c>POST /api/v1/stations/presses</c>, not in the kiosks' OpenAPI
/// document: only the SIP server calls it, with <c>Sos:Stations:PressToken</c>). The form carries what the station sent:
/// <c>from</c> (its From URI), <c>source</c> and <c>sourcePort</c> (the address and port it came from), <c>callId</c>, <c>cseq</c>, <c>pressId</c> (its
/// <c>X-Sos-Press-Id</c>, if any), <c>body</c> (hex) and <c>length</c> (its Content-Length). The answer is 202 with the
/// call id as plain text (the SIP server answers the station <c>202 Accepted</c>), or a problem whose status the SIP
/// server answers: 404 for a request from no SIP intercom, 409 for one several intercoms could have sent (SIP's 485
/// Ambiguous), 400 for a body that is not the press code.
/// </summary>
public static class StationPressEndpoints
{
    /// <summary>The path, under the device API's prefix.</summary>
    public const string Path = DeviceApiEndpoints.Prefix + "/stations/presses";

    /// <summary>Maps the endpoint.</summary>
    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost(Path, PressAsync)
            .AllowAnonymous() // the SIP server authenticates with the press token, not the host's sign-in
            .AddEndpointFilter<DeviceApiExceptionFilter>()
            .ExcludeFromDescription()
            .DisableAntiforgery();

    private static async Task<IResult> PressAsync(HttpContext context, IGrainFactory grains, IOptions<DeviceApiOptions> options)
    {
        var token = context.RequestServices.GetService<StationPressToken>();
        if (token?.Value is null)
        {
            return DeviceApiProblems.Problem(StatusCodes.Status503ServiceUnavailable, "sip-presses-off", "This host takes no presses over SIP: set Sos:Stations:PressToken here and in the SIP server.");
        }

        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || !token.Accepts(header["Bearer ".Length..].Trim()))
        {
            return DeviceApiProblems.Unauthorized(context, "press-token-wrong", "Send Sos:Stations:PressToken as 'Authorization: Bearer <token>'.");
        }

        if (!context.Request.HasFormContentType)
        {
            return DeviceApiProblems.Problem(StatusCodes.Status415UnsupportedMediaType, "form-expected", "Send the station's request as application/x-www-form-urlencoded.");
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        string Field(string name) => form[name].ToString();
        var from = Field("from");
        var source = Field("source");
        var callId = Field("callId");
        var cseq = Field("cseq");
        if (from.Length == 0 || source.Length == 0 || callId.Length == 0 || cseq.Length == 0)
        {
            return DeviceApiProblems.BadRequest("station-request-incomplete", "The form needs from, source, callId and cseq: the station's From URI, its address, and the request's Call-ID and CSeq.");
        }

        if (Body(Field("body"), Field("length")) is not { } body)
        {
            return DeviceApiProblems.BadRequest("station-body-invalid", $"\"body\" must be the request's body in hex, at most {StationPresses.MaxBody} bytes, and \"length\" its Content-Length.");
        }

        var pressId = Guid.Empty;
        if (Field("pressId") is { Length: > 0 } named && (!Guid.TryParse(named, out pressId) || pressId == Guid.Empty))
        {
            return DeviceApiProblems.BadRequest("press-id-invalid", "X-Sos-Press-Id must be a UUID (not all zeros), such as 0f8fad5b-d9cb-469f-a165-70867728950e.");
        }

        var timeout = options.Value.RequestTimeout;
        int? sourcePort = int.TryParse(Field("sourcePort"), NumberStyles.None, CultureInfo.InvariantCulture, out var port) ? port : null;
        var senders = await grains.GetGrain<IStationSupervisorGrain>(0).StationsOfAsync(from, source, sourcePort).WaitAsync(timeout, context.RequestAborted);
        if (senders.Count > 1)
        {
            return DeviceApiProblems.Problem(StatusCodes.Status409Conflict, "station-ambiguous",
                $"The SIP intercoms of kiosks {string.Join(", ", senders)} are all {from} at {source}: give each its own SIP user or port, so a press rings at its own help point.");
        }

        if (senders is not [var kioskId])
        {
            return DeviceApiProblems.Problem(StatusCodes.Status404NotFound, "station-unknown", $"No SIP intercom is registered as {from} sending from {source}.");
        }

        var kiosk = grains.GetKiosk(kioskId);
        var registration = (await kiosk.GetAsync().WaitAsync(timeout, context.RequestAborted)).Registration;
        if (registration?.Sip is not { } station)
        {
            return DeviceApiProblems.Problem(StatusCodes.Status404NotFound, "station-unknown", $"No SIP intercom is registered as {from} sending from {source}.");
        }

        if (!StationPresses.IsPress(station, body))
        {
            return DeviceApiProblems.BadRequest("press-code-wrong", $"The request's body is not kiosk {kioskId}'s press code: not taken as a press.");
        }

        if (pressId == Guid.Empty)
        {
            pressId = StationPresses.PressIdFor(kioskId, callId, cseq);
        }

        var receipt = await kiosk.PressAsync(new PressRequest(pressId, DateTimeOffset.UtcNow)).WaitAsync(timeout, context.RequestAborted);
        return TypedResults.Text(receipt.CallId.ToString(), "text/plain", Encoding.UTF8, StatusCodes.Status202Accepted);
    }

    /// <summary>The body the SIP server sent in hex, cut to its Content-Length (the server's view runs to its buffer's end).</summary>
    private static string? Body(string hex, string length)
    {
        if (hex.Length > 4 * StationPresses.MaxBody || hex.Length % 2 != 0)
        {
            return null;
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromHexString(hex);
        }
        catch (FormatException)
        {
            return null;
        }

        var count = length.Length == 0 ? bytes.Length : int.TryParse(length, NumberStyles.None, CultureInfo.InvariantCulture, out var declared) ? declared : -1;
        return count < 0 || count > bytes.Length || count > StationPresses.MaxBody ? null : Encoding.UTF8.GetString(bytes, 0, count);
    }
}
