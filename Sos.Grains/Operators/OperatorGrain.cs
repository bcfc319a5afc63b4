using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sos.Grains.Abstractions;
using Sos.Grains.Routing;
using Sos.Grains.Storage;
using Sos.Grains.Streams;

namespace Sos.Grains.Operators;

/// <summary>
/// One operator. Checks every presence move against the operator's current presence and keeps the counters.
/// Rings, presence choices and supervisors' moves come from the centre's routing grain; the operator's own moves on
/// a call (answer, finish, end the wrap-up) are checked by the call grain and then told to routing one way.
/// </summary>
public sealed class OperatorGrain(
    [PersistentState("operator", SosConstants.StateStore)] IPersistentState<OperatorSnapshot> state,
    [FromKeyedServices(SosConstants.ClockKey)] TimeProvider clock,
    IOptions<RoutingOptions> options,
    ILogger<OperatorGrain> logger) : Grain, IOperatorGrain
{
    private string Login => this.GetPrimaryKeyString();

    private OperatorSnapshot Operator => state.RecordExists
        ? state.State
        : new OperatorSnapshot(Login, null, OperatorPresence.Offline, default, null, null, null, null, 0, 0, 0, TimeSpan.Zero);

    /// <inheritdoc />
    public Task<OperatorSnapshot> GetAsync() => Task.FromResult(Operator);

    /// <inheritdoc />
    public async Task<OperatorSnapshot> ChangePresenceAsync(string centreId, OperatorPresence presence)
    {
        var current = Operator;
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
            return current;
        }

        var now = clock.GetUtcNow();
        var next = current with
        {
            CentreId = centreId,
            Presence = presence,
            PresenceSince = now,
            PresenceReason = null,
            CallId = null,
            IdleSince = presence == OperatorPresence.Available ? now : current.IdleSince,
            MissedInRow = presence == OperatorPresence.Available ? 0 : current.MissedInRow,
        };
        var changed = await ChangeAsync(next);
        logger.LogInformation("Operator {Operator} is {Presence} in centre {CentreId}", Login, presence, centreId);
        return changed;
    }

    /// <inheritdoc />
    public async Task<OperatorSnapshot> RingAsync(Guid callId)
    {
        var current = Operator;
        if (current.Presence == OperatorPresence.Ringing && current.CallId == callId)
        {
            return current;
        }

        if (current.Presence != OperatorPresence.Available)
        {
            return current;
        }

        var next = current with { Presence = OperatorPresence.Ringing, PresenceSince = clock.GetUtcNow(), CallId = callId };
        return await ChangeAsync(next);
    }

    /// <inheritdoc />
    public async Task<OperatorSnapshot> StopRingingAsync(Guid callId, bool missed)
    {
        var current = Operator;
        if (current.Presence != OperatorPresence.Ringing || current.CallId != callId)
        {
            return current;
        }

        var now = clock.GetUtcNow();
        var next = current with { Presence = OperatorPresence.Available, PresenceSince = now, CallId = null };
        if (missed)
        {
            next = next with { Missed = current.Missed + 1, MissedInRow = current.MissedInRow + 1 };
            if (next.MissedInRow >= options.Value.MissedOffersBeforeBreak)
            {
                next = next with
                {
                    Presence = OperatorPresence.Break,
                    PresenceReason = $"missed {next.MissedInRow} offers in a row",
                };
                logger.LogWarning("Operator {Operator} put on break after {Missed} missed offers", Login, next.MissedInRow);
            }
        }

        return await ChangeAsync(next);
    }

    /// <inheritdoc />
    public async Task<CallSnapshot> AnswerAsync(Guid callId)
    {
        var current = Operator;
        var call = GrainFactory.GetCall(callId);
        if (current.Presence != OperatorPresence.Ringing || current.CallId != callId)
        {
            var seen = await call.GetAsync();
            throw seen.Exists
                ? new InvalidCallTransitionException(callId, seen.Status, $"accept as {Login}", $"Ringing operator {Login}")
                : new UnknownCallException(callId, "does not exist");
        }

        // The call decides: it refuses an answer when the offer was taken back or another operator was first.
        var connected = await call.ConnectAsync(Login);
        await ChangeAsync(current with
        {
            Presence = OperatorPresence.OnCall,
            PresenceSince = clock.GetUtcNow(),
            Answered = current.Answered + 1,
            MissedInRow = 0,
        });
        TellRouting();
        return connected;
    }

    /// <inheritdoc />
    public async Task<CallSnapshot> FinishCallAsync(Guid callId, CallClosure closure)
    {
        var call = GrainFactory.GetCall(callId);
        var wrapUp = await call.BeginWrapUpAsync(Login, closure);

        // The call was connected to this operator, so they are on it (or they were, when a silo died between the
        // call's answer and theirs): either way, they wrap it up now.
        var current = Operator;
        var now = clock.GetUtcNow();
        var talking = current.Presence == OperatorPresence.OnCall && current.CallId == callId;
        var wrapping = current with
        {
            Presence = OperatorPresence.WrapUp,
            PresenceSince = now,
            PresenceReason = null,
            CallId = callId,
            WrapUpUntil = now + options.Value.WrapUpDuration,
            TalkTime = talking ? current.TalkTime + (now - current.PresenceSince) : current.TalkTime,
        };
        if (options.Value.WrapUpDuration > TimeSpan.Zero)
        {
            await ChangeAsync(wrapping);
            TellRouting();
            return wrapUp;
        }

        // No wrap-up time: the call closes and the operator is free in one step.
        var closed = await call.CloseAsync(Actors.System);
        await ChangeAsync(Freed(wrapping, now));
        TellRouting();
        return closed;
    }

    /// <inheritdoc />
    public async Task<OperatorSnapshot> EndWrapUpAsync()
    {
        var current = Operator;
        if (current.Presence != OperatorPresence.WrapUp)
        {
            throw new InvalidPresenceChangeException(Login, current.Presence, "end a wrap-up", "WrapUp");
        }

        // The call closes and the operator frees up side by side: neither move depends on the other.
        var next = Freed(current, clock.GetUtcNow());
        await Task.WhenAll(current.CallId is { } callId ? CloseQuietlyAsync(callId) : Task.CompletedTask, ChangeAsync(next));
        TellRouting();
        return Operator;
    }

    /// <inheritdoc />
    public async Task<OperatorSnapshot> SignOutAsync(string reason)
    {
        var current = Operator;
        if (current.Presence is OperatorPresence.OnCall or OperatorPresence.WrapUp)
        {
            throw new InvalidPresenceChangeException(Login, current.Presence, "be signed out", "the call to be finished and wrapped up first");
        }

        if (current.Presence == OperatorPresence.Offline)
        {
            return current;
        }

        var next = current with
        {
            Presence = OperatorPresence.Offline,
            PresenceSince = clock.GetUtcNow(),
            PresenceReason = reason,
            CallId = null,
        };
        var changed = await ChangeAsync(next);
        logger.LogWarning("Operator {Operator} signed out: {Reason}", Login, reason);
        return changed;
    }

    /// <inheritdoc />
    public async Task<OperatorSnapshot> TakeCallAsync(string centreId, Guid callId)
    {
        var current = Operator;
        if (current.Presence == OperatorPresence.OnCall && current.CallId == callId)
        {
            return current;
        }

        if (current.Presence is OperatorPresence.OnCall or OperatorPresence.WrapUp)
        {
            throw new InvalidPresenceChangeException(Login, current.Presence, $"take call {callId}", "not to be on another call or in wrap-up");
        }

        var next = current with
        {
            CentreId = centreId,
            Presence = OperatorPresence.OnCall,
            PresenceSince = clock.GetUtcNow(),
            PresenceReason = null,
            CallId = callId,
            Answered = current.Answered + 1,
            MissedInRow = 0,
        };
        return await ChangeAsync(next);
    }

    /// <inheritdoc />
    public async Task<OperatorSnapshot> ReleaseCallAsync(Guid callId, string reason)
    {
        var current = Operator;
        if (current.Presence != OperatorPresence.OnCall || current.CallId != callId)
        {
            return current;
        }

        var now = clock.GetUtcNow();
        var next = current with
        {
            Presence = OperatorPresence.Available,
            PresenceSince = now,
            PresenceReason = reason,
            CallId = null,
            IdleSince = now,
            TalkTime = current.TalkTime + (now - current.PresenceSince),
        };
        return await ChangeAsync(next);
    }

    private static OperatorSnapshot Freed(OperatorSnapshot current, DateTimeOffset now) => current with
    {
        Presence = OperatorPresence.Available,
        PresenceSince = now,
        PresenceReason = null,
        CallId = null,
        WrapUpUntil = null,
        IdleSince = now,
    };

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

    /// <summary>
    /// Tells the centre's routing what the operator did on their own. One way: routing waits for operators, so an
    /// operator never waits for routing.
    /// </summary>
    private void TellRouting()
    {
        if (Operator.CentreId is { } centreId)
        {
            GrainFactory.GetRouting(centreId).OperatorChangedAsync(Operator).Ignore();
        }
    }

    /// <summary>Writes the operator's next state (one version on) and publishes it; returns what was written.</summary>
    private async Task<OperatorSnapshot> ChangeAsync(OperatorSnapshot next)
    {
        next = next with { Version = Operator.Version + 1 };
        await state.CommitAsync(next);
        if (next.CentreId is { } centreId)
        {
            await this.GetStreamProvider(SosConstants.StreamProvider).OperatorChanges(centreId).TryPublishAsync(next, logger);
        }

        return next;
    }
}
