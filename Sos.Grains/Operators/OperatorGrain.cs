using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sos.Grains.Abstractions;
using Sos.Grains.Routing;
using Sos.Grains.Storage;
using Sos.Grains.Streams;

namespace Sos.Grains.Operators;

/// <summary>
/// One operator. Checks every presence move against the operator's current presence and keeps the counters;
/// the centre's routing grain is its only writer, so routing decisions never race each other.
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
        await ChangeAsync(next);
        logger.LogInformation("Operator {Operator} is {Presence} in centre {CentreId}", Login, presence, centreId);
        return next;
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
        await ChangeAsync(next);
        return next;
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

        await ChangeAsync(next);
        return next;
    }

    /// <inheritdoc />
    public async Task<OperatorSnapshot> ConnectAsync(Guid callId)
    {
        var current = Operator;
        if (current.Presence != OperatorPresence.Ringing || current.CallId != callId)
        {
            throw new InvalidPresenceChangeException(Login, current.Presence, $"answer call {callId}", $"Ringing with call {callId}");
        }

        var next = current with
        {
            Presence = OperatorPresence.OnCall,
            PresenceSince = clock.GetUtcNow(),
            Answered = current.Answered + 1,
            MissedInRow = 0,
        };
        await ChangeAsync(next);
        return next;
    }

    /// <inheritdoc />
    public async Task<OperatorSnapshot> BeginWrapUpAsync(Guid callId, DateTimeOffset until)
    {
        var current = Operator;
        if (current.Presence != OperatorPresence.OnCall || current.CallId != callId)
        {
            throw new InvalidPresenceChangeException(Login, current.Presence, $"wrap up call {callId}", $"OnCall with call {callId}");
        }

        var now = clock.GetUtcNow();
        var next = current with
        {
            Presence = OperatorPresence.WrapUp,
            PresenceSince = now,
            WrapUpUntil = until,
            TalkTime = current.TalkTime + (now - current.PresenceSince),
        };
        await ChangeAsync(next);
        return next;
    }

    /// <inheritdoc />
    public async Task<OperatorSnapshot> EndWrapUpAsync()
    {
        var current = Operator;
        if (current.Presence != OperatorPresence.WrapUp)
        {
            throw new InvalidPresenceChangeException(Login, current.Presence, "end a wrap-up", "WrapUp");
        }

        var now = clock.GetUtcNow();
        var next = current with
        {
            Presence = OperatorPresence.Available,
            PresenceSince = now,
            CallId = null,
            WrapUpUntil = null,
            IdleSince = now,
        };
        await ChangeAsync(next);
        return next;
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
        await ChangeAsync(next);
        logger.LogWarning("Operator {Operator} signed out: {Reason}", Login, reason);
        return next;
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
        await ChangeAsync(next);
        return next;
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
        await ChangeAsync(next);
        return next;
    }

    private async Task ChangeAsync(OperatorSnapshot next)
    {
        await state.CommitAsync(next);
        if (next.CentreId is { } centreId)
        {
            await this.GetStreamProvider(SosConstants.StreamProvider).OperatorChanges(centreId).TryPublishAsync(next, logger);
        }
    }
}
