using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Streams;
using Orleans.Streams.Core;
using Sos.Grains.Abstractions;
using Sos.Grains.Routing.Strategies;
using Sos.Grains.Streams;

namespace Sos.Grains.Routing;

/// <summary>
/// Automatic call distribution for one operations centre. Every decision about who rings and when an offer times
/// out is taken here, one request at a time. Answers, closes and wrap-ups are the operator's own moves, checked by
/// the call grain and told to routing one way, so they do not queue behind routing's decisions.
/// Calls and operators check each move against their own state, so a stale decision is refused, not applied.
/// Call graph: routing awaits calls and operators; they never await routing (no call cycles, no deadlocks).
/// </summary>
[ImplicitStreamSubscription(SosConstants.RoutingRequestsNamespace)]
public sealed class RoutingGrain(
    [PersistentState("routing", SosConstants.StateStore)] IPersistentState<RoutingState> state,
    [FromKeyedServices(SosConstants.ClockKey)] TimeProvider clock,
    IOptions<RoutingOptions> options,
    ILogger<RoutingGrain> logger) : Grain, IRoutingGrain, IStreamSubscriptionObserver, IAsyncObserver<RoutingRequest>, IIncomingGrainCallFilter
{
    /// <summary>Whether the state changed, in a part that must survive a restart, since it was last written.</summary>
    private bool unsaved;

    /// <summary>Whether the state holds a value: read from storage, or staged before the first write.</summary>
    private bool staged;

    /// <summary>When routing last read every operator's presence from the operator grains.</summary>
    private DateTimeOffset operatorsReadAt;

    /// <summary>
    /// When each console last reported in. Kept in memory only (a write per heartbeat would be wasteful): after a
    /// restart every watched console counts from the activation, so a console that died meanwhile is still noticed.
    /// </summary>
    private readonly Dictionary<string, DateTimeOffset> consoleSeen = new(StringComparer.Ordinal);

    private readonly DateTimeOffset activatedAt = clock.GetUtcNow();

    /// <summary>
    /// Operators whose grain could not be reached when rung (it was on a silo that just died), and until when they are
    /// passed over, so that the calls ring someone else meanwhile. In memory: it only matters for a second or two.
    /// </summary>
    private readonly Dictionary<string, DateTimeOffset> unreachableUntil = new(StringComparer.Ordinal);

    private RoutingOptions Options => options.Value;

    /// <summary>How long an operator who could not be reached is passed over: long enough for a dead silo to be declared dead.</summary>
    private TimeSpan UnreachableFor => Options.TickInterval * 4;

    private string CentreId => this.GetPrimaryKeyString();

    private RoutingState Routing => state.RecordExists || staged ? state.State : RoutingState.Empty;

    private RoutingStrategy Strategy => Routing.Strategy ?? Options.DefaultStrategy;

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // KeepAlive: a centre with a waiting call and nobody available must still escalate it on time.
        this.RegisterGrainTimer(
            static (grain, _) => grain.TickAsync(),
            this,
            new GrainTimerCreationOptions { DueTime = Options.TickInterval, Period = Options.TickInterval, KeepAlive = true });

        // The timer dies with this silo; the registry lets every other silo wake this centre up again.
        await GrainFactory.GetCentreRegistry().RegisterAsync(CentreId);

        // Operators' presences are not written on every change: the operator grains hold them, so read them again.
        await ReadOperatorsAsync();
    }

    /// <summary>
    /// Every request (a grain call or a stream event) ends by writing the state it changed, once, before its answer
    /// goes out. A routing decision touches several calls and operators, each of which writes its own state as it
    /// moves; routing's own record of the decision is written once per request rather than once per step.
    /// </summary>
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        finally
        {
            await SaveAsync();
        }
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
    public async Task SubmitAsync(RoutingRequest request)
    {
        switch (request.Kind)
        {
            case RoutingRequestKind.CallQueued or RoutingRequestKind.PriorityRaised:
                await QueueAsync(request);
                break;
            case RoutingRequestKind.CallAbandoned:
                await ForgetAsync(request.CallId, "the caller hung up");
                break;
        }

        await DispatchAsync();
    }

    /// <inheritdoc />
    public async Task<OperatorSnapshot> ChangePresenceAsync(string login, OperatorPresence presence)
    {
        var before = await SeeOperatorAsync(login);
        if (before.Presence == OperatorPresence.WrapUp && presence != OperatorPresence.WrapUp)
        {
            before = await FinishWrapUpAsync(login);
        }

        var after = await GrainFactory.GetOperator(login).ChangePresenceAsync(CentreId, presence);
        Stage(Routing.With(after));
        consoleSeen[login] = clock.GetUtcNow();
        if (before is { Presence: OperatorPresence.Ringing, CallId: { } ringingCallId })
        {
            await WithdrawOfferAsync(ringingCallId, login, $"operator {login} went {presence}");
        }

        await DispatchAsync();
        return after;
    }

    /// <inheritdoc />
    public async Task OperatorChangedAsync(OperatorSnapshot seen)
    {
        if (Routing.Operators.TryGetValue(seen.Login, out var known) && !seen.IsNotOlderThan(known))
        {
            return;
        }

        Stage(Routing.With(seen));
        if (seen is { Presence: OperatorPresence.OnCall, CallId: { } callId } && Routing.Calls.TryGetValue(callId, out var waiting))
        {
            // Answered: the call leaves the queue, and a ring-all offer stops ringing everyone else. Not written for
            // this alone: a routing reloaded from before it finds the call answered when the offer's deadline passes.
            Stage(Routing.Without(callId), durable: false);
            await Task.WhenAll(waiting.RingingOperators.Where(o => o != seen.Login).Select(o => StopRingingAsync(o, callId, missed: false)));
            logger.LogInformation("Call {CallId} answered by {Operator} after {Seconds} s", callId, seen.Login, (clock.GetUtcNow() - waiting.WaitingSince).TotalSeconds);
        }

        await DispatchAsync();
    }

    /// <inheritdoc />
    public async Task<CallSnapshot> TakeOverAsync(string supervisor, Guid callId, string reason)
    {
        var taker = await GrainFactory.GetOperator(supervisor).GetAsync();
        if (taker.Presence is OperatorPresence.OnCall or OperatorPresence.WrapUp)
        {
            throw new InvalidPresenceChangeException(supervisor, taker.Presence, $"take over call {callId}", "not to be on another call or in wrap-up");
        }

        var call = GrainFactory.GetCall(callId);
        var before = await call.GetAsync();
        var taken = await call.TakeOverAsync(supervisor, reason);
        var onCall = await GrainFactory.GetOperator(supervisor).TakeCallAsync(CentreId, callId);
        Stage(Routing.With(onCall).Without(callId));
        if (taker is { Presence: OperatorPresence.Ringing, CallId: { } otherCall } && otherCall != callId)
        {
            await WithdrawOfferAsync(otherCall, supervisor, $"{supervisor} took over another call");
        }

        foreach (var login in before.RingingOperators.Where(l => l != supervisor))
        {
            await StopRingingAsync(login, callId, missed: false);
        }

        if (before.ConnectedOperator is { } previous)
        {
            var released = await GrainFactory.GetOperator(previous).ReleaseCallAsync(callId, $"call taken over by {supervisor}");
            Stage(Routing.With(released));
        }

        logger.LogWarning("Call {CallId} taken over by supervisor {Supervisor}: {Reason}", callId, supervisor, reason);
        await DispatchAsync();
        return taken;
    }

    /// <inheritdoc />
    public async Task<CallSnapshot> ReassignAsync(string supervisor, Guid callId, string toLogin, string reason)
    {
        var target = await GrainFactory.GetOperator(toLogin).GetAsync();
        if (target.Presence != OperatorPresence.Available || target.CentreId != CentreId)
        {
            throw new InvalidPresenceChangeException(toLogin, target.Presence, $"be given call {callId}", $"Available in centre {CentreId}");
        }

        var call = GrainFactory.GetCall(callId);
        var before = await call.GetAsync();
        var reassigned = await call.ReassignAsync(supervisor, toLogin, reason);
        logger.LogWarning("Call {CallId} reassigned to {Operator} by supervisor {Supervisor}: {Reason}", callId, toLogin, supervisor, reason);
        if (reassigned.Status == CallStatus.Connected)
        {
            var onCall = await GrainFactory.GetOperator(toLogin).TakeCallAsync(CentreId, callId);
            Stage(Routing.With(onCall));
            if (before.ConnectedOperator is { } previous)
            {
                var released = await GrainFactory.GetOperator(previous).ReleaseCallAsync(callId, $"call reassigned to {toLogin} by {supervisor}");
                Stage(Routing.With(released));
            }

            await DispatchAsync();
            return reassigned;
        }

        // A waiting call: the old offer ends, and the chosen operator is rung before anyone else.
        foreach (var login in before.RingingOperators)
        {
            await StopRingingAsync(login, callId, missed: false);
        }

        var waiting = Routing.Calls.TryGetValue(callId, out var known)
            ? known with { RingingOperators = [], RingDeadline = null }
            : new WaitingCall(callId, reassigned.KioskId, reassigned.Priority, reassigned.OpenedAt, [], null, reassigned.Attempt, [], reassigned.Escalated);
        Stage(Routing.With(waiting));
        await OfferAsync([(waiting, [toLogin])]);
        await DispatchAsync();
        return await call.GetAsync();
    }

    /// <inheritdoc />
    public async Task<OperatorSnapshot> ConsoleHeartbeatAsync(string login)
    {
        consoleSeen[login] = clock.GetUtcNow();
        if (!Routing.ConsoleOperators.Contains(login))
        {
            Stage(Routing.WithConsole(login));
        }

        return await GrainFactory.GetOperator(login).GetAsync();
    }

    /// <inheritdoc />
    public async Task SetStrategyAsync(RoutingStrategy strategy)
    {
        Stage(Routing with { Strategy = strategy });
        logger.LogInformation("Centre {CentreId} routes by {Strategy}", CentreId, strategy);
    }

    /// <inheritdoc />
    public async Task TickAsync()
    {
        var now = clock.GetUtcNow();
        foreach (var timedOut in Routing.Calls.Values.Where(c => c.IsRinging && c.RingDeadline <= now).ToList())
        {
            await GuardAsync(timedOut.CallId, () => TimeOutRingAsync(timedOut));
        }

        foreach (var done in Routing.Operators.Values.Where(o => o.Presence == OperatorPresence.WrapUp && o.WrapUpUntil <= now).ToList())
        {
            await GuardAsync(done.CallId, () => FinishWrapUpAsync(done.Login));
        }

        foreach (var late in Routing.Calls.Values.Where(c => !c.Escalated && now - c.WaitingSince >= Options.ServiceLevelThreshold).ToList())
        {
            await GuardAsync(late.CallId, () => EscalateAsync(late, now));
        }

        foreach (var login in Routing.ConsoleOperators)
        {
            var lastSeen = consoleSeen.TryGetValue(login, out var seenAt) && seenAt > activatedAt ? seenAt : activatedAt;
            if (now - lastSeen >= Options.ConsoleTimeout
                && Routing.Operators.TryGetValue(login, out var watched)
                && watched.Presence is OperatorPresence.Available or OperatorPresence.Ringing)
            {
                await GuardAsync(watched.CallId, () => ConsoleLostAsync(login, now - lastSeen));
            }
        }

        if (now - operatorsReadAt >= Options.OperatorRefreshInterval)
        {
            // A notice from an operator is one way and can be lost with a silo: look at them all now and then.
            await GuardAsync(null, ReadOperatorsAsync);
        }

        foreach (var stranded in Routing.Operators.Values.Where(IsRingingWithoutOffer).ToList())
        {
            // Routing died between ringing the operator and recording the offer: nobody would ever stop that ring.
            await GuardAsync(stranded.CallId, () => StopRingingAsync(stranded.Login, stranded.CallId!.Value, missed: false));
        }

        await DispatchAsync();

        // The timer calls this directly, not through the call filter.
        await SaveAsync();
    }

    /// <inheritdoc />
    public Task<RoutingSnapshot> GetAsync()
    {
        var routing = Routing;
        return Task.FromResult(new RoutingSnapshot(
            CentreId,
            Strategy,
            [.. routing.Calls.Values.Order(WaitingCallOrder.Instance)],
            [.. routing.Operators.Values.OrderBy(o => o.Login, StringComparer.Ordinal)]));
    }

    /// <summary>Takes a queued call (or a raised priority) in; a call routing already holds is only updated.</summary>
    private async Task QueueAsync(RoutingRequest request)
    {
        if (Routing.Calls.TryGetValue(request.CallId, out var known))
        {
            if (request.Priority > known.Priority)
            {
                Stage(Routing.With(known with { Priority = request.Priority }));
            }

            return;
        }

        // Not held here: a new call, a resent one, or a stale request for a call already answered. The call decides.
        var call = await GrainFactory.GetCall(request.CallId).GetAsync();
        if (!call.IsWaiting)
        {
            return;
        }

        if (call.Status == CallStatus.Ringing)
        {
            // It rings someone routing no longer knows about (routing lost that decision): take the offer back.
            var ringing = call.RingingOperators;
            call = await GrainFactory.GetCall(call.CallId).ReturnToQueueAsync(missed: false, "routing resumed the call");
            foreach (var login in ringing)
            {
                await StopRingingAsync(login, call.CallId, missed: false);
            }
        }

        var waiting = new WaitingCall(call.CallId, call.KioskId, call.Priority, call.OpenedAt, [], null, call.Attempt, [], call.Escalated);
        Stage(Routing.With(waiting));
        logger.LogInformation("Call {CallId} from kiosk {KioskId} waits in centre {CentreId}", call.CallId, call.KioskId, CentreId);
    }

    /// <summary>
    /// Rings waiting calls, highest priority and longest waiting first, while operators are available. The offers of
    /// one round go to different operators, so they are made side by side.
    /// </summary>
    private async Task DispatchAsync()
    {
        // Calls whose offer could not be made (a grain on a silo that just died) wait for the next tick.
        var deferred = new HashSet<Guid>();
        while (true)
        {
            var plans = new List<(WaitingCall Call, ImmutableArray<string> Chosen)>();
            var taken = new HashSet<string>(StringComparer.Ordinal);
            var lastRung = Routing.LastRung;
            var now = clock.GetUtcNow();
            foreach (var next in Routing.Calls.Values.Where(c => !c.IsRinging && !deferred.Contains(c.CallId)).Order(WaitingCallOrder.Instance))
            {
                var available = Routing.Operators.Values
                    .Where(o => o.Presence == OperatorPresence.Available && !taken.Contains(o.Login) && !(unreachableUntil.TryGetValue(o.Login, out var until) && until > now))
                    .ToList();
                if (available.Count == 0)
                {
                    break;
                }

                // An operator who let this call ring out is offered it again only when nobody else is free.
                var fresh = available.Where(o => !next.MissedBy.Contains(o.Login)).ToList();
                var chosen = OperatorSelection.For(Strategy).Choose(fresh.Count > 0 ? fresh : available, lastRung);
                taken.UnionWith(chosen);
                lastRung = chosen[^1];
                plans.Add((next, chosen));
            }

            if (plans.Count == 0)
            {
                return;
            }

            deferred.UnionWith(await OfferAsync(plans));
            Stage(Routing with { LastRung = lastRung });
        }
    }

    /// <summary>
    /// Rings the chosen operators with their calls: first the operators (those no longer available are skipped), so
    /// a call that says it rings someone is always answerable by them; then the calls, side by side with routing's
    /// record of the offers. A crash between the two is found out either way: an offer the call does not have is
    /// reconciled when its deadline passes, and a ring that routing holds no offer for is stopped by the tick.
    /// </summary>
    private async Task<IEnumerable<Guid>> OfferAsync(IReadOnlyList<(WaitingCall Call, ImmutableArray<string> Chosen)> plans)
    {
        var rung = await Task.WhenAll(plans.Select(async plan => (plan.Call, Rung: await RingOperatorsAsync(plan.Call.CallId, plan.Chosen))));
        var offers = rung.Where(r => !r.Rung.IsEmpty).ToList();
        if (offers.Count == 0)
        {
            return [];
        }

        var deadline = clock.GetUtcNow() + Options.RingTimeout;
        foreach (var (call, operators) in offers)
        {
            Stage(Routing.With(call with { RingingOperators = operators, RingDeadline = deadline, Attempts = call.Attempts + 1 }));
        }

        var ringing = offers.Select(async offer => await RingCallAsync(offer.Call, offer.Rung) ? (Guid?)null : offer.Call.CallId).ToList();
        await Task.WhenAll(ringing.Cast<Task>().Append(SaveAsync()));
        return ringing.Select(r => r.Result).OfType<Guid>();
    }

    /// <summary>
    /// Rings each chosen operator, side by side; returns those who now ring with the call. An operator whose grain
    /// cannot answer now (its silo just died) is not rung this time.
    /// </summary>
    private async Task<ImmutableArray<string>> RingOperatorsAsync(Guid callId, ImmutableArray<string> chosen)
    {
        var seen = await Task.WhenAll(chosen.Select(async login =>
        {
            try
            {
                return await GrainFactory.GetOperator(login).RingAsync(callId);
            }
            catch (Exception exception) when (exception is not SosDomainException)
            {
                var until = clock.GetUtcNow() + UnreachableFor;
                unreachableUntil[login] = until;
                logger.LogWarning(exception, "Operator {Operator} could not be rung with call {CallId}; others are rung until {Until:O}", login, callId, until);
                return null;
            }
        }));
        foreach (var operatorSeen in seen.OfType<OperatorSnapshot>())
        {
            Stage(Routing.With(operatorSeen));
        }

        return [.. seen.OfType<OperatorSnapshot>().Where(o => o.Presence == OperatorPresence.Ringing && o.CallId == callId).Select(o => o.Login)];
    }

    /// <summary>
    /// The call rings the operators; a call that no longer waits leaves the queue. Returns false when the call could
    /// not be reached (its silo just died): the offer is taken back and the call waits for the next tick.
    /// </summary>
    private async Task<bool> RingCallAsync(WaitingCall waiting, ImmutableArray<string> rung)
    {
        try
        {
            var ringing = await GrainFactory.GetCall(waiting.CallId).RingAsync(rung);
            logger.LogInformation("Call {CallId} rings {Operators} (attempt {Attempt})", waiting.CallId, string.Join(", ", rung), ringing.Attempt);
            return true;
        }
        catch (SosDomainException exception)
        {
            logger.LogInformation("Call {CallId} no longer waits: {Reason}", waiting.CallId, exception.Message);
            Stage(Routing.Without(waiting.CallId));
            await Task.WhenAll(rung.Select(login => GuardAsync(waiting.CallId, () => StopRingingAsync(login, waiting.CallId, missed: false))));
            return true;
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Call {CallId} could not be rung; it is offered again at the next tick", waiting.CallId);
            if (Routing.Calls.TryGetValue(waiting.CallId, out var held))
            {
                Stage(Routing.With(held with { RingingOperators = [], RingDeadline = null }));
            }

            await Task.WhenAll(rung.Select(login => GuardAsync(waiting.CallId, () => StopRingingAsync(login, waiting.CallId, missed: false))));
            return false;
        }
    }

    /// <summary>Nobody answered in time: the offer counts as missed and the call waits for the next operator.</summary>
    private async Task TimeOutRingAsync(WaitingCall waiting)
    {
        try
        {
            await GrainFactory.GetCall(waiting.CallId).ReturnToQueueAsync(missed: true, $"no answer in {Options.RingTimeout.TotalSeconds:0.#} s");
        }
        catch (SosDomainException)
        {
            await ReconcileAsync(waiting);
            return;
        }

        Stage(Routing.With(waiting with
        {
            RingingOperators = [],
            RingDeadline = null,
            MissedBy = waiting.MissedBy.AddRange(waiting.RingingOperators.Except(waiting.MissedBy)),
        }));
        foreach (var login in waiting.RingingOperators)
        {
            await StopRingingAsync(login, waiting.CallId, missed: true);
        }

        logger.LogInformation("Call {CallId} was not answered by {Operators}; it waits again", waiting.CallId, string.Join(", ", waiting.RingingOperators));
    }

    /// <summary>One ringing operator left: the offer goes on for the others, or the call waits again.</summary>
    private async Task WithdrawOfferAsync(Guid callId, string login, string reason)
    {
        if (!Routing.Calls.TryGetValue(callId, out var waiting) || !waiting.RingingOperators.Contains(login))
        {
            return;
        }

        var rest = waiting.RingingOperators.Remove(login);
        if (rest.IsEmpty)
        {
            try
            {
                await GrainFactory.GetCall(callId).ReturnToQueueAsync(missed: false, reason);
            }
            catch (SosDomainException)
            {
                await ReconcileAsync(waiting);
                return;
            }

            Stage(Routing.With(waiting with { RingingOperators = [], RingDeadline = null }));
        }
        else
        {
            Stage(Routing.With(waiting with { RingingOperators = rest }));
        }
    }

    /// <summary>The operator's wrap-up is over: the operator grain closes the call and frees the operator.</summary>
    private async Task<OperatorSnapshot> FinishWrapUpAsync(string login)
    {
        var operatorGrain = GrainFactory.GetOperator(login);
        OperatorSnapshot available;
        try
        {
            available = await operatorGrain.EndWrapUpAsync();
        }
        catch (InvalidPresenceChangeException)
        {
            // They ended it themselves and routing has not heard yet: see them as they are.
            available = await operatorGrain.GetAsync();
        }

        Stage(Routing.With(available));
        return available;
    }

    /// <summary>Reads every operator of the centre again from their grains (after a restart, and now and then).</summary>
    private async Task ReadOperatorsAsync()
    {
        var seen = await Task.WhenAll(Routing.Operators.Keys.Select(ReadOperatorAsync));
        foreach (var snapshot in seen.OfType<OperatorSnapshot>())
        {
            Stage(Routing.With(snapshot));
        }

        operatorsReadAt = clock.GetUtcNow();
    }

    /// <summary>
    /// One operator as their grain has them, or null when it cannot answer now (its silo just died): routing keeps
    /// what it saw last and reads them again at the next refresh, rather than failing to start or to tick.
    /// </summary>
    private async Task<OperatorSnapshot?> ReadOperatorAsync(string login)
    {
        try
        {
            return await GrainFactory.GetOperator(login).GetAsync();
        }
        catch (Exception exception) when (exception is not SosDomainException)
        {
            logger.LogWarning(exception, "Routing of centre {CentreId} could not read operator {Operator}; it reads them again in {Interval}", CentreId, login, Options.OperatorRefreshInterval);
            return null;
        }
    }

    /// <summary>The operator's console stopped reporting in: sign them out, and a call that rings them rings someone else.</summary>
    private async Task ConsoleLostAsync(string login, TimeSpan silence)
    {
        var before = await SeeOperatorAsync(login);
        var after = await GrainFactory.GetOperator(login).SignOutAsync($"console silent for {silence.TotalSeconds:0} s");
        Stage(Routing.With(after));
        if (before is { Presence: OperatorPresence.Ringing, CallId: { } ringingCallId })
        {
            await WithdrawOfferAsync(ringingCallId, login, $"console of {login} lost");
        }

        logger.LogWarning("Operator {Operator} signed out: console silent for {Seconds} s", login, silence.TotalSeconds);
    }

    private async Task EscalateAsync(WaitingCall waiting, DateTimeOffset now)
    {
        await GrainFactory.GetCall(waiting.CallId).MarkEscalatedAsync();
        Stage(Routing.With(waiting with { Escalated = true }));
        var escalation = new CallEscalation(waiting.CallId, waiting.KioskId, waiting.WaitingSince, now);
        await this.GetStreamProvider(SosConstants.StreamProvider).Escalations(CentreId).TryPublishAsync(escalation, logger);
        logger.LogWarning("Call {CallId} from kiosk {KioskId} waits past the service level", waiting.CallId, waiting.KioskId);
    }

    /// <summary>The call is over for routing (abandoned): stop offering it.</summary>
    private async Task ForgetAsync(Guid callId, string reason)
    {
        if (!Routing.Calls.TryGetValue(callId, out var waiting))
        {
            return;
        }

        Stage(Routing.Without(callId));
        foreach (var login in waiting.RingingOperators)
        {
            await StopRingingAsync(login, callId, missed: false);
        }

        logger.LogInformation("Call {CallId} left the queue of centre {CentreId}: {Reason}", callId, CentreId, reason);
    }

    /// <summary>A call refused routing's move: read what it is now and follow it.</summary>
    private async Task ReconcileAsync(WaitingCall waiting)
    {
        var call = await GrainFactory.GetCall(waiting.CallId).GetAsync();
        if (!call.IsWaiting)
        {
            await ForgetAsync(waiting.CallId, $"it is {call.Status}");
            return;
        }

        // It still waits, but not as routing recorded it (an offer recorded and never made, or made and never
        // recorded, around a crash): take the call's word for whom it rings.
        var ringing = call.Status == CallStatus.Ringing ? call.RingingOperators : [];
        Stage(Routing.With(waiting with
        {
            RingingOperators = ringing,
            RingDeadline = ringing.IsEmpty ? null : clock.GetUtcNow() + Options.RingTimeout,
            Attempts = call.Attempt,
        }));
        await Task.WhenAll(waiting.RingingOperators.Except(ringing).Select(login => StopRingingAsync(login, waiting.CallId, missed: false)));
    }

    /// <summary>An operator ringing with a call that routing does not hold as ringing them (an offer lost with a silo).</summary>
    private bool IsRingingWithoutOffer(OperatorSnapshot seen) =>
        seen is { Presence: OperatorPresence.Ringing, CallId: { } callId } &&
        !(Routing.Calls.TryGetValue(callId, out var waiting) && waiting.RingingOperators.Contains(seen.Login));

    private async Task StopRingingAsync(string login, Guid callId, bool missed)
    {
        var seen = await GrainFactory.GetOperator(login).StopRingingAsync(callId, missed);
        Stage(Routing.With(seen));
    }

    /// <summary>
    /// Changes routing's state in memory; the request writes it once when it ends (see <see cref="Invoke"/>), when a
    /// part that must survive a restart changed: the waiting calls and their offers, who belongs to the centre, the
    /// strategy, the watched consoles; or not at all for a change that a reloaded routing finds out by itself
    /// (<paramref name="durable"/> false). An operator's presence alone is not written here: the operator grain holds it,
    /// and routing reads it again when it starts (see <see cref="ReadOperatorsAsync"/>).
    /// </summary>
    private void Stage(RoutingState next, bool durable = true)
    {
        var before = Routing;
        state.State = next;
        staged = true;
        unsaved |= durable && (!ReferenceEquals(before.Calls, next.Calls)
            || before.Strategy != next.Strategy
            || !ReferenceEquals(before.Consoles, next.Consoles)
            || before.Operators.Count != next.Operators.Count);
    }

    private async Task SaveAsync()
    {
        if (!unsaved)
        {
            return;
        }

        // Cleared before the write, so a change staged while it is under way is written by the next save.
        unsaved = false;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            unsaved = true;
            throw;
        }
    }

    private async Task<OperatorSnapshot> SeeOperatorAsync(string login) =>
        Routing.Operators.TryGetValue(login, out var seen) ? seen : await GrainFactory.GetOperator(login).GetAsync();

    /// <summary>One deadline failing (a storage hiccup) must not stop the others; the next tick tries it again.</summary>
    private async Task GuardAsync(Guid? callId, Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Routing of centre {CentreId} could not act on a deadline of call {CallId}", CentreId, callId);
        }
    }
}
