using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sos.Grains.Abstractions;
using Sos.Grains.Routing;
using Sos.Grains.Telemetry;

namespace Sos.Grains.Calls;

/// <summary>
/// One call session: the only place that decides whether a call may move, and the one owner of its offer. Each
/// method checks the status, changes the state, writes it, then publishes the new snapshot and tells routing what
/// changed, one way. While it rings, its own timer acts on the ring deadline (see docs/architecture.md).
/// This file holds the call's life in the queue; <c>CallSessionGrain.Handling.cs</c> what operators and supervisors do.
/// </summary>
public sealed partial class CallSessionGrain(
    [PersistentState("call", SosConstants.StateStore)] IPersistentState<CallSnapshot> state,
    [FromKeyedServices(SosConstants.ClockKey)] TimeProvider clock,
    IOptions<RoutingOptions> options,
    ILogger<CallSessionGrain> logger) : Grain, ICallSessionGrain
{
    /// <summary>Joined presses recorded one by one in the timeline; further ones only count (a stuck button).</summary>
    private const int JoinedPressesInTimeline = 20;

    private IGrainTimer? ringTimer;

    private Guid CallId => this.GetPrimaryKey();

    private CallSnapshot Call => state.RecordExists ? state.State : CallSnapshot.None(CallId);

    private IWaitingListGrain WaitingList => GrainFactory.GetWaitingList(Call.CentreId);

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A call that rang when its previous activation was lost acts on its deadline again, and a waiting call that
        // comes back (its silo died; somebody asked for it) tells routing where it is.
        UpdateRingTimer();
        if (Call.IsWaiting)
        {
            TellRouting(Call);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<CallSnapshot> OpenAsync(CallOpening opening)
    {
        if (Call.Exists)
        {
            // A retried press: its first attempt may have written the call but not its place in the waiting list.
            if (Call.IsWaiting)
            {
                await WaitingList.AddAsync(Entry(Call));
            }

            return Call;
        }

        var now = clock.GetUtcNow();
        var actor = opening.Citizen is { } citizen ? Actors.Citizen(citizen.SessionId) : Actors.Kiosk(opening.KioskId);
        var opened = CallSnapshot.None(CallId) with
        {
            KioskId = opening.KioskId,
            Kiosk = opening.Kiosk,
            Citizen = opening.Citizen,

            // A citizen who cannot speak (a silent SOS) is in more danger than one who can: one level up.
            Priority = opening.IsTest ? CallPriority.Test : opening.Citizen?.Request.Silent == true ? CallPriority.High : CallPriority.Normal,
            IsTest = opening.IsTest,
            PressCount = 1,
            OpenedAt = now,
            Timeline =
            [
                CallEvent.Of(now, CallEventKind.Pressed, actor, opening.Citizen is { } from
                    ? TimelineDetail.Sos(opening.PressId, opening.PressedAt, from.Request.Silent)
                    : TimelineDetail.Pressed(opening.PressId, opening.PressedAt)),
                CallEvent.Of(now, CallEventKind.Queued, Actors.System, opening.IsTest ? TimelineDetail.TestCall : null),
            ],
        };

        // The call and its place in the waiting list are written side by side: the press waits for both at once.
        await Task.WhenAll(ChangeAsync(opened), GrainFactory.GetWaitingList(opened.CentreId).AddAsync(Entry(opened)));
        logger.LogInformation("Call {CallId} opened by {Caller}", CallId, actor);
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
            joined = Append(joined, now, CallEventKind.PressJoined, Actors.Caller(call), TimelineDetail.PressJoined(pressId, pressedAt, raised));
        }

        var priorityRaised = joined.IsWaiting && raised != call.Priority;
        if (!priorityRaised)
        {
            // Only the count (and the first joined presses in the timeline): written at most once a second however fast
            // the person presses.
            await ChangeSoonAsync(joined);
            return joined;
        }

        await Task.WhenAll(ChangeAsync(joined), priorityRaised ? WaitingList.AddAsync(Entry(joined)) : Task.CompletedTask);
        if (priorityRaised)
        {
            TellRouting(joined);
        }

        return joined;
    }

    /// <inheritdoc />
    public async Task OfferAsync(CallOffer offer)
    {
        using var activity = SosTracing.Source.StartActivity("sos.offer");
        activity?.SetTag(SosTracing.CallIdTag, CallId).SetTag("sos.attempt", offer.Attempt).SetTag("sos.operators", string.Join(",", offer.Operators));
        var call = Call;
        var offerer = offer.CentreId ?? call.CentreId;
        if (!call.IsWaiting)
        {
            // Routing holds a call that no longer waits (or never opened): it leaves the list for good.
            await GrainFactory.GetWaitingList(call.CentreId).RemoveAsync(CallId);
            TellRouting(call, also: offerer);
            return;
        }

        if (call.Status != CallStatus.Queued || offer.Attempt != call.Attempt + 1 || offer.Operators.IsDefaultOrEmpty)
        {
            // Stale: an offer is out already (perhaps a partner centre's), or routing counted attempts differently
            // (it restarted). Say where we are, to the centre that asked too.
            TellRouting(call, also: offerer);
            return;
        }

        var now = clock.GetUtcNow();
        var deadline = now + options.Value.RingTimeout;
        var ringing = call with
        {
            Status = CallStatus.Ringing,
            RingingOperators = offer.Operators,
            RingingSince = now,
            RingDeadline = deadline,
            Attempt = offer.Attempt,
            OfferedBy = offerer,
        };
        ringing = Append(ringing, now, CallEventKind.Ringing, Actors.System, TimelineDetail.Ringing(ringing.Attempt, offer.Operators, offerer == call.CentreId ? null : offerer));
        try
        {
            await ChangeAsync(ringing);
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Call {CallId} could not record its offer; routing offers it again at its next tick", CallId);
            TellRouting(Call, retry: true, also: offerer);
            return;
        }

        foreach (var login in offer.Operators)
        {
            GrainFactory.GetOperator(login).RingAsync(new OperatorRing(CallId, ringing.Attempt, deadline)).Ignore();
        }

        UpdateRingTimer();
        TellRouting(ringing);
        logger.LogInformation("Call {CallId} rings {Operators} (attempt {Attempt})", CallId, string.Join(", ", offer.Operators), ringing.Attempt);
    }

    /// <inheritdoc />
    public async Task DeclineAsync(string login, int attempt, string reason)
    {
        var call = Call;
        if (call.Status != CallStatus.Ringing || call.Attempt != attempt || !call.RingingOperators.Contains(login))
        {
            return;
        }

        var now = clock.GetUtcNow();
        var rest = call.RingingOperators.Remove(login);
        var next = Append(call with { RingingOperators = rest }, now, CallEventKind.OfferWithdrawn, Actors.Operator(login), reason);
        if (rest.IsEmpty)
        {
            next = Requeued(next, now);
        }

        await ChangeAsync(next);
        UpdateRingTimer();
        TellRouting(next, declined: [login]);
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
        var overflow = call.OfferedBy is { } centre && centre != call.CentreId ? centre : null;
        var connected = Append(ConnectTo(call, login, now), now, CallEventKind.Connected, Actors.Operator(login), TimelineDetail.Answered(now - call.OpenedAt, overflow));
        await LeaveQueueAsync(connected, call.RingingOperators.Remove(login));
        logger.LogInformation("Call {CallId} answered by {Operator} after {Seconds} s", CallId, login, (now - call.OpenedAt).TotalSeconds);
        return connected;
    }

    /// <inheritdoc />
    public async Task TickAsync()
    {
        if (!await ActOnRingDeadlineAsync() && Call.Exists)
        {
            TellRouting(Call);
        }
    }

    /// <inheritdoc />
    public Task<CallSnapshot> GetAsync() => Task.FromResult(Call);

    /// <summary>Nobody answered in time: a miss for everyone it rang, and the call waits again. True when it rang out.</summary>
    private async Task<bool> ActOnRingDeadlineAsync()
    {
        var call = Call;
        var now = clock.GetUtcNow();
        if (call.Status != CallStatus.Ringing || call.RingDeadline is not { } deadline || now < deadline)
        {
            return false;
        }

        var next = call;
        foreach (var login in call.RingingOperators)
        {
            next = Append(next, now, CallEventKind.Missed, Actors.Operator(login), TimelineDetail.Missed(options.Value.RingTimeout));
        }

        next = Requeued(next with { RingingOperators = [] }, now);
        await ChangeAsync(next);
        UpdateRingTimer();
        foreach (var login in call.RingingOperators)
        {
            GrainFactory.GetOperator(login).StopRingingAsync(CallId, call.Attempt, missed: true).Ignore();
        }

        TellRouting(next, missed: call.RingingOperators);
        logger.LogInformation("Call {CallId} was not answered by {Operators}; it waits again", CallId, string.Join(", ", call.RingingOperators));
        return true;
    }

    /// <summary>
    /// The call stops waiting (answered, abandoned, taken over): its state and its removal from the waiting list are
    /// written side by side; operators it still rang stop, and routing is told.
    /// </summary>
    private async Task LeaveQueueAsync(CallSnapshot next, ImmutableArray<string> stopRinging)
    {
        try
        {
            await Task.WhenAll(ChangeAsync(next), WaitingList.RemoveAsync(CallId));
        }
        catch when (Call.IsWaiting)
        {
            // The call's own write failed: it still waits, so it keeps its place in the list.
            await WaitingList.AddAsync(Entry(Call));
            throw;
        }

        UpdateRingTimer();
        foreach (var login in stopRinging)
        {
            GrainFactory.GetOperator(login).StopRingingAsync(CallId, next.Attempt, missed: false).Ignore();
        }

        TellRouting(next);
    }
}
