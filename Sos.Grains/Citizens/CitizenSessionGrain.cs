using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sos.Grains.Abstractions;
using Sos.Grains.Routing;
using Sos.Grains.Storage;

namespace Sos.Grains.Citizens;

/// <summary>
/// One citizen SOS: the citizen's side of the call of the same id. It opens the call as a kiosk's press does (both
/// written side by side before the phone hears back), keeps the phone's fixes, the chat and what the citizen is told,
/// and gives the call a copy of the citizen with every change, so the dispatcher's screens follow them.
/// </summary>
public sealed class CitizenSessionGrain(
    [PersistentState("citizen-session", SosConstants.StateStore)] IPersistentState<CitizenSessionSnapshot> state,
    [FromKeyedServices(SosConstants.ClockKey)] TimeProvider clock,
    IOptions<CitizenOptions> options,
    ILogger<CitizenSessionGrain> logger) : Grain, ICitizenSessionGrain
{
    private Guid SessionId => this.GetPrimaryKey();

    private CitizenSessionSnapshot Current => state.RecordExists
        ? state.State
        : new(SessionId, string.Empty, default, CitizenSessionStatus.Waiting, null, [], []);

    private ICallSessionGrain Call => GrainFactory.GetCall(SessionId);

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // The call and its incident tell the session one way; a notice lost with a silo is made good from them.
        if (Current is { Exists: true } session && !session.Events.Any(e => e.Kind == CitizenStatusEvent.Kinds.IncidentClosed))
        {
            try
            {
                var call = await Call.GetAsync();
                await CallMovedAsync(call.Status);
                if (call.IncidentId is { } incidentId)
                {
                    await IncidentMovedAsync(IncidentProgress.Of(await GrainFactory.GetIncident(incidentId).GetAsync()));
                }
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "Citizen session {SessionId} could not read its call; it hears from it when it moves", SessionId);
            }
        }
    }

    /// <inheritdoc />
    public async Task<CitizenSessionSnapshot> StartAsync(CitizenSosRequest request, string centreId)
    {
        var now = clock.GetUtcNow();
        if (CitizenIds.Sos(request.DeviceId, request.ClientRequestId) != SessionId)
        {
            throw new SosDomainException("sos-invalid", $"Session {SessionId} is not the SOS of this device and client request id.");
        }

        var (kept, ignored) = CitizenSosRules.Sanitise(request, now);
        if (Current is { Exists: true } known)
        {
            if (JsonSerializer.Serialize(known.Caller!.Request) != JsonSerializer.Serialize(kept))
            {
                throw new SosDomainException("client-request-reused", $"SOS {SessionId} was received with other contents under client request id {request.ClientRequestId}: make a new id for a new SOS.", request.ClientRequestId.ToString());
            }

            // The first attempt may have stopped between writing the session and opening its call: opening is
            // idempotent, and a queued call sent to routing again changes nothing.
            await OpenCallAsync(known);
            return known;
        }

        var caller = new CitizenCaller(SessionId, centreId, kept, kept.Location, [], kept.Battery, []);
        var started = new CitizenSessionSnapshot(
            SessionId, NewSecret(), now, CitizenSessionStatus.Waiting, caller,
            [new CitizenStatusEvent(1, now, CitizenStatusEvent.Kinds.Accepted, null)], [.. ignored]);
        await Task.WhenAll(state.CommitAsync(started), OpenCallAsync(started));
        logger.LogInformation("Citizen SOS {SessionId} from device {DeviceId} rings centre {CentreId}{Silent}", SessionId, kept.DeviceId, centreId, kept.Silent ? " (silent)" : string.Empty);
        try
        {
            // After the call rings: the device's items and its proved number are for the dispatcher's eyes.
            var device = await GrainFactory.GetCitizenDevice(kept.DeviceId).NoteSosAsync(SessionId);
            if (device.Verified(kept.Phone))
            {
                started = await ChangeAsync(started with { Caller = caller with { PhoneVerified = true } });
            }
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Citizen SOS {SessionId} could not be added to device {DeviceId}'s items", SessionId, kept.DeviceId);
        }

        return started;
    }

    /// <inheritdoc />
    public Task<CitizenSessionSnapshot> GetAsync() => Task.FromResult(Current);

    /// <inheritdoc />
    public async Task<CitizenSessionSnapshot> LocateAsync(CitizenLocation location, int? battery)
    {
        var session = RequireOpen();
        if (CitizenReportRules.LocationProblems(location, clock.GetUtcNow()).ToList() is { Count: > 0 } wrong)
        {
            throw new SosDomainException("location-invalid", $"A fix needs {string.Join(", ", wrong)}.", string.Join(", ", wrong));
        }

        if (battery is < 0 or > 100)
        {
            throw new SosDomainException("location-invalid", "\"battery\" is 0–100 per cent.", "battery");
        }

        var caller = session.Caller!;
        var trail = caller.Location is { } previous ? caller.Trail.Add(previous) : caller.Trail;
        if (trail.Length > CitizenCaller.TrailKept)
        {
            trail = trail.RemoveRange(0, trail.Length - CitizenCaller.TrailKept);
        }

        return await ChangeAsync(session with { Caller = caller with { Location = location, Trail = trail, Battery = battery ?? caller.Battery } });
    }

    /// <inheritdoc />
    public Task<CitizenSessionSnapshot> SayAsync(string text, ImmutableArray<int> attachmentIds = default) =>
        ChatAsync(text, fromCitizen: true, Actors.Citizen(SessionId), attachmentIds.IsDefault ? [] : attachmentIds);

    /// <inheritdoc />
    public async Task<AttachmentDeclaration> DeclareAttachmentAsync(string contentType, long size, string sha256)
    {
        var session = RequireOpen();
        var caller = session.Caller!;
        var files = Files(caller);
        if (files.FirstOrDefault(f => f.Declared.ContentType == contentType && f.Declared.Size == size && f.Declared.Sha256 == sha256) is { } known)
        {
            return known.Declared;
        }

        var declared = new AttachmentDeclaration(files.Length + 1, contentType ?? string.Empty, size, sha256 ?? string.Empty);
        if (CitizenReportRules.AttachmentProblems(declared).ToList() is { Count: > 0 } wrong)
        {
            throw new SosDomainException("attachment-invalid", $"A file needs {string.Join(", ", wrong)}.", string.Join(", ", wrong));
        }

        if (files.Length >= CitizenCaller.MaxAttachments)
        {
            throw new SosDomainException("attachment-invalid", $"An SOS chat carries at most {CitizenCaller.MaxAttachments} files.", $"at most {CitizenCaller.MaxAttachments} files");
        }

        await ChangeAsync(session with { Caller = caller with { Attachments = files.Add(new CitizenReportAttachment(declared, null, null)) } });
        return declared;
    }

    /// <inheritdoc />
    public async Task<CitizenSessionSnapshot> AttachmentStoredAsync(int attachmentId, string path)
    {
        // An upload may finish after the call has ended: the file is kept all the same.
        var session = Current;
        var caller = session.Caller ?? throw Unknown();
        var files = Files(caller);
        var index = files.Select((f, i) => (f, i)).FirstOrDefault(x => x.f.Declared.AttachmentId == attachmentId, (null!, -1)).Item2;
        if (index < 0)
        {
            throw new SosDomainException("attachment-unknown", $"SOS {SessionId} declared no file {attachmentId}.");
        }

        if (files[index].StoredAt is not null)
        {
            return session;
        }

        return await ChangeAsync(session with { Caller = caller with { Attachments = files.SetItem(index, files[index] with { StoredAt = clock.GetUtcNow(), Path = path }) } });
    }

    /// <inheritdoc />
    public Task<CitizenSessionSnapshot> ReplyAsync(string text, string actor) => ChatAsync(text, fromCitizen: false, actor, []);

    /// <inheritdoc />
    public async Task<CitizenSessionSnapshot> CancelAsync()
    {
        var session = Current;
        if (!session.Exists)
        {
            throw Unknown();
        }

        if (!session.IsOpen)
        {
            return session;
        }

        var call = await Call.HangUpFromKioskAsync();
        var ended = call.Status == CallStatus.Abandoned
            ? Told(session, CitizenStatusEvent.Kinds.Cancelled, null) with { Status = CitizenSessionStatus.Cancelled }
            : Told(session, CitizenStatusEvent.Kinds.Closed, null) with { Status = CitizenSessionStatus.Ended };
        await state.CommitAsync(ended);
        return ended;
    }

    /// <inheritdoc />
    public async Task CallMovedAsync(CallStatus status)
    {
        var session = Current;
        if (!session.Exists || !session.IsOpen)
        {
            return;
        }

        var moved = status switch
        {
            CallStatus.Connected when session.Status == CitizenSessionStatus.Waiting =>
                Told(session, CitizenStatusEvent.Kinds.OperatorJoined, null) with { Status = CitizenSessionStatus.Connected },
            CallStatus.WrapUp or CallStatus.Closed => Told(session, CitizenStatusEvent.Kinds.Closed, null) with { Status = CitizenSessionStatus.Ended },
            CallStatus.Abandoned => Told(session, CitizenStatusEvent.Kinds.Cancelled, null) with { Status = CitizenSessionStatus.Cancelled },
            _ => session,
        };
        if (moved != session)
        {
            await state.CommitAsync(moved);
        }
    }

    /// <inheritdoc />
    public async Task IncidentMovedAsync(IncidentProgress progress)
    {
        var session = Current;
        if (!session.Exists)
        {
            return;
        }

        var told = CitizenFollowUp.Tell(session.Events, progress, options.Value.PatrolSpeedKmh, clock.GetUtcNow());
        if (told != session.Events)
        {
            await state.CommitAsync(session with { Events = told });
        }
    }

    private async Task<CitizenSessionSnapshot> ChatAsync(string text, bool fromCitizen, string author, ImmutableArray<int> attachmentIds)
    {
        var session = RequireOpen();
        var caller = session.Caller!;
        var said = text?.Trim() ?? string.Empty;
        if ((said.Length == 0 && attachmentIds.IsEmpty) || said.Length > CitizenCaller.MaxMessageLength)
        {
            throw new SosDomainException("message-invalid", $"A chat message is 1–{CitizenCaller.MaxMessageLength} characters, or files sent alone.");
        }

        if (attachmentIds.Where(id => !Files(caller).Any(f => f.Declared.AttachmentId == id)).ToList() is { Count: > 0 } undeclared)
        {
            throw new SosDomainException("message-invalid", $"File {string.Join(", ", undeclared)} was not declared: declare each file before the message that sends it.");
        }

        if (caller.Chat.Length >= CitizenCaller.ChatKept)
        {
            throw new SosDomainException("message-invalid", $"An SOS chat holds at most {CitizenCaller.ChatKept} messages.");
        }

        var message = new CitizenChatMessage(caller.Chat.Length + 1, clock.GetUtcNow(), fromCitizen, author, said, [.. attachmentIds.Distinct()]);
        var next = session with { Caller = caller with { Chat = caller.Chat.Add(message) } };
        return await ChangeAsync(fromCitizen ? next : Told(next, CitizenStatusEvent.Kinds.Message, said));
    }

    /// <summary>Writes the session, then gives its call the citizen as they are now (the session stays the truth).</summary>
    private async Task<CitizenSessionSnapshot> ChangeAsync(CitizenSessionSnapshot next)
    {
        await state.CommitAsync(next);
        await Call.UpdateCitizenAsync(next.Caller!);
        return next;
    }

    private async Task OpenCallAsync(CitizenSessionSnapshot session)
    {
        var caller = session.Caller!;
        var opened = await Call.OpenAsync(new CallOpening(CitizenIds.Caller(SessionId), null, caller.Request.ClientRequestId, session.StartedAt, false, caller));
        if (opened.Status == CallStatus.Queued)
        {
            await RoutingIntake.SubmitAsync(this.GetStreamProvider(SosConstants.PressStreamProvider), GrainFactory, opened, logger);
        }
    }

    private CitizenSessionSnapshot RequireOpen()
    {
        var session = Current;
        if (!session.Exists)
        {
            throw Unknown();
        }

        return session.IsOpen
            ? session
            : throw new SosDomainException("session-ended", $"SOS {SessionId} is {session.Status.ToString().ToLowerInvariant()}: press SOS again for a new call.", session.Status.ToString().ToLowerInvariant());
    }

    private static ImmutableArray<CitizenReportAttachment> Files(CitizenCaller caller) => caller.Attachments.IsDefault ? [] : caller.Attachments;

    private SosDomainException Unknown() => new("session-unknown", $"No SOS {SessionId} was received.");

    private CitizenSessionSnapshot Told(CitizenSessionSnapshot session, string kind, string? text) =>
        session with { Events = session.Events.Add(new CitizenStatusEvent(session.Events.Length + 1, clock.GetUtcNow(), kind, text)) };

    private static string NewSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
