using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Sos.Grains.Abstractions;
using Sos.Grains.Media;

namespace Sos.Silo.DeviceApi;

/// <summary>
/// The device API's media signalling: a kiosk publishes its camera and microphone (its SDP offer in, the media
/// server's answer out) and receives the operator's voice (the media server's offer out, the kiosk's answer in), one
/// request per step, no trickle. Only Sos talks to the media server's API.
/// </summary>
public static partial class DeviceApiEndpoints
{
    private static void MapMedia(RouteGroupBuilder kiosk)
    {
        kiosk.MapGet("/calls/{callId}/media", GetMediaAsync)
            .WithName("GetCallMedia")
            .WithSummary("The call's media: its state and the ICE servers to use")
            .WithDescription("Publish at once after the press (recording starts with the first packet); once operatorAudio is true, ask for the operator's voice.")
            .Produces<KioskMediaView>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status409Conflict);

        kiosk.MapPost("/calls/{callId}/media/publish", PublishAsync)
            .WithName("PublishMedia")
            .WithSummary("Send the kiosk's camera and microphone: an SDP offer in, the media server's SDP answer out")
            .WithDescription(
                "Gather every ICE candidate first (no trickle). Publishing again replaces the kiosk's previous leg (after a reload or a " +
                "lost connection). A malformed SDP is a 400, another kiosk's call a 404, a call that has ended a 409 (call-ended); when no " +
                "media server can take the call, 503 (media-unavailable): the call goes on, try again after Retry-After.")
            .Accepts<SdpBody>("application/json")
            .Produces<SdpBody>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        kiosk.MapPost("/calls/{callId}/media/receive", ReceiveAsync)
            .WithName("ReceiveMedia")
            .WithSummary("Ask for the operator's voice: the media server's SDP offer out")
            .WithDescription("Answer the offer at legs/{legId}/answer. Before the operator's microphone is on the call: 409 operator-audio-not-ready with Retry-After. No body.")
            .Produces<MediaLegView>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status409Conflict);

        kiosk.MapPost("/calls/{callId}/media/legs/{legId}/answer", AnswerAsync)
            .WithName("AnswerMedia")
            .WithSummary("The kiosk's SDP answer to a leg the media server offered")
            .Accepts<SdpBody>("application/json")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
    }

    private static async Task<IResult> GetMediaAsync(string kioskId, string callId, HttpContext context, IGrainFactory grains, KioskAuthenticator authenticator, IOptions<DeviceApiOptions> options, IOptions<MediaOptions> media)
    {
        var (id, refused) = await RefuseMediaAsync(kioskId, callId, context, grains, authenticator, options.Value.RequestTimeout, mayHaveEnded: true);
        if (refused is not null)
        {
            return refused;
        }

        var session = await grains.GetMediaSession(id).GetAsync().WaitAsync(options.Value.RequestTimeout, context.RequestAborted);
        return TypedResults.Ok(new KioskMediaView(session.Status, session.Problem, session.OperatorLive, IceServers(media.Value), session.OperatorVoice, session.Rooms));
    }

    private static async Task<IResult> PublishAsync(string kioskId, string callId, HttpContext context, IGrainFactory grains, KioskAuthenticator authenticator, IOptions<DeviceApiOptions> options)
    {
        var (id, refused) = await RefuseMediaAsync(kioskId, callId, context, grains, authenticator, options.Value.RequestTimeout);
        if (refused is not null)
        {
            return refused;
        }

        var (body, problem) = await ReadSdpAsync(context);
        if (problem is not null)
        {
            return problem;
        }

        var answer = await grains.GetMediaSession(id).PublishAsync(MediaFeed.Caller, null, body!).WaitAsync(options.Value.RequestTimeout, context.RequestAborted);
        return TypedResults.Ok(new SdpBody(answer));
    }

    private static async Task<IResult> ReceiveAsync(string kioskId, string callId, HttpContext context, IGrainFactory grains, KioskAuthenticator authenticator, IOptions<DeviceApiOptions> options)
    {
        var (id, refused) = await RefuseMediaAsync(kioskId, callId, context, grains, authenticator, options.Value.RequestTimeout);
        if (refused is not null)
        {
            return refused;
        }

        return await ReceiveOperatorVoiceAsync(grains, id, kioskId, context, options.Value.RequestTimeout);
    }

    /// <summary>
    /// The media server's offer of the operator's voice to the caller <paramref name="party"/> of call
    /// <paramref name="callId"/> (a kiosk, a citizen's phone), or 409 <c>operator-audio-not-ready</c> with Retry-After.
    /// </summary>
    internal static async Task<IResult> ReceiveOperatorVoiceAsync(IGrainFactory grains, Guid callId, string party, HttpContext context, TimeSpan timeout)
    {
        var offer = await grains.GetMediaSession(callId).SubscribeAsync(MediaFeed.Operator, party).WaitAsync(timeout, context.RequestAborted);
        if (offer is null)
        {
            context.Response.Headers.RetryAfter = "1";
            return DeviceApiProblems.Problem(StatusCodes.Status409Conflict, "operator-audio-not-ready", "The operator's microphone is not on the call yet; ask again after Retry-After.");
        }

        return TypedResults.Ok(new MediaLegView(offer.LegId, offer.Sdp));
    }

    private static async Task<IResult> AnswerAsync(string kioskId, string callId, string legId, HttpContext context, IGrainFactory grains, KioskAuthenticator authenticator, IOptions<DeviceApiOptions> options)
    {
        var (id, refused) = await RefuseMediaAsync(kioskId, callId, context, grains, authenticator, options.Value.RequestTimeout);
        if (refused is not null)
        {
            return refused;
        }

        if (legId.Length is 0 or > 64)
        {
            return DeviceApiProblems.BadRequest("leg-id-invalid", "A leg id is the one media/receive answered with.");
        }

        var (body, problem) = await ReadSdpAsync(context);
        if (problem is not null)
        {
            return problem;
        }

        await grains.GetMediaSession(id).AnswerAsync(legId, body!).WaitAsync(options.Value.RequestTimeout, context.RequestAborted);
        return TypedResults.NoContent();
    }

    /// <summary>The call id, or the problem to answer: a malformed id, no secret, another kiosk's call (404), a call that is over (409).</summary>
    private static async Task<(Guid Id, IResult? Problem)> RefuseMediaAsync(string kioskId, string callId, HttpContext context, IGrainFactory grains, KioskAuthenticator authenticator, TimeSpan timeout, bool mayHaveEnded = false)
    {
        if ((RefuseCallId(callId, out var id) ?? await RefuseAsync(context, kioskId, authenticator, timeout)) is { } refused)
        {
            return (id, refused);
        }

        var call = await grains.GetCall(id).GetAsync().WaitAsync(timeout, context.RequestAborted);
        if (!call.Exists || call.KioskId != kioskId)
        {
            throw new UnknownCallException(id, $"is not a call of kiosk '{kioskId}'");
        }

        if (!mayHaveEnded && !call.IsOpen)
        {
            return (id, DeviceApiProblems.Problem(StatusCodes.Status409Conflict, "call-ended", $"Call {id} is {call.Status.ToString().ToLowerInvariant()}: its media is over."));
        }

        return (id, null);
    }

    /// <summary>An SDP body, or the problem to answer (malformed, too large, not a session description).</summary>
    internal static async Task<(string? Sdp, IResult? Problem)> ReadSdpAsync(HttpContext context)
    {
        var (body, problem) = await DeviceApiBody.ReadAsync<SdpBody>(context.Request, MediaSdp.MaxLength + 1024);
        if (problem is not null)
        {
            return (null, problem);
        }

        return MediaSdp.IsValid(body!.Sdp)
            ? (body.Sdp, null)
            : (null, DeviceApiProblems.BadRequest("sdp-invalid", "\"sdp\" must be a complete session description: \"v=0\" first, at least one \"m=\" line, all candidates gathered."));
    }

    /// <summary>The ICE servers a caller's browser uses (the TURN server of the installation, if any).</summary>
    internal static IReadOnlyList<IceServerView> IceServers(MediaOptions media) =>
        media.Turn.Urls.Length == 0 ? [] : [new IceServerView(media.Turn.Urls, media.Turn.Username, media.Turn.Credential)];
}
