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
/// Where the SIP server hands Sos what stations send it (not in the kiosks' OpenAPI document: only the SIP server calls
/// these, with <c>Sos:Stations:PressToken</c>).
/// <para>A press, <c>POST /api/v1/stations/presses</c>: the form carries what the station sent: <c>method</c> (MESSAGE,
/// INFO, or INVITE: a call is a press whatever its body), <c>from</c> (its From
/// URI), <c>source</c> and <c>sourcePort</c> (the address and port it came from), <c>callId</c>, <c>cseq</c>,
/// <c>pressId</c> (its <c>X-Sos-Press-Id</c>, if any), <c>body</c> (hex) and <c>length</c> (its Content-Length). The
/// answer is 202 with the call id as plain text (the SIP server answers the station <c>202 Accepted</c>, an INVITE
/// <c>480</c> since Sos calls it back), or a problem
/// whose status the SIP server answers: 404 for a request from no SIP intercom, 409 for one several intercoms could have
/// sent (SIP's 485 Ambiguous), 400 for a body that is not the press code.</para>
/// <para>A registration, <c>POST /api/v1/stations/registrations</c>: the form carries the REGISTER's <c>aor</c> (its To
/// URI) and <c>source</c>; the answer is 200 with the station's SIP password as plain text, which the SIP server checks
/// the REGISTER's digest against, or a problem (404 no registering intercom has that address of record, 409 several
/// have, or it has no password yet): the SIP server then refuses the REGISTER (403) and logs why.</para>
/// </summary>
public static class SipServerEndpoints
{
    /// <summary>The presses' path, under the device API's prefix.</summary>
    public const string PressPath = DeviceApiEndpoints.Prefix + "/stations/presses";

    /// <summary>The registrations' path, under the device API's prefix.</summary>
    public const string RegistrationPath = DeviceApiEndpoints.Prefix + "/stations/registrations";

    /// <summary>Maps the endpoints.</summary>
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        foreach (var (path, handler) in new (string, Delegate)[] { (PressPath, PressAsync), (RegistrationPath, RegistrationAsync) })
        {
            endpoints.MapPost(path, handler)
                .AllowAnonymous() // the SIP server authenticates with the press token, not the host's sign-in
                .AddEndpointFilter<DeviceApiExceptionFilter>()
                .ExcludeFromDescription()
                .DisableAntiforgery();
        }
    }

    /// <summary>A request the SIP server did not make (no token here, the wrong one, not a form); null for one it did.</summary>
    private static IResult? NotFromTheSipServer(HttpContext context)
    {
        var token = context.RequestServices.GetService<StationPressToken>();
        if (token?.Value is null)
        {
            return DeviceApiProblems.Problem(StatusCodes.Status503ServiceUnavailable, "sip-presses-off", "This host takes no presses or registrations over SIP: set Sos:Stations:PressToken here and in the SIP server.");
        }

        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || !token.Accepts(header["Bearer ".Length..].Trim()))
        {
            return DeviceApiProblems.Unauthorized(context, "press-token-wrong", "Send Sos:Stations:PressToken as 'Authorization: Bearer <token>'.");
        }

        return context.Request.HasFormContentType
            ? null
            : DeviceApiProblems.Problem(StatusCodes.Status415UnsupportedMediaType, "form-expected", "Send the station's request as application/x-www-form-urlencoded.");
    }

    private static async Task<IResult> RegistrationAsync(HttpContext context, IGrainFactory grains, IOptions<DeviceApiOptions> options)
    {
        if (NotFromTheSipServer(context) is { } refused)
        {
            return refused;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var aor = form["aor"].ToString();
        if (aor.Length == 0)
        {
            return DeviceApiProblems.BadRequest("station-request-incomplete", "The form needs aor: the REGISTER's To URI.");
        }

        var timeout = options.Value.RequestTimeout;
        var registrants = await grains.GetGrain<IStationSupervisorGrain>(0).RegistrantsOfAsync(aor).WaitAsync(timeout, context.RequestAborted);
        if (registrants.Count > 1)
        {
            return DeviceApiProblems.Problem(StatusCodes.Status409Conflict, "station-ambiguous",
                $"The SIP intercoms of kiosks {string.Join(", ", registrants)} all register as {aor}: give each its own SIP user.");
        }

        if (registrants is not [var kioskId])
        {
            return DeviceApiProblems.Problem(StatusCodes.Status404NotFound, "station-unknown", $"No SIP intercom that registers is {aor}.");
        }

        if (await grains.GetKiosk(kioskId).SipPasswordAsync().WaitAsync(timeout, context.RequestAborted) is not { } password)
        {
            return DeviceApiProblems.Problem(StatusCodes.Status409Conflict, "sip-password-missing", $"Kiosk {kioskId}'s SIP intercom has no password yet: set it on the kiosk's page.");
        }

        return TypedResults.Text(password, "text/plain", Encoding.UTF8, StatusCodes.Status200OK);
    }

    private static async Task<IResult> PressAsync(HttpContext context, IGrainFactory grains, IOptions<DeviceApiOptions> options)
    {
        if (NotFromTheSipServer(context) is { } refused)
        {
            return refused;
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

        // A station's INVITE is its call for help itself: its body is its offer, not a press code.
        var invite = string.Equals(Field("method"), "INVITE", StringComparison.Ordinal);
        if (!invite && !StationPresses.IsPress(station, body))
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
