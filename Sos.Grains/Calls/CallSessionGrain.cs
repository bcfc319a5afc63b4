using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sos.Grains.Abstractions;
using Sos.Grains.Routing;
using Sos.Grains.Storage;
using Sos.Grains.Streams;

namespace Sos.Grains.Calls;

/// <summary>
/// One call session. The only place that decides whether a call may move: each method checks the status, changes
/// the state, writes it, then publishes the new snapshot. While the call waits for an answer a reminder watches it,
/// so a routing request lost with a dead silo is sent again (see docs/architecture.md).
/// </summary>
public sealed class CallSessionGrain(
    [PersistentState("call", SosConstants.StateStore)] IPersistentState<CallSnapshot> state,
    [FromKeyedServices(SosConstants.ClockKey)] TimeProvider clock,
    IOptions<RoutingOptions> options,
    ILogger<CallSessionGrain> logger) : Grain, ICallSessionGrain, IRemindable
{
    /// <summary>The reminder that resends a waiting call to routing.</summary>
    public const string WaitingWatchdogReminder = "waiting-watchdog";

    /// <summary>Joined presses recorded one by one in the timeline; further ones only count (a stuck button).</summary>
    private const int JoinedPressesInTimeline = 20;

    private Guid CallId => this.GetPrimaryKey();

    private CallSnapshot Call => state.RecordExists ? state.State : CallSnapshot.None(CallId);

    /// <inheritdoc />
    public async Task<CallSnapshot> OpenAsync(CallOpening opening)
    {
        if (Call.Exists)
        {
            // A retried press. Its first attempt may have written the call but not its watchdog (the silo died between
            // the two): a waiting call always has one, since the watchdogs are also the list of waiting calls that every
            // silo hands to routing again when a silo dies.
            if (Call.IsWaiting)
            {
                await this.RegisterOrUpdateReminder(WaitingWatchdogReminder, options.Value.WatchdogPeriod, options.Value.WatchdogPeriod);
            }

            return Call;
        }

        var now = clock.GetUtcNow();
        var actor = Actors.Kiosk(opening.KioskId);
        var opened = CallSnapshot.None(CallId) with
        {
            KioskId = opening.KioskId,
            Kiosk = opening.Kiosk,
            Priority = opening.IsTest ? CallPriority.Test : CallPriority.Normal,
            IsTest = opening.IsTest,
            PressCount = 1,
            OpenedAt = now,
            Timeline =
            [
                new CallEvent(now, CallEventKind.Pressed, actor, $"press {opening.PressId} at {opening.PressedAt:O}"),
                new CallEvent(now, CallEventKind.Queued, Actors.System, opening.IsTest ? "test call" : null),
            ],
        };
        // The watchdog and the state are written side by side: the press waits for both, not one after the other.
        await Task.WhenAll(
            this.RegisterOrUpdateReminder(WaitingWatchdogReminder, options.Value.WatchdogPeriod, options.Value.WatchdogPeriod),
            ChangeAsync(opened));
        logger.LogInformation("Call {CallId} opened by kiosk {KioskId}", CallId, opening.KioskId);
        return opened;
    }

    /// <inheritdoc />
    public async Task<CallSnapshot?> JoinPressAsync(Guid pressId, DateTimeOffset pressedAt)
    {
        var call = Call;
        if (!call.IsOpen)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var raised = call.Priority == CallPriority.Normal ? CallPriority.High : call.Priority;
        var joined = call with { PressCount = call.PressCount + 1, Priority = raised };
        if (call.PressCount < JoinedPressesInTimeline)
        {
            joined = Append(joined, now, CallEventKind.PressJoined, Actors.Kiosk(call.KioskId), $"press {pressId} at {pressedAt:O}, priority {raised}");
        }

        await ChangeAsync(joined);
        return joined;
    }

    /// <inheritdoc />
    public async Task<CallSnapshot> RingAsync(ImmutableArray<string> operators)
    {
        var call = Call;
        if (!call.IsWaiting)
        {
            throw Refused(call, "ring", "Queued or Ringing");
        }

        var now = clock.GetUtcNow();
        var ringing = call with
        {
            Status = CallStatus.Ringing,
            RingingOperators = operators,
            RingingSince = now,
            Attempt = call.Attempt + 1,
        };
        ringing = Append(ringing, now, CallEventKind.Ringing, Actors.System, $"attempt {ringing.Attempt}: {string.Join(", ", operators)}");
        await ChangeAsync(ringing);
        return ringing;
    }

    /// <inheritdoc />
    public async Task<CallSnapshot> ReturnToQueueAsync(bool missed, string reason)
    {
        var call = Call;
        if (call.Status != CallStatus.Ringing)
        {
            throw Refused(call, "return to the queue", "Ringing");
        }

        var now = clock.GetUtcNow();
        var queued = call with { Status = CallStatus.Queued, RingingOperators = [], RingingSince = null };
        if (missed)
        {
            foreach (var login in call.RingingOperators)
            {
                queued = Append(queued, now, CallEventKind.Missed, Actors.Operator(login), reason);
            }
        }
        else
        {
            queued = Append(queued, now, CallEventKind.OfferWithdrawn, Actors.System, reason);
        }

        queued = Append(queued, now, CallEventKind.Queued, Actors.System, null);
        await ChangeAsync(queued);
        return queued;
    }

    /// <inheritdoc />
    public async Task<CallSnapshot> ConnectAsync(string login)
    {
        var call = Call;
        if (call.Status != CallStatus.Ringing || !call.RingingOperators.Contains(login))
        {
            throw Refused(call, $"accept as {login}", $"Ringing operator {login}");
        }

        var now = clock.GetUtcNow();
        var connected = call with
        {
            Status = CallStatus.Connected,
            RingingOperators = [],
            RingingSince = null,
            ConnectedOperator = login,
            ConnectedAt = now,
        };
        connected = Append(connected, now, CallEventKind.Connected, Actors.Operator(login), $"answered after {(now - call.OpenedAt).TotalSeconds:0.0} s");
        await ChangeAsync(connected);

        // Not awaited: the answer must not wait for the reminder table. A watchdog left behind finds the call
        // answered when it fires and removes itself.
        StopWatchdogAsync().Ignore();
        return connected;
    }

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
        wrapUp = Append(wrapUp, now, CallEventKind.WrapUpStarted, Actors.Operator(login), closure.Disposition.ToString());
        await ChangeAsync(wrapUp);
        GrainFactory.GetKiosk(call.KioskId).CallEndedAsync(CallId).Ignore();
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
        var closed = Append(call with { Status = CallStatus.Closed, ClosedAt = now }, now, CallEventKind.Closed, actor, null);
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
        var actor = Actors.Kiosk(call.KioskId);
        switch (call.Status)
        {
            case CallStatus.Queued or CallStatus.Ringing:
                var abandoned = call with
                {
                    Status = CallStatus.Abandoned,
                    RingingOperators = [],
                    RingingSince = null,
                    EndedAt = now,
                    Disposition = CallDisposition.Abandoned,
                    NeedsCallback = true,
                };
                abandoned = Append(abandoned, now, CallEventKind.Abandoned, actor, $"hung up after {(now - call.OpenedAt).TotalSeconds:0.0} s; call back");
                await ChangeAsync(abandoned);
                await StopWatchdogAsync();
                logger.LogInformation("Call {CallId} abandoned by kiosk {KioskId}", CallId, call.KioskId);
                return abandoned;
            case CallStatus.Connected when !call.Timeline.Any(e => e.Kind == CallEventKind.KioskHungUp):
                var hungUp = Append(call, now, CallEventKind.KioskHungUp, actor, null);
                await ChangeAsync(hungUp);
                return hungUp;
            default:
                return call;
        }
    }

    /// <inheritdoc />
    public async Task<CallSnapshot> UpdateNotesAsync(string login, string notes)
    {
        var call = RequireHandledBy(login, "write notes on");
        if (call.Notes == notes)
        {
            return call;
        }

        var now = clock.GetUtcNow();
        var lastIsNotes = call.Timeline.Length > 0 && call.Timeline[^1] is { Kind: CallEventKind.NotesUpdated } last && last.Actor == Actors.Operator(login);
        var updated = call with { Notes = notes };

        // Notes are saved as the operator types: one timeline entry per burst of typing, not per keystroke.
        updated = lastIsNotes
            ? updated with { Timeline = call.Timeline.SetItem(call.Timeline.Length - 1, new CallEvent(now, CallEventKind.NotesUpdated, Actors.Operator(login), null)) }
            : Append(updated, now, CallEventKind.NotesUpdated, Actors.Operator(login), null);
        await ChangeAsync(updated);
        return updated;
    }

    /// <inheritdoc />
    public async Task<CallSnapshot> RecordIncidentAsync(string login, string? category, string? patrolUnit)
    {
        var call = RequireHandledBy(login, "record the incident of");
        var now = clock.GetUtcNow();
        var parts = new List<string>();
        if (!string.IsNullOrEmpty(category))
        {
            parts.Add($"category {category}");
        }

        if (!string.IsNullOrEmpty(patrolUnit))
        {
            parts.Add($"patrol {patrolUnit} sent");
        }

        var detail = parts.Count > 0 ? string.Join(", ", parts) : "incident cleared";
        var recorded = Append(call with { IncidentCategory = category, PatrolUnit = patrolUnit }, now, CallEventKind.IncidentRecorded, Actors.Operator(login), detail);
        await ChangeAsync(recorded);
        return recorded;
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
        var escalated = Append(call with { Escalated = true }, now, CallEventKind.Escalated, Actors.System, $"waiting {(now - call.OpenedAt).TotalSeconds:0} s");
        await ChangeAsync(escalated);
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
    public async Task<CallSnapshot> TakeOverAsync(string supervisor, string reason)
    {
        var call = Call;
        if (!call.IsOpen || call.ConnectedOperator == supervisor)
        {
            throw Refused(call, $"be taken over by {supervisor}", "Queued, Ringing, or Connected to someone else");
        }

        var now = clock.GetUtcNow();
        var from = call.ConnectedOperator ?? (call.RingingOperators.IsDefaultOrEmpty ? "the queue" : $"ringing {string.Join(", ", call.RingingOperators)}");
        var taken = ConnectTo(call, supervisor, now);
        taken = Append(taken, now, CallEventKind.TakenOver, Actors.Operator(supervisor), $"from {from}: {reason}");
        await ChangeAsync(taken);
        await StopWatchdogAsync();
        logger.LogInformation("Call {CallId} taken over by {Supervisor}", CallId, supervisor);
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
        CallSnapshot reassigned;
        if (call.Status == CallStatus.Connected)
        {
            reassigned = Append(ConnectTo(call, toLogin, now), now, CallEventKind.Reassigned, Actors.Operator(supervisor), $"from {call.ConnectedOperator} to {toLogin}: {reason}");
        }
        else
        {
            reassigned = Append(call with { Status = CallStatus.Queued, RingingOperators = [], RingingSince = null }, now, CallEventKind.Reassigned, Actors.Operator(supervisor), $"to {toLogin}: {reason}");
        }

        await ChangeAsync(reassigned);
        logger.LogInformation("Call {CallId} reassigned to {Operator} by {Supervisor}", CallId, toLogin, supervisor);
        return reassigned;
    }

    /// <inheritdoc />
    public Task<CallSnapshot> GetAsync() => Task.FromResult(Call);

    /// <summary>
    /// The watchdog: while the call waits, resend it to routing. Routing ignores a call it already holds, so this
    /// only matters when the stream event that queued the call was lost.
    /// </summary>
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != WaitingWatchdogReminder)
        {
            return;
        }

        var call = Call;
        if (!call.IsWaiting)
        {
            await StopWatchdogAsync();
            return;
        }

        // Over the stream, like the kiosk's request: routing reads this call while handling it, so a direct call
        // from here would wait on itself.
        var request = new RoutingRequest(RoutingRequestKind.CallQueued, CallId, call.KioskId, call.Priority, call.OpenedAt);
        await this.GetStreamProvider(SosConstants.StreamProvider).RoutingRequests(call.CentreId).TryPublishAsync(request, logger);
    }

    private async Task ChangeAsync(CallSnapshot next)
    {
        var previous = Call;
        await state.CommitAsync(next);

        // The log entry and the notification follow the written state, side by side.
        await Task.WhenAll(
            BelongsInLog(previous, next) ? RecordInLogAsync(next) : Task.CompletedTask,
            this.GetStreamProvider(SosConstants.StreamProvider).CallChanges(next.CentreId).TryPublishAsync(next, logger));
    }

    /// <summary>The call log lists answered and ended calls; it is written when status, operator or call-back change.</summary>
    private static bool BelongsInLog(CallSnapshot previous, CallSnapshot next) =>
        next.Status is CallStatus.Connected or CallStatus.WrapUp or CallStatus.Closed or CallStatus.Abandoned
        && (previous.Status != next.Status || previous.ConnectedOperator != next.ConnectedOperator || previous.NeedsCallback != next.NeedsCallback);

    /// <summary>
    /// Writes the call's entry in its centre's log of the day. The call's own state is already written and stays the
    /// truth; a log entry that cannot be written is reported, and the call's next logged change writes it whole.
    /// </summary>
    private async Task RecordInLogAsync(CallSnapshot call)
    {
        try
        {
            await GrainFactory.GetCallLog(call.CentreId, CallLogKey.DayOf(call.OpenedAt)).RecordAsync(CallLogEntry.From(call));
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Call {CallId} could not be written to the call log", CallId);
        }
    }

    private static CallSnapshot ConnectTo(CallSnapshot call, string login, DateTimeOffset now) => call with
    {
        Status = CallStatus.Connected,
        RingingOperators = [],
        RingingSince = null,
        ConnectedOperator = login,
        ConnectedAt = call.ConnectedAt ?? now,
    };

    private async Task StopWatchdogAsync()
    {
        var reminder = await this.GetReminder(WaitingWatchdogReminder);
        if (reminder is not null)
        {
            await this.UnregisterReminder(reminder);
        }
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

    private static CallSnapshot Append(CallSnapshot call, DateTimeOffset at, CallEventKind kind, string actor, string? detail) =>
        call with { Timeline = call.Timeline.Add(new CallEvent(at, kind, actor, detail)) };

    private SosDomainException Refused(CallSnapshot call, string action, string expected) =>
        call.Exists
            ? new InvalidCallTransitionException(CallId, call.Status, action, expected)
            : new UnknownCallException(CallId, "does not exist");
}
