using Microsoft.Extensions.Logging;
using Sos.Grains.Abstractions;
using Sos.Grains.Streams;

namespace Sos.Grains.Calls;

/// <summary>What operators and supervisors do with a call: the conversation, its record, and supervisors' moves.</summary>
public sealed partial class CallSessionGrain
{
    /// <inheritdoc />
    public async Task<CallSnapshot> BeginWrapUpAsync(string login, CallClosure closure)
    {
        var call = Call;
        if (call.Status != CallStatus.Connected || call.ConnectedOperator != login)
        {
            throw Refused(call, $"close as {login}", $"Connected to operator {login}");
        }

        var now = clock.GetUtcNow();
        var wrapUp = call with
        {
            Status = CallStatus.WrapUp,
            EndedAt = now,
            Disposition = closure.Disposition,
            IncidentCategory = closure.IncidentCategory ?? call.IncidentCategory,
            PatrolUnit = closure.PatrolUnit ?? call.PatrolUnit,
        };
        wrapUp = Append(wrapUp, now, CallEventKind.WrapUpStarted, Actors.Operator(login), TimelineDetail.WrapUp(closure.Disposition));
        await ChangeAsync(wrapUp);
        if (call.Channel == CallChannel.Kiosk)
        {
            // A citizen's session hears of it with every change of status (see ChangeAsync).
            GrainFactory.GetKiosk(call.KioskId).CallEndedAsync(CallId).Ignore();
        }

        return wrapUp;
    }

    /// <inheritdoc />
    public async Task<CallSnapshot> CloseAsync(string actor)
    {
        var call = Call;
        if (call.Status != CallStatus.WrapUp)
        {
            throw Refused(call, "close", "WrapUp (a call is closed after its conversation ends with a disposition)");
        }

        var now = clock.GetUtcNow();
        var closed = Append(call with { Status = CallStatus.Closed, ClosedAt = now }, now, CallEventKind.Closed, actor, (string?)null);
        await ChangeAsync(closed);
        return closed;
    }

    /// <inheritdoc />
    public async Task<CallSnapshot> HangUpFromKioskAsync()
    {
        var call = Call;
        if (!call.Exists)
        {
            throw new UnknownCallException(CallId, "does not exist");
        }

        var now = clock.GetUtcNow();
        var actor = Actors.Caller(call);
        switch (call.Status)
        {
            case CallStatus.Queued or CallStatus.Ringing:
                var abandoned = call with
                {
                    Status = CallStatus.Abandoned,
                    RingingOperators = [],
                    RingingSince = null,
                    RingDeadline = null,
                    EndedAt = now,
                    Disposition = CallDisposition.Abandoned,
                    NeedsCallback = true,
                };
                abandoned = Append(abandoned, now, CallEventKind.Abandoned, actor, TimelineDetail.Abandoned(now - call.OpenedAt));
                await LeaveQueueAsync(abandoned, call.Status == CallStatus.Ringing ? call.RingingOperators : []);
                logger.LogInformation("Call {CallId} abandoned by {Caller}", CallId, actor);
                return abandoned;
            case CallStatus.Connected when !call.Timeline.Any(e => e.Kind == CallEventKind.KioskHungUp):
                var hungUp = Append(call, now, CallEventKind.KioskHungUp, actor, (string?)null);
                await ChangeAsync(hungUp);
                return hungUp;
            default:
                return call;
        }
    }

    /// <inheritdoc />
    public async Task<CallSnapshot> UpdateCitizenAsync(CitizenCaller citizen)
    {
        var call = Call;
        if (!call.Exists || call.Citizen?.SessionId != citizen.SessionId)
        {
            throw new UnknownCallException(CallId, $"is not the call of citizen session {citizen.SessionId}");
        }

        var updated = call with { Citizen = citizen };
        if (citizen.Chat.Length != call.Citizen.Chat.Length)
        {
            await ChangeAsync(updated);
        }
        else
        {
            await ChangeSoonAsync(updated);
        }

        return updated;
    }

