using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Streams;
using Orleans.Streams.Core;
using Sos.Grains.Abstractions;

namespace Sos.Grains.Routing;

/// <summary>
/// Automatic call distribution for one operations centre: a matchmaker with nothing durable of its own. In memory it
/// holds the waiting calls (from the routing-requests stream and the centre's waiting list) and the operators as they
/// last told it; each round, <see cref="Matchmaker"/> pairs every queued call with the free operators, and each match
/// goes to its call one way. Nothing here waits for a call or an operator: the call owns its offer and tells routing
/// what became of it (<see cref="CallChangedAsync"/>), the operator owns their presence (<see cref="OperatorChangedAsync"/>).
/// After a restart it rebuilds from the waiting list and asks the centre's operators to announce themselves.
/// </summary>
[ImplicitStreamSubscription(SosConstants.RoutingRequestsNamespace)]
public sealed partial class RoutingGrain(
    [FromKeyedServices(SosConstants.ClockKey)] TimeProvider clock,
    IOptions<RoutingOptions> options,
    ILogger<RoutingGrain> logger) : Grain, IRoutingGrain, IStreamSubscriptionObserver, IAsyncObserver<RoutingRequest>
{
    /// <summary>The waiting calls, by id.</summary>
    private readonly Dictionary<Guid, Held> calls = [];

    /// <summary>The centre's operators as they last told routing, by login.</summary>
    private readonly Dictionary<string, OperatorSnapshot> operators = new(StringComparer.Ordinal);

    /// <summary>Operators an offer is out to (asked by routing or told by the call), with its call: not free meanwhile.</summary>
    private readonly Dictionary<string, Guid> offered = new(StringComparer.Ordinal);

    /// <summary>Operators who declined a call: not offered another until they tell routing where they are.</summary>
    private readonly HashSet<string> doubtful = new(StringComparer.Ordinal);

    /// <summary>The call each operator last told routing they were ringing with.</summary>
    private readonly Dictionary<string, Guid> toldRinging = new(StringComparer.Ordinal);

    /// <summary>Operators who let calls ring out, with those calls, until they next tell routing where they are.</summary>
    private readonly Dictionary<string, HashSet<Guid>> awaited = new(StringComparer.Ordinal);

    private RoutingStrategy strategy;
    private CentreOverflow overflow = CentreOverflow.None;
    private string? lastRung;
    private long listSequence;
    private DateTimeOffset listReadAt;

    /// <summary>How long a call that rang out waits at most for its operators to say where they are (in ticks).</summary>
    private static readonly TimeSpan AwaitWord = TimeSpan.FromSeconds(1);

    private RoutingOptions Options => options.Value;

    private string CentreId => this.GetPrimaryKeyString();

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // KeepAlive: a centre with a waiting call and nobody available must still escalate it on time.
        this.RegisterGrainTimer(
            static (grain, _) => grain.TickAsync(),
            this,
            new GrainTimerCreationOptions { DueTime = Options.TickInterval, Period = Options.TickInterval, KeepAlive = true });

        var settings = await GrainFactory.GetCentre(CentreId).GetAsync();
        strategy = settings.Strategy ?? Options.DefaultStrategy;
        overflow = settings.OverflowRules;
        await ReadWaitingListAsync();
        foreach (var login in settings.Operators)
        {
            GrainFactory.GetOperator(login).AnnounceAsync().Ignore();
        }

        logger.LogInformation("Routing of centre {CentreId} started with {Calls} waiting calls and {Operators} operators to hear from", CentreId, calls.Count, settings.Operators.Count);
    }

    /// <inheritdoc />
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // Nothing to save: the next message (a press, a call's notice, an operator's heartbeat) rebuilds routing.
        Telemetry.SosMetrics.QueueLeft(CentreId);
        logger.LogInformation("Routing of centre {CentreId} deactivated ({Reason}) with {Calls} waiting calls", CentreId, reason.Description, calls.Count);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        await handleFactory.Create<RoutingRequest>().ResumeAsync(this);

    /// <inheritdoc />
    public Task OnNextAsync(RoutingRequest item, StreamSequenceToken? token = null) => SubmitAsync(item);

    /// <inheritdoc />
    public Task OnCompletedAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public Task OnErrorAsync(Exception ex)
    {
        logger.LogWarning(ex, "Routing requests stream of centre {CentreId} failed", CentreId);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task SubmitAsync(RoutingRequest request)
    {
        Hold(new WaitingEntry(request.CallId, request.KioskId, request.Priority, request.WaitingSince));
        Dispatch();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task OperatorChangedAsync(OperatorSnapshot seen)
    {
        doubtful.Remove(seen.Login);
        if (awaited.Remove(seen.Login, out var waitingOnThem))
        {
            foreach (var callId in waitingOnThem.Where(calls.ContainsKey))
            {
                calls[callId].Awaited.Remove(seen.Login);
            }
        }
        if (seen.CentreId != CentreId)
        {
            operators.Remove(seen.Login);
            offered.Remove(seen.Login);
            toldRinging.Remove(seen.Login);
            return Task.CompletedTask;
        }

        operators[seen.Login] = seen;
        if (seen is { Presence: OperatorPresence.Ringing, CallId: { } ringingWith })
        {
            toldRinging[seen.Login] = ringingWith;
        }

        if (seen.Presence is not (OperatorPresence.Available or OperatorPresence.Ringing))
        {
            // Whatever was offered to them is over for them; the call tells routing about itself.
            offered.Remove(seen.Login);
        }

        Dispatch();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task CallChangedAsync(CallNotice notice)
    {
        var known = calls.TryGetValue(notice.CallId, out var held);
        if ((known && notice.Sequence < held!.Sequence) || (!known && notice.HomeCentreId.Length > 0 && notice.HomeCentreId != CentreId))
        {
            // Stale, or a partner's call this centre does not hold (any more): nothing to follow.
            return Task.CompletedTask;
        }

        ForwardToPartners(held, notice);

        foreach (var login in offered.Where(o => o.Value == notice.CallId && !notice.Ringing.Contains(o.Key)).Select(o => o.Key).ToList())
        {
            offered.Remove(login);
            if (held?.Rang.Contains(login) == true && !ToldSinceRinging(login, notice.CallId))
            {
                // The call rang them and the offer is over for them: their own word on where they are now (on this
                // call, or free again) is on its way, and until it comes they are not offered another call. A word
                // that overtook the call's notice has come already.
                doubtful.Add(login);
            }
        }

        doubtful.UnionWith(notice.Declined);
        if (!notice.Waiting)
        {
            if (calls.Remove(notice.CallId))
            {
                logger.LogInformation("Call {CallId} left the queue of centre {CentreId}", notice.CallId, CentreId);
            }

            Dispatch();
            return Task.CompletedTask;
        }

        // Whom an offer of this call rang and no longer rings (missed, or withdrawn) apart from those who declined.
        var ended = (held?.Rang ?? []).Union(notice.Missed).Except(notice.Ringing).Except(notice.Declined).ToList();
        held = Hold(new WaitingEntry(notice.CallId, notice.KioskId, notice.Priority, notice.WaitingSince), held?.Call.HomeCentreId);
        held.Sequence = notice.Sequence;
        held.Rang.Clear();
        held.Rang.UnionWith(notice.Ringing);
        held.Call = held.Call with
        {
            Attempts = notice.Attempt,
            OfferedTo = notice.Ringing,
            MissedBy = held.Call.MissedBy.AddRange(notice.Missed.Except(held.Call.MissedBy)),
        };
        held.AskedAt = notice.Ringing.IsEmpty ? null : held.AskedAt ?? clock.GetUtcNow();
        // After a failed offer the call is offered again at the next tick, not at once. After a ring-out it waits until
        // the operators it rang have said where they are now (their word is on its way, and may come before or after
        // the call's own notices), for a second at most, so that a ring-all offer goes to everyone who is free again.
        held.WaitsForTick = notice.Retry;
        foreach (var login in ended.Where(l => operators.TryGetValue(l, out var op) && op.Presence == OperatorPresence.Ringing && op.CallId == notice.CallId))
        {
            Await(held, login);
        }
        foreach (var login in notice.Ringing)
        {
            offered[login] = notice.CallId;
        }

        Dispatch();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task SetStrategyAsync(RoutingStrategy chosen, string actor)
    {
        strategy = (await GrainFactory.GetCentre(CentreId).SetStrategyAsync(chosen, actor)).Strategy ?? Options.DefaultStrategy;
        logger.LogInformation("Centre {CentreId} routes by {Strategy}", CentreId, strategy);
    }

    /// <inheritdoc />
    public async Task TickAsync()
    {
        var now = clock.GetUtcNow();
        foreach (var held in calls.Values)
        {
            if (held.Call.HomeCentreId is null && !held.Call.Escalated && now - held.Call.WaitingSince >= Options.ServiceLevelThreshold)
            {
                // The call records it once and tells supervisors; a call that already did ignores this.
                held.Call = held.Call with { Escalated = true };
                GrainFactory.GetCall(held.Call.CallId).MarkEscalatedAsync().Ignore();
                logger.LogWarning("Call {CallId} from kiosk {KioskId} waits past the service level", held.Call.CallId, held.Call.KioskId);
            }

            if (held.AskedAt is { } asked && now - asked >= Options.RingTimeout + Options.OfferGrace)
            {
                // An offer routing has heard nothing of for longer than a ring: ask the call where it is (this
                // reactivates a call whose silo died, and the call acts on its own deadline and tells routing).
                held.AskedAt = now;
                GrainFactory.GetCall(held.Call.CallId).TickAsync().Ignore();
            }
        }

        if (now - listReadAt >= Options.WaitingListInterval)
        {
            await ReadWaitingListAsync();
        }

        foreach (var held in calls.Values)
        {
            held.WaitsForTick = false;
            held.AwaitTicks--;
        }

        Dispatch();
        ShareQueue(now);
    }

    /// <inheritdoc />
    public Task<RoutingSnapshot> GetAsync() => Task.FromResult(new RoutingSnapshot(
        CentreId,
        strategy,
        [.. calls.Values.Select(h => h.Call).Order(WaitingCallOrder.Instance)],
        [.. operators.Values.OrderBy(o => o.Login, StringComparer.Ordinal)],
        QueueNow(),
        [.. partnerStates.Values.OrderBy(p => p.CentreId, StringComparer.Ordinal)]));

    /// <summary>
    /// Pairs every queued call with the free operators and sends each match to its call, one way. Free: Available as
    /// they last told, with no offer out to them and no decline since.
    /// </summary>
    private void Dispatch()
    {
        var now = clock.GetUtcNow();
        var free = FreeOperators();
        if (free.Count == 0)
        {
            return;
        }

        var queued = calls.Values.Where(h => !h.WaitsForTick && (h.Awaited.Count == 0 || h.AwaitTicks <= 0)).Select(h => h.Call);
        var (matches, rungLast) = Matchmaker.Match(queued, free, strategy, lastRung);
        lastRung = rungLast;
        foreach (var match in matches)
        {
            var held = calls[match.CallId];
            held.Call = held.Call with { OfferedTo = match.Operators };
            held.AskedAt = now;
            foreach (var login in match.Operators)
            {
                offered[login] = match.CallId;
            }

            GrainFactory.GetCall(match.CallId).OfferAsync(new CallOffer(match.Operators, held.Call.Attempts + 1, CentreId)).Ignore();
            logger.LogDebug("Call {CallId} offered to {Operators} (attempt {Attempt})", match.CallId, string.Join(", ", match.Operators), held.Call.Attempts + 1);
        }
    }
}
