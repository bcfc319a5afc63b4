using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sos.Grains.Abstractions;
using Sos.Grains.Routing;
using Sos.Grains.Storage;
using Sos.Grains.Streams;

namespace Sos.Grains.Operators;

/// <summary>
/// One operator: the one owner of their presence, their console's liveness lease and their counters. A ring is held
/// in memory only (the call owns the offer and its deadline); every change and every heartbeat is told to the centre's
/// routing one way. Their own timer signs them out when their console falls silent and ends a wrap-up on time
/// (<c>OperatorGrain.Console.cs</c>).
/// </summary>
public sealed partial class OperatorGrain(
    [PersistentState("operator", SosConstants.StateStore)] IPersistentState<OperatorSnapshot> state,
    [FromKeyedServices(SosConstants.ClockKey)] TimeProvider clock,
    IOptions<RoutingOptions> options,
    ILogger<OperatorGrain> logger) : Grain, IOperatorGrain
{
    private IGrainTimer? timer;
    private OperatorRing? ring;
    private DateTimeOffset ringingSince;

    /// <summary>The ring this operator ended on its own deadline because the call's word had not come (yet).</summary>
    private OperatorRing? lapsedRing;
    private DateTimeOffset consoleHeardAt;

    private RoutingOptions Options => options.Value;

    private string Login => this.GetPrimaryKeyString();

    /// <summary>The operator as written: never Ringing.</summary>
    private OperatorSnapshot Stored => state.RecordExists
        ? state.State
        : new OperatorSnapshot(Login, null, OperatorPresence.Offline, default, null, null, null, null, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The operator as they are: what is written, ringing while a call rings them.</summary>
    private OperatorSnapshot Operator => ring is { } r && Stored.Presence == OperatorPresence.Available
        ? Stored with { Presence = OperatorPresence.Ringing, PresenceSince = ringingSince, CallId = r.CallId, RingAttempt = r.Attempt }
        : Stored;

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.RecordExists && state.State.Presence == OperatorPresence.Ringing)
        {
            // Written by an older Sos, which wrote rings: a ring is the call's, and the call's own timer ends it.
            state.State = state.State with { Presence = OperatorPresence.Available, CallId = null };
        }

        // A watched console counts from the activation, so one that died with the previous activation is still noticed.
        consoleHeardAt = clock.GetUtcNow();
        UpdateTimer();
        TellRouting();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<OperatorSnapshot> GetAsync() => Task.FromResult(Operator);

    /// <inheritdoc />
    public async Task<OperatorSnapshot> ChangePresenceAsync(string centreId, OperatorPresence presence)
    {
        var current = Stored;
        if (presence is not (OperatorPresence.Available or OperatorPresence.Break or OperatorPresence.Offline))
        {
            throw new InvalidPresenceChangeException(Login, current.Presence, $"choose {presence}", "Available, Break or Offline (the other presences follow calls)");
        }

        if (current.Presence is OperatorPresence.OnCall or OperatorPresence.WrapUp)
        {
            throw new InvalidPresenceChangeException(Login, current.Presence, $"go {presence}", "the call to be finished and wrapped up first");
        }

        if (current.Presence == presence && current.CentreId == centreId)
        {
            return Operator;
        }

        if (current.CentreId != centreId)
        {
            await GrainFactory.GetCentre(centreId).JoinAsync(Login);
        }

        LeaveRing($"operator {Login} went {presence}");
        var now = clock.GetUtcNow();
        var changed = await ChangeAsync(current with
        {
            CentreId = centreId,
            Presence = presence,
            PresenceSince = now,
            PresenceReason = null,
            Cause = null,
            CallId = null,
            IdleSince = presence == OperatorPresence.Available ? now : current.IdleSince,
            MissedInRow = presence == OperatorPresence.Available ? 0 : current.MissedInRow,
        });
        logger.LogInformation("Operator {Operator} is {Presence} in centre {CentreId}", Login, presence, centreId);
        return changed;
    }

    /// <inheritdoc />
    public Task RingAsync(OperatorRing offered)
    {
        if (ring == offered)
        {
            return Task.CompletedTask;
        }

        if (Stored.Presence != OperatorPresence.Available || ring is not null)
        {
            GrainFactory.GetCall(offered.CallId).DeclineAsync(Login, offered.Attempt, $"operator {Login} is {Operator.Presence}").Ignore();
            return Task.CompletedTask;
        }

        ring = offered;
        ringingSince = clock.GetUtcNow();
        UpdateTimer();
        return PublishAsync();
    }

    /// <inheritdoc />
    public async Task StopRingingAsync(Guid callId, int attempt, bool missed)
    {
        if (ring is { } current && current.CallId == callId && current.Attempt == attempt)
        {
            ring = null;
        }
        else if (!(missed && lapsedRing is { } lapsed && lapsed.CallId == callId && lapsed.Attempt == attempt))
        {
            // Another call's or an older attempt's word: the ring it ended is over already.
            return;
        }

        // A ring this operator let go on its own deadline is still counted as missed when the call's word comes.
        lapsedRing = null;
        if (!missed)
        {
            await PublishAsync();
            return;
        }

        var stored = Stored;
        var next = stored with { Missed = stored.Missed + 1, MissedInRow = stored.MissedInRow + 1 };
        if (next.MissedInRow >= Options.MissedOffersBeforeBreak && next.Presence == OperatorPresence.Available)
        {
            next = next with { Presence = OperatorPresence.Break, PresenceSince = clock.GetUtcNow(), PresenceReason = PresenceCause.MissedOffers(next.MissedInRow).English, Cause = PresenceCause.MissedOffers(next.MissedInRow) };
            logger.LogWarning("Operator {Operator} put on break after {Missed} missed offers", Login, next.MissedInRow);
        }

        await ChangeAsync(next);
    }

    /// <inheritdoc />
    public async Task<CallSnapshot> AnswerAsync(Guid callId)
    {
        var call = GrainFactory.GetCall(callId);
        if (Stored.Presence is OperatorPresence.OnCall or OperatorPresence.WrapUp)
        {
            var seen = await call.GetAsync();
            throw seen.Exists
                ? new InvalidCallTransitionException(callId, seen.Status, $"accept as {Login}", $"Ringing operator {Login}, who is free")
                : new UnknownCallException(callId, "does not exist");
        }

        // The call decides: it refuses an answer when the offer was taken back or another operator was first.
        var connected = await call.ConnectAsync(Login);
        ring = null;
        await ChangeAsync(OnCall(Stored, Stored.CentreId ?? connected.CentreId, callId, clock.GetUtcNow()));
        return connected;
    }

    /// <inheritdoc />
    public async Task<CallSnapshot> FinishCallAsync(Guid callId, CallClosure closure)
    {
        var call = GrainFactory.GetCall(callId);
        var wrapUp = await call.BeginWrapUpAsync(Login, closure);

        // The call was connected to this operator, so they are on it (or they were, when a silo died between the
        // call's answer and theirs): either way, they wrap it up now.
        var current = Stored;
        var now = clock.GetUtcNow();
        var talking = current.Presence == OperatorPresence.OnCall && current.CallId == callId;
        var wrapping = current with
        {
            Presence = OperatorPresence.WrapUp,
            PresenceSince = now,
            PresenceReason = null,
            Cause = null,
            CallId = callId,
            WrapUpUntil = now + Options.WrapUpDuration,
            TalkTime = talking ? current.TalkTime + (now - current.PresenceSince) : current.TalkTime,
        };
        if (Options.WrapUpDuration > TimeSpan.Zero)
        {
            await ChangeAsync(wrapping);
            return wrapUp;
        }

        // No wrap-up time: the call closes and the operator is free in one step.
        var closed = await call.CloseAsync(Actors.System);
        await ChangeAsync(Freed(wrapping, now));
        return closed;
    }

    /// <inheritdoc />
    public async Task<OperatorSnapshot> EndWrapUpAsync()
    {
        var current = Stored;
        if (current.Presence != OperatorPresence.WrapUp)
        {
            throw new InvalidPresenceChangeException(Login, current.Presence, "end a wrap-up", "WrapUp");
        }

        // The call closes and the operator frees up side by side: neither move depends on the other.
        await Task.WhenAll(current.CallId is { } callId ? CloseQuietlyAsync(callId) : Task.CompletedTask, ChangeAsync(Freed(current, clock.GetUtcNow())));
        return Operator;
    }

    /// <summary>The operator on <paramref name="callId"/>: answered, taken over or given to them.</summary>
    private static OperatorSnapshot OnCall(OperatorSnapshot current, string centreId, Guid callId, DateTimeOffset now) => current with
    {
        CentreId = centreId,
        Presence = OperatorPresence.OnCall,
        PresenceSince = now,
        PresenceReason = null,
        Cause = null,
        CallId = callId,
        Answered = current.Answered + 1,
        MissedInRow = 0,
    };

    private static OperatorSnapshot Freed(OperatorSnapshot current, DateTimeOffset now) => current with
    {
        Presence = OperatorPresence.Available,
        PresenceSince = now,
        PresenceReason = null,
        Cause = null,
        CallId = null,
        WrapUpUntil = null,
        IdleSince = now,
    };

    /// <summary>The operator stops ringing with a call on their own: the call goes on without them, without a miss.</summary>
    private void LeaveRing(string reason)
    {
        if (ring is { } left)
        {
            ring = null;
            GrainFactory.GetCall(left.CallId).DeclineAsync(Login, left.Attempt, reason).Ignore();
        }
    }

    private async Task CloseQuietlyAsync(Guid callId)
    {
        try
        {
            await GrainFactory.GetCall(callId).CloseAsync(Actors.Operator(Login));
        }
        catch (InvalidCallTransitionException)
        {
            // Already closed (or taken over): nothing left to close.
        }
    }

    /// <summary>Tells the centre's routing where the operator is. One way: routing never waits for operators, nor they for it.</summary>
    private void TellRouting()
    {
        if (Operator.CentreId is { } centreId)
        {
            GrainFactory.GetRouting(centreId).OperatorChangedAsync(Operator).Ignore();
        }
    }

    /// <summary>Publishes the operator as they are now and tells routing, with nothing to write (a ring).</summary>
    private async Task PublishAsync()
    {
        if (Operator.CentreId is { } centreId)
        {
            await this.GetStreamProvider(SosConstants.StreamProvider).OperatorChanges(centreId).TryPublishAsync(Operator, logger);
        }

        TellRouting();
    }

    /// <summary>Writes the operator's next state, publishes it and tells routing; returns the operator as they are.</summary>
    private async Task<OperatorSnapshot> ChangeAsync(OperatorSnapshot next)
    {
        await state.CommitAsync(next);
        UpdateTimer();
        await PublishAsync();
        return Operator;
    }
}