    /// <inheritdoc />
    public async Task<CallSnapshot> UpdateNotesAsync(string login, string notes, string? basedOn = null)
    {
        var call = RequireHandledBy(login, "write notes on");
        if (call.Notes == notes)
        {
            return call;
        }

        if (basedOn is not null && basedOn != call.Notes)
        {
            throw new NotesConflictException(CallId, call.Notes);
        }

        var now = clock.GetUtcNow();
        var lastIsNotes = call.Timeline.Length > 0 && call.Timeline[^1] is { Kind: CallEventKind.NotesUpdated } last && last.Actor == Actors.Operator(login);
        var updated = call with { Notes = notes };

        // Notes are saved as the operator types: one timeline entry per burst of typing, not per keystroke.
        updated = lastIsNotes
            ? updated with { Timeline = call.Timeline.SetItem(call.Timeline.Length - 1, new CallEvent(now, CallEventKind.NotesUpdated, Actors.Operator(login), null)) }
            : Append(updated, now, CallEventKind.NotesUpdated, Actors.Operator(login), (string?)null);
        await ChangeAsync(updated);
        return updated;
    }

    /// <inheritdoc />
    public async Task<CallSnapshot> RecordIncidentAsync(string login, string? category, string? patrolUnit)
    {
        var call = RequireHandledBy(login, "record the incident of");
        var now = clock.GetUtcNow();
        var recorded = Append(call with { IncidentCategory = category, PatrolUnit = patrolUnit }, now, CallEventKind.IncidentRecorded, Actors.Operator(login), TimelineDetail.Incident(category, patrolUnit));
        await ChangeAsync(recorded);
        return recorded;
    }

    /// <inheritdoc />
    public async Task<CallSnapshot> JoinIncidentAsync(Guid incidentId, string incidentNumber, string actor)
    {
        var call = Call;
        if (!call.Exists)
        {
            throw new UnknownCallException(CallId, "does not exist");
        }

        if (call.IncidentId == incidentId)
        {
            return call;
        }

        if (call.IncidentId is not null)
        {
            throw new SosDomainException("call-has-incident", $"Call {CallId} is about incident {call.IncidentNumber} already.", call.IncidentNumber ?? string.Empty);
        }

        var joined = Append(call with { IncidentId = incidentId, IncidentNumber = incidentNumber }, clock.GetUtcNow(), CallEventKind.IncidentJoined, actor, TimelineDetail.JoinedIncident(incidentNumber));
        await ChangeAsync(joined);
        return joined;
    }

    /// <inheritdoc />
    public async Task<CallSnapshot> MarkEscalatedAsync()
    {
        var call = Call;
        if (!call.IsWaiting || call.Escalated)
        {
            return call;
        }

        var now = clock.GetUtcNow();
        var escalated = Append(call with { Escalated = true }, now, CallEventKind.Escalated, Actors.System, TimelineDetail.Escalated(now - call.OpenedAt));
        await ChangeAsync(escalated);
        var escalation = new CallEscalation(CallId, call.KioskId, call.OpenedAt, now);
        await this.GetStreamProvider(SosConstants.StreamProvider).Escalations(call.CentreId).TryPublishAsync(escalation, logger);
        return escalated;
    }

    /// <inheritdoc />
    public async Task<CallSnapshot> CallBackAsync(string login, string outcome)
    {
        var call = Call;
        if (call.Status != CallStatus.Abandoned || !call.NeedsCallback)
        {
            throw Refused(call, $"call back as {login}", "Abandoned and waiting for a call back");
        }

        var now = clock.GetUtcNow();
        var calledBack = Append(call with { NeedsCallback = false }, now, CallEventKind.CalledBack, Actors.Operator(login), outcome);
        await ChangeAsync(calledBack);
        return calledBack;
    }

    /// <inheritdoc />
    public async Task<CallSnapshot> AnnounceTakeOverAsync(string supervisor, string reason, DateTimeOffset at)
    {
        var call = Call;
        if (call.Status != CallStatus.Connected || call.ConnectedOperator == supervisor)
        {
            throw Refused(call, $"be announced as taken over by {supervisor}", "Connected to another operator");
        }

        var now = clock.GetUtcNow();
        var announced = Append(call with { TakeOverNotice = new TakeOverNotice(supervisor, reason, at) }, now, CallEventKind.TakeOverAnnounced, Actors.Operator(supervisor), TimelineDetail.TakeOverAnnounced(call.ConnectedOperator ?? string.Empty, at > now ? at - now : TimeSpan.Zero, reason));
        await ChangeAsync(announced);
        return announced;
    }

    /// <inheritdoc />
    public async Task<CallSnapshot> WithdrawTakeOverAsync(string supervisor)
    {
        var call = Call;
        if (call.TakeOverNotice?.Supervisor != supervisor)
        {
            return call;
        }

        var withdrawn = Append(call with { TakeOverNotice = null }, clock.GetUtcNow(), CallEventKind.TakeOverWithdrawn, Actors.Operator(supervisor), (string?)null);
        await ChangeAsync(withdrawn);
        return withdrawn;
    }

