using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Sos.Grains.Abstractions;
using Sos.Grains.Storage;
using Sos.Grains.Streams;
using Sos.Grains.Telemetry;

namespace Sos.Grains.Calls;

/// <summary>How a call writes, publishes and tells: its state, the call log, its ring timer and its notices to routing.</summary>
public sealed partial class CallSessionGrain
{
    /// <summary>The least time between two writes a flood of joined presses causes.</summary>
    public static readonly TimeSpan CountWriteInterval = TimeSpan.FromSeconds(1);

    private WriteBehind? writeBehind;

    private WriteBehind Writes => writeBehind ??= new WriteBehind(this, clock, CountWriteInterval, () => ChangeAsync(Call));

    /// <inheritdoc />
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await Writes.FlushAsync();
        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    /// <summary>Runs the ring timer while the call rings, and only then.</summary>
    private void UpdateRingTimer()
    {
        if (Call.Status == CallStatus.Ringing && ringTimer is null)
        {
            ringTimer = this.RegisterGrainTimer(
                static (grain, _) => grain.RingTimerAsync(),
                this,
                new GrainTimerCreationOptions { DueTime = options.Value.TickInterval, Period = options.Value.TickInterval, KeepAlive = true });
        }
        else if (Call.Status != CallStatus.Ringing && ringTimer is not null)
        {
            ringTimer.Dispose();
            ringTimer = null;
        }
    }

    private async Task RingTimerAsync()
    {
        try
        {
            await ActOnRingDeadlineAsync();
            if (Call is { Status: CallStatus.Ringing, RingDeadline: { } deadline } ringing)
            {
                // A ring is held in the operator's memory only: ask again (idempotent), so an operator whose grain was
                // lost with its silo rings again with this call while the call still rings them.
                foreach (var login in ringing.RingingOperators)
                {
                    GrainFactory.GetOperator(login).RingAsync(new OperatorRing(CallId, ringing.Attempt, deadline)).Ignore();
                }
            }
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Call {CallId} could not act on its ring deadline; it tries again", CallId);
        }
    }

    /// <summary>
    /// Tells routing, one way, the call's part in routing now: its home centre's, the centre whose offer it rings with
    /// (a partner's when it overflowed), and <paramref name="also"/> (a centre whose offer it just refused).
    /// </summary>
    private void TellRouting(CallSnapshot call, ImmutableArray<string> missed = default, ImmutableArray<string> declined = default, bool retry = false, string? also = null)
    {
        var notice = new CallNotice(
            CallId,
            call.KioskId,
            call.Priority,
            call.OpenedAt,
            call.IsWaiting,
            call.Attempt,
            call.Status == CallStatus.Ringing ? call.RingingOperators : [],
            missed.IsDefault ? [] : missed,
            declined.IsDefault ? [] : declined,
            retry,
            call.Timeline.IsDefault ? 0 : call.Timeline.Length,
            call.CentreId);
        foreach (var centre in new[] { call.CentreId, call.OfferedBy, also }.OfType<string>().Distinct(StringComparer.Ordinal))
        {
            GrainFactory.GetRouting(centre).CallChangedAsync(notice).Ignore();
        }
    }

    private async Task ChangeAsync(CallSnapshot next)
    {
        var previous = Call;
        await state.CommitAsync(next);
        Writes.Written();
        SosMetrics.CallChanged(previous, next);

        TellMedia(previous, next);
        if (next.Citizen is { } citizen && previous.Status != next.Status)
        {
            // The citizen's session tells the phone: answered, over. One way: the call never waits for it.
            GrainFactory.GetCitizenSession(citizen.SessionId).CallMovedAsync(next.Status).Ignore();
        }

        // The log entry and the notification follow the written state, side by side.
        await Task.WhenAll(
            BelongsInLog(previous, next) ? RecordInLogAsync(next) : Task.CompletedTask,
            this.GetStreamProvider(SosConstants.StreamProvider).CallChanges(next.CentreId).TryPublishAsync(next, logger));
    }

