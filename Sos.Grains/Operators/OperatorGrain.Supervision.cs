using Sos.Grains.Abstractions;

namespace Sos.Grains.Operators;

/// <summary>Supervisors' moves on the operator: put on a call (take-over, reassignment) and taken off one.</summary>
public sealed partial class OperatorGrain
{
    /// <inheritdoc />
    public async Task<OperatorSnapshot> TakeCallAsync(string centreId, Guid callId)
    {
        var current = Stored;
        if (current.Presence == OperatorPresence.OnCall && current.CallId == callId)
        {
            return Operator;
        }

        if (current.Presence is OperatorPresence.OnCall or OperatorPresence.WrapUp)
        {
            throw new InvalidPresenceChangeException(Login, current.Presence, $"take call {callId}", "not to be on another call or in wrap-up");
        }

        if (ring?.CallId != callId)
        {
            LeaveRing($"{Login} took over another call");
        }

        ring = null;
        return await ChangeAsync(OnCall(current, centreId, callId, clock.GetUtcNow()));
    }

    /// <inheritdoc />
    public async Task<OperatorSnapshot> ReleaseCallAsync(Guid callId, PresenceCause cause)
    {
        var current = Stored;
        if (current.Presence != OperatorPresence.OnCall || current.CallId != callId)
        {
            return Operator;
        }

        var now = clock.GetUtcNow();
        return await ChangeAsync(current with
        {
            Presence = OperatorPresence.Available,
            PresenceSince = now,
            PresenceReason = cause.English,
            Cause = cause,
            CallId = null,
            IdleSince = now,
            TalkTime = current.TalkTime + (now - current.PresenceSince),
        });
    }
}