    /// <inheritdoc />
    public async Task<CallSnapshot> TakeOverAsync(string supervisor, string reason)
    {
        var call = Call;
        if (!call.IsOpen || call.ConnectedOperator == supervisor)
        {
            throw Refused(call, $"be taken over by {supervisor}", "Queued, Ringing, or Connected to someone else");
        }

        var now = clock.GetUtcNow();
        var from = call.ConnectedOperator ?? (call.RingingOperators.IsDefaultOrEmpty ? "the queue" : $"ringing {string.Join(", ", call.RingingOperators)}");
        var taken = Append(ConnectTo(call, supervisor, now) with { TakeOverNotice = null }, now, CallEventKind.TakenOver, Actors.Operator(supervisor), TimelineDetail.TakenOver(from ?? string.Empty, reason));
        await LeaveQueueAsync(taken, call.Status == CallStatus.Ringing ? call.RingingOperators.Remove(supervisor) : []);
        logger.LogInformation("Call {CallId} taken over by {Supervisor}", CallId, supervisor);
        await AuditAsync(supervisor, AuditActions.CallTakenOver, $"from {from}: {reason}");
        return taken;
    }

    /// <inheritdoc />
    public async Task<CallSnapshot> ReassignAsync(string supervisor, string toLogin, string reason)
    {
        var call = Call;
        if (!call.IsOpen || call.ConnectedOperator == toLogin)
        {
            throw Refused(call, $"be reassigned to {toLogin}", "Queued, Ringing, or Connected to someone else");
        }

        var now = clock.GetUtcNow();
        logger.LogInformation("Call {CallId} reassigned to {Operator} by {Supervisor}", CallId, toLogin, supervisor);
        if (call.Status == CallStatus.Connected)
        {
            var moved = Append(ConnectTo(call, toLogin, now), now, CallEventKind.Reassigned, Actors.Operator(supervisor), TimelineDetail.Reassigned(call.ConnectedOperator ?? string.Empty, toLogin, reason));
            await ChangeAsync(moved);
            await AuditAsync(supervisor, AuditActions.CallReassigned, $"from {call.ConnectedOperator} to {toLogin}: {reason}");
            return moved;
        }

        // A waiting call: its offer ends, and it rings the chosen operator next, as an offer of its own.
        var deadline = now + options.Value.RingTimeout;
        var ringing = Append(call, now, CallEventKind.Reassigned, Actors.Operator(supervisor), TimelineDetail.ReassignedWaiting(toLogin, reason)) with
        {
            Status = CallStatus.Ringing,
            RingingOperators = [toLogin],
            RingingSince = now,
            RingDeadline = deadline,
            Attempt = call.Attempt + 1,
        };
        ringing = Append(ringing, now, CallEventKind.Ringing, Actors.Operator(supervisor), TimelineDetail.Ringing(ringing.Attempt, [toLogin], null));
        await ChangeAsync(ringing);
        foreach (var login in call.RingingOperators.Where(l => l != toLogin))
        {
            GrainFactory.GetOperator(login).StopRingingAsync(CallId, call.Attempt, missed: false).Ignore();
        }

        GrainFactory.GetOperator(toLogin).RingAsync(new OperatorRing(CallId, ringing.Attempt, deadline)).Ignore();
        UpdateRingTimer();
        TellRouting(ringing);
        await AuditAsync(supervisor, AuditActions.CallReassigned, $"waiting, to {toLogin}: {reason}");
        return ringing;
    }

    private CallSnapshot RequireHandledBy(string login, string action)
    {
        var call = Call;
        if (call.Status is not (CallStatus.Connected or CallStatus.WrapUp) || call.ConnectedOperator != login)
        {
            throw Refused(call, $"{action} as {login}", $"Connected to or wrapping up with operator {login}");
        }

        return call;
    }

    /// <inheritdoc />
    public async Task<CallSnapshot> NoteMediaAsync(CallEventKind kind, string detail)
    {
        var call = Call;
        if (kind is not (CallEventKind.RecordingKept or CallEventKind.Media))
        {
            throw new SosDomainException($"{kind} is not a media step of a call's timeline.");
        }

        if (!call.Exists)
        {
            throw Refused(call, "note its media", "an open or ended call");
        }

        if (call.Timeline.Any(e => e.Kind == kind && e.Detail == detail))
        {
            return call;
        }

        var noted = Append(call, clock.GetUtcNow(), kind, Actors.System, detail);
        await ChangeAsync(noted);
        return noted;
    }
}