    /// <summary>
    /// Tells the call's media session, one way, when the call opens (its room is made and records from the press) and
    /// when its conversation ends (closed, abandoned, wrapped up, or the caller hung up): media never holds up the call.
    /// </summary>
    private void TellMedia(CallSnapshot previous, CallSnapshot next)
    {
        if (!previous.Exists && next.Exists)
        {
            GrainFactory.GetMediaSession(CallId).OpenAsync(new MediaOpening(next.KioskId, next.CentreId, next.OpenedAt)).Ignore();
        }
        else if (MediaEnds(previous, next) is { } reason)
        {
            GrainFactory.GetMediaSession(CallId).EndAsync(reason).Ignore();
        }
    }

    private static string? MediaEnds(CallSnapshot previous, CallSnapshot next)
    {
        static bool Over(CallSnapshot call) =>
            call.Status is CallStatus.WrapUp or CallStatus.Closed or CallStatus.Abandoned || call.Timeline.Any(e => e.Kind == CallEventKind.KioskHungUp);

        return previous.Exists && Over(next) && !Over(previous)
            ? next.Status == CallStatus.Connected ? "the caller hung up" : $"the call is {next.Status.ToString().ToLowerInvariant()}"
            : null;
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

    /// <summary>
    /// A change that may wait (a joined press that only counts): published at once, written now if the last write is a
    /// second old, else later by <see cref="WriteBehind"/>. Lost with its
    /// silo, it costs only the count: a retried press joins the open call again.
    /// </summary>
    private async Task ChangeSoonAsync(CallSnapshot next)
    {
        if (!Writes.Defer())
        {
            await ChangeAsync(next);
            return;
        }

        var previous = Call;
        state.State = next;
        SosMetrics.CallChanged(previous, next);
        await this.GetStreamProvider(SosConstants.StreamProvider).CallChanges(next.CentreId).TryPublishAsync(next, logger);
    }

    /// <summary>
    /// A supervisor's move of the call, in the audit trail. The call's own timeline has it durably already, so a
    /// trail that cannot be written is logged and never fails the call.
    /// </summary>
    private async Task AuditAsync(string supervisor, string action, string detail)
    {
        try
        {
            await GrainFactory.GetAudit().AppendAsync(new AuditRecord(Actors.Operator(supervisor), action, $"call:{CallId}", detail));
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Call {CallId}: {Action} by {Supervisor} could not be written to the audit trail (the call's timeline has it)", CallId, action, supervisor);
        }
    }

    private static WaitingEntry Entry(CallSnapshot call) => new(call.CallId, call.KioskId, call.Priority, call.OpenedAt);

    private static CallSnapshot Requeued(CallSnapshot call, DateTimeOffset now) =>
        Append(call with { Status = CallStatus.Queued, RingingOperators = [], RingingSince = null, RingDeadline = null }, now, CallEventKind.Queued, Actors.System, (string?)null);

    private static CallSnapshot ConnectTo(CallSnapshot call, string login, DateTimeOffset now) => call with
    {
        Status = CallStatus.Connected,
        RingingOperators = [],
        RingingSince = null,
        RingDeadline = null,
        ConnectedOperator = login,
        ConnectedAt = call.ConnectedAt ?? now,
    };

    private static CallSnapshot Append(CallSnapshot call, DateTimeOffset at, CallEventKind kind, string actor, string? detail) =>
        call with { Timeline = call.Timeline.Add(new CallEvent(at, kind, actor, detail)) };

    private static CallSnapshot Append(CallSnapshot call, DateTimeOffset at, CallEventKind kind, string actor, TimelineDetail detail) =>
        call with { Timeline = call.Timeline.Add(CallEvent.Of(at, kind, actor, detail)) };

    private SosDomainException Refused(CallSnapshot call, string action, string expected) =>
        call.Exists
            ? new InvalidCallTransitionException(CallId, call.Status, action, expected)
            : new UnknownCallException(CallId, "does not exist");
}
