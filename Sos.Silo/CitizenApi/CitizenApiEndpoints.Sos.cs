using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sos.Grains.Abstractions;
using Sos.Grains.Citizens;
using Sos.Grains.Media;
using Sos.Silo.DeviceApi;

namespace Sos.Silo.CitizenApi;

/// <summary>
/// The citizen API's SOS: a phone's SOS is a call in the same routing queue as kiosk presses, idempotent by the app's
/// request id, never refused for what it says nor rate-limited nor blocked. The answer carries the session's secret;
/// every later request of the session (its status, its fixes, the chat, cancel, media) sends it as a bearer token.
/// </summary>
public static partial class CitizenApiEndpoints
{
    /// <summary>The longest SOS body.</summary>
    public const int MaxSosBytes = 16 * 1024;

    private static void MapSos(RouteGroupBuilder api)
    {
        api.MapPost("/sos", StartSosAsync)
            .WithName("StartSos")
            .WithSummary("Call for help: the SOS rings the operators like a kiosk's press")
            .WithDescription(
                "Answered 202 once the SOS and its call are durable, with the session's id and secret. The same deviceId and " +
                "clientRequestId again return the same session (and secret); other contents under the same clientRequestId are a 409. " +
                "An SOS is never refused for a field out of range: the field is left out and named in 'ignored'. Never rate-limited, " +
                "never blocked. A silent SOS (the citizen cannot speak) is more urgent and the operator is told to chat.")
            .Accepts<SosBody>("application/json")
            .Produces<SessionView>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        var session = api.MapGroup("/sessions/{sessionId}")
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        session.MapGet(string.Empty, GetSessionAsync)
            .WithName("GetSosSession")
            .WithSummary("Follow an SOS: its status, what the citizen was told and the chat")
            .Produces<SessionView>(StatusCodes.Status200OK);
        session.MapGet("/events", SessionEventsAsync)
            .WithName("FollowSosSession")
            .WithSummary("The SOS's status as a server-sent-events stream")
            .WithDescription(
                "accepted, operator-joined, message (the operator's), cancelled, closed (the call ended); then, for the incident the call is about, " +
                "incident (its number), patrol-dispatched (etaMinutes when known), on-scene, incident-closed (the public note); each event's id is its sequence number. " +
                "Reconnect with Last-Event-ID (or ?after=N) to resume after the last event seen. The stream ends when the call is over and its incident (if any) closed.")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream");
        session.MapPost("/locations", LocateAsync)
            .WithName("UpdateSosLocation")
            .WithSummary("A new fix of the phone (send one every few seconds while the call is on), with its battery")
            .Accepts<SosLocationBody>("application/json")
            .Produces<SessionView>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status409Conflict);
        session.MapPost("/attachments", DeclareSosAttachmentAsync)
            .WithName("DeclareSosAttachment")
            .WithSummary("Declare a photo, video or voice message for the chat (type, size, SHA-256), then PUT its bytes")
            .WithDescription(
                "Answered 201 with its number and where to upload it; the same file again (type, size and SHA-256) gets the same number. " +
                "A report's limits; at most 20 files per SOS. Send it in a message with attachmentIds once declared; the operator sees it once stored.")
            .Accepts<AttachmentBody>("application/json")
            .Produces<AttachmentView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status409Conflict);
        session.MapPut("/attachments/{attachmentId:int}", UploadSosAttachmentAsync)
            .WithName("UploadSosAttachment")
            .WithSummary("Upload the bytes of a declared chat file (Content-Type as declared); checked against its declaration, kept as evidence once")
            .Produces<AttachmentStored>(StatusCodes.Status201Created)
            .Produces<AttachmentStored>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        session.MapPost("/messages", SayAsync)
            .WithName("SendSosMessage")
            .WithSummary("A chat message from the citizen to the operator: text, declared files (attachmentIds), or both")
            .Accepts<ChatBody>("application/json")
            .Produces<SessionView>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status409Conflict);
        session.MapPost("/cancel", CancelSosAsync)
            .WithName("CancelSos")
            .WithSummary("The citizen hangs up: before an answer the call is abandoned (and called back); after it, the operator is told")
            .Produces<SessionView>(StatusCodes.Status200OK);

        session.MapGet("/media", SessionMediaAsync)
            .WithName("GetSosMedia")
            .WithSummary("The call's media: its state and the ICE servers to use (as a kiosk's)")
            .Produces<KioskMediaView>(StatusCodes.Status200OK);
        session.MapPost("/media/publish", SessionPublishAsync)
            .WithName("PublishSosMedia")
            .WithSummary("Send the phone's camera (if shared) and microphone: an SDP offer in, the media server's SDP answer out")
            .WithDescription("As a kiosk's publish: no trickle; 503 media-unavailable when no media server can take it (the call goes on).")
            .Accepts<SdpBody>("application/json")
            .Produces<SdpBody>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status409Conflict);
        session.MapPost("/media/receive", SessionReceiveAsync)
            .WithName("ReceiveSosMedia")
            .WithSummary("Ask for the operator's voice: the media server's SDP offer out (409 operator-audio-not-ready before it is on)")
            .Produces<MediaLegView>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status409Conflict);
        session.MapPost("/media/legs/{legId}/answer", SessionAnswerAsync)
            .WithName("AnswerSosMedia")
            .WithSummary("The phone's SDP answer to a leg the media server offered")
            .Accepts<SdpBody>("application/json")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> StartSosAsync(HttpContext context, IGrainFactory grains, IOptions<CitizenOptions> citizen, IOptions<DeviceApiOptions> options)
    {
        var (body, problem) = await DeviceApiBody.ReadAsync<SosBody>(context.Request, MaxSosBytes);
        if (problem is not null)
        {
            return problem;
        }

        if (body!.ClientRequestId is not { } requestId || requestId == Guid.Empty || !CitizenIds.IsValidDevice(body.DeviceId))
        {
            return DeviceApiProblems.BadRequest("sos-invalid", "An SOS needs \"clientRequestId\" (a UUID the app makes, so a retry finds the same call) and \"deviceId\" (8–128 letters, digits, '-', '_', '.' or ':').");
        }

        var request = new CitizenSosRequest(
            body.DeviceId!, requestId, body.Name, body.Phone, body.Anonymous ?? false, body.Silent ?? false, body.Category,
            LocationOf(body.Location?.Latitude, body.Location?.Longitude, body.Location?.Accuracy, body.Location?.Method, body.Location?.FixAt, body.Location is not null),
            body.Language ?? Languages.Russian, body.Battery, body.Video ?? true);
        var sessionId = CitizenIds.Sos(request.DeviceId, requestId);
        var started = await grains.GetCitizenSession(sessionId).StartAsync(request, citizen.Value.CentreId).WaitAsync(options.Value.RequestTimeout, context.RequestAborted);
        return TypedResults.Accepted($"{Prefix}/sessions/{sessionId}", ViewOf(started, withSecret: true));
    }

    private static async Task<IResult> GetSessionAsync(string sessionId, HttpContext context, IGrainFactory grains, IOptions<DeviceApiOptions> options)
    {
        var (session, refused) = await AuthenticateAsync(sessionId, context, grains, options.Value.RequestTimeout);
        return refused ?? TypedResults.Ok(ViewOf(session!, withSecret: false));
    }

    private static async Task<IResult> SessionEventsAsync(string sessionId, HttpContext context, IGrainFactory grains, IOptions<DeviceApiOptions> options)
    {
        var (session, refused) = await AuthenticateAsync(sessionId, context, grains, options.Value.RequestTimeout);
        if (refused is not null)
        {
            return refused;
        }

        if (ResumeAfter(context) is not { } after)
        {
            return DeviceApiProblems.BadRequest("last-event-id-invalid", "Last-Event-ID (or ?after=) is the number of the last event seen.");
        }

        var grain = grains.GetCitizenSession(session!.SessionId);
        return TypedResults.ServerSentEvents(FollowEventsAsync(
            async () => { var now = await grain.GetAsync(); return (now.Events, !now.IsOpen && !now.FollowsIncident); }, after, context.RequestAborted));
    }

    private static async Task<IResult> LocateAsync(string sessionId, HttpContext context, IGrainFactory grains, IOptions<DeviceApiOptions> options)
    {
        var (session, refused) = await AuthenticateAsync(sessionId, context, grains, options.Value.RequestTimeout);
        if (refused is not null)
        {
            return refused;
        }

        var (body, problem) = await DeviceApiBody.ReadAsync<SosLocationBody>(context.Request, MaxSosBytes);
        if (problem is not null)
        {
            return problem;
        }

        var fix = LocationOf(body!.Latitude, body.Longitude, body.Accuracy, body.Method, body.FixAt, true)!;
        var located = await grains.GetCitizenSession(session!.SessionId).LocateAsync(fix, body.Battery).WaitAsync(options.Value.RequestTimeout, context.RequestAborted);
        return TypedResults.Ok(ViewOf(located, withSecret: false));
    }

    private static async Task<IResult> SayAsync(string sessionId, HttpContext context, IGrainFactory grains, IOptions<DeviceApiOptions> options)
    {
        var (session, refused) = await AuthenticateAsync(sessionId, context, grains, options.Value.RequestTimeout);
        if (refused is not null)
        {
            return refused;
        }

        var (body, problem) = await DeviceApiBody.ReadAsync<ChatBody>(context.Request, MaxSosBytes);
        if (problem is not null)
        {
            return problem;
        }

        var said = await grains.GetCitizenSession(session!.SessionId).SayAsync(body!.Text ?? string.Empty, [.. body.AttachmentIds ?? []]).WaitAsync(options.Value.RequestTimeout, context.RequestAborted);
        return TypedResults.Ok(ViewOf(said, withSecret: false));
    }

    private static async Task<IResult> DeclareSosAttachmentAsync(string sessionId, HttpContext context, IGrainFactory grains, IOptions<DeviceApiOptions> options)
    {
        var (session, refused) = await AuthenticateAsync(sessionId, context, grains, options.Value.RequestTimeout);
        if (refused is not null)
        {
            return refused;
        }

        var (body, problem) = await DeviceApiBody.ReadAsync<AttachmentBody>(context.Request, MaxSosBytes);
        if (problem is not null)
        {
            return problem;
        }

        var declared = await grains.GetCitizenSession(session!.SessionId).DeclareAttachmentAsync(body!.ContentType ?? string.Empty, body.Size ?? 0, body.Sha256 ?? string.Empty).WaitAsync(options.Value.RequestTimeout, context.RequestAborted);
        var upload = $"{Prefix}/sessions/{session.SessionId}/attachments/{declared.AttachmentId}";
        var files = (await grains.GetCitizenSession(session.SessionId).GetAsync()).Caller!.Attachments;
        var stored = !files.IsDefault && files.Any(a => a.Declared.AttachmentId == declared.AttachmentId && a.StoredAt is not null);
        return TypedResults.Created(upload, new AttachmentView(declared.AttachmentId, upload, stored));
    }

    private static async Task<IResult> UploadSosAttachmentAsync(
        string sessionId, int attachmentId, HttpContext context, IGrainFactory grains, IOptions<DeviceApiOptions> options, IOptions<MediaOptions> media, ILoggerFactory loggers)
    {
        var timeout = options.Value.RequestTimeout;
        var (session, refused) = await AuthenticateAsync(sessionId, context, grains, timeout);
        if (refused is not null)
        {
            return refused;
        }

        var files = session!.Caller!.Attachments.IsDefault ? [] : session.Caller.Attachments;
        if (files.FirstOrDefault(a => a.Declared.AttachmentId == attachmentId) is not { } attachment)
        {
            return DeviceApiProblems.Problem(StatusCodes.Status404NotFound, "attachment-unknown", $"SOS {session.SessionId} declared no file {attachmentId}: declare it first.");
        }

        var declared = attachment.Declared;
        if (attachment.StoredAt is not null)
        {
            return TypedResults.Ok(new AttachmentStored(attachmentId, declared.Sha256, declared.Size));
        }

        var relative = Path.Combine("citizen", session.StartedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), session.SessionId.ToString("N"), $"{attachmentId}{Extension(declared.ContentType)}");
        var grain = grains.GetCitizenSession(session.SessionId);
        return await StoreAsync(
            context, declared, relative, $"SOS {session.SessionId}", () => grain.AttachmentStoredAsync(attachmentId, relative).WaitAsync(timeout, context.RequestAborted),
            $"{Prefix}/sessions/{session.SessionId}/attachments/{attachmentId}", options.Value, media.Value, loggers);
    }

    private static async Task<IResult> CancelSosAsync(string sessionId, HttpContext context, IGrainFactory grains, IOptions<DeviceApiOptions> options)
    {
        var (session, refused) = await AuthenticateAsync(sessionId, context, grains, options.Value.RequestTimeout);
        if (refused is not null)
        {
            return refused;
        }

        var cancelled = await grains.GetCitizenSession(session!.SessionId).CancelAsync().WaitAsync(options.Value.RequestTimeout, context.RequestAborted);
        return TypedResults.Ok(ViewOf(cancelled, withSecret: false));
    }

    private static async Task<IResult> SessionMediaAsync(string sessionId, HttpContext context, IGrainFactory grains, IOptions<DeviceApiOptions> options, IOptions<MediaOptions> media)
    {
        var (session, refused) = await AuthenticateAsync(sessionId, context, grains, options.Value.RequestTimeout);
        if (refused is not null)
        {
            return refused;
        }

        var now = await grains.GetMediaSession(session!.SessionId).GetAsync().WaitAsync(options.Value.RequestTimeout, context.RequestAborted);
        return TypedResults.Ok(new KioskMediaView(now.Status, now.Problem, now.OperatorLive, DeviceApiEndpoints.IceServers(media.Value), now.OperatorVoice, now.Rooms));
    }

    private static async Task<IResult> SessionPublishAsync(string sessionId, HttpContext context, IGrainFactory grains, IOptions<DeviceApiOptions> options)
    {
        var (session, refused) = await AuthenticateOpenAsync(sessionId, context, grains, options.Value.RequestTimeout);
        if (refused is not null)
        {
            return refused;
        }

        var (sdp, problem) = await DeviceApiEndpoints.ReadSdpAsync(context);
        if (problem is not null)
        {
            return problem;
        }

        var answer = await grains.GetMediaSession(session!.SessionId).PublishAsync(MediaFeed.Caller, null, sdp!).WaitAsync(options.Value.RequestTimeout, context.RequestAborted);
        return TypedResults.Ok(new SdpBody(answer));
    }

    private static async Task<IResult> SessionReceiveAsync(string sessionId, HttpContext context, IGrainFactory grains, IOptions<DeviceApiOptions> options)
    {
        var (session, refused) = await AuthenticateOpenAsync(sessionId, context, grains, options.Value.RequestTimeout);
        if (refused is not null)
        {
            return refused;
        }

        return await DeviceApiEndpoints.ReceiveOperatorVoiceAsync(grains, session!.SessionId, CitizenIds.Caller(session.SessionId), context, options.Value.RequestTimeout);
    }

    private static async Task<IResult> SessionAnswerAsync(string sessionId, string legId, HttpContext context, IGrainFactory grains, IOptions<DeviceApiOptions> options)
    {
        var (session, refused) = await AuthenticateOpenAsync(sessionId, context, grains, options.Value.RequestTimeout);
        if (refused is not null)
        {
            return refused;
        }

        if (legId.Length is 0 or > 64)
        {
            return DeviceApiProblems.BadRequest("leg-id-invalid", "A leg id is the one media/receive answered with.");
        }

        var (sdp, problem) = await DeviceApiEndpoints.ReadSdpAsync(context);
        if (problem is not null)
        {
            return problem;
        }

        await grains.GetMediaSession(session!.SessionId).AnswerAsync(legId, sdp!).WaitAsync(options.Value.RequestTimeout, context.RequestAborted);
        return TypedResults.NoContent();
    }

    /// <summary>The session named by the path, or the problem to answer: a malformed id (400), no such SOS (404), no or a wrong secret (401).</summary>
    private static async Task<(CitizenSessionSnapshot? Session, IResult? Problem)> AuthenticateAsync(string sessionId, HttpContext context, IGrainFactory grains, TimeSpan timeout)
    {
        if (!Guid.TryParse(sessionId, out var id) || id == Guid.Empty)
        {
            return (null, DeviceApiProblems.BadRequest("session-id-invalid", "A session id is the UUID the SOS answered with."));
        }

        var header = context.Request.Headers.Authorization.FirstOrDefault();
        if (header is null || !header.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return (null, DeviceApiProblems.Unauthorized(context, "session-secret-missing", "Send the session's secret (from the SOS's answer) as 'Authorization: Bearer <secret>'."));
        }

        var session = await grains.GetCitizenSession(id).GetAsync().WaitAsync(timeout, context.RequestAborted);
        if (!session.Exists)
        {
            return (null, DeviceApiProblems.Problem(StatusCodes.Status404NotFound, "session-unknown", $"No SOS {id} was received."));
        }

        var given = Encoding.UTF8.GetBytes(header["Bearer ".Length..].Trim());
        return CryptographicOperations.FixedTimeEquals(given, Encoding.UTF8.GetBytes(session.Secret))
            ? (session, null)
            : (null, DeviceApiProblems.Unauthorized(context, "session-secret-wrong", $"This is not the secret of SOS {id}."));
    }

    private static async Task<(CitizenSessionSnapshot? Session, IResult? Problem)> AuthenticateOpenAsync(string sessionId, HttpContext context, IGrainFactory grains, TimeSpan timeout)
    {
        var (session, refused) = await AuthenticateAsync(sessionId, context, grains, timeout);
        return refused is not null || session!.IsOpen
            ? (session, refused)
            : (null, DeviceApiProblems.Problem(StatusCodes.Status409Conflict, "session-ended", $"SOS {session.SessionId} is {session.Status.ToString().ToLowerInvariant()}: its media is over."));
    }

    /// <summary>A fix as the app sent it; fields left out are out of range, so the rules name them.</summary>
    private static CitizenLocation? LocationOf(double? latitude, double? longitude, double? accuracy, string? method, DateTimeOffset? fixAt, bool sent) => sent
        ? new CitizenLocation(latitude ?? double.NaN, longitude ?? double.NaN, accuracy ?? double.NaN, method ?? string.Empty, fixAt ?? DateTimeOffset.MinValue)
        : null;

    private static SessionView ViewOf(CitizenSessionSnapshot session, bool withSecret) => new(
        session.SessionId,
        session.Status.ToString().ToLowerInvariant(),
        session.StartedAt,
        withSecret ? session.Secret : null,
        session.Ignored.IsDefault ? [] : session.Ignored,
        [.. session.Events.Select(ViewOf)],
        [.. session.Caller!.Chat.Select(m => new ChatMessageView(m.Sequence, m.At, m.FromCitizen ? "citizen" : "operator", m.Text, m.AttachmentIds.IsDefault ? [] : m.AttachmentIds))],
        session.FollowsIncident);

    /// <summary>The number after which a status stream resumes (Last-Event-ID, or ?after=); null when malformed.</summary>
    private static int? ResumeAfter(HttpContext context)
    {
        var resume = context.Request.Headers["Last-Event-ID"].FirstOrDefault() ?? context.Request.Query["after"].FirstOrDefault();
        if (resume is null)
        {
            return 0;
        }

        return int.TryParse(resume, NumberStyles.None, CultureInfo.InvariantCulture, out var after) ? after : null;
    }
}
