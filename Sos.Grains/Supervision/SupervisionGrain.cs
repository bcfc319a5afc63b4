using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Sos.Grains.Abstractions;

namespace Sos.Grains.Supervision;

/// <summary>
/// Supervisors' moves: take over and reassign. The call decides and records who and why; this then moves the
/// operators (the new one onto the call, the previous one off it). Stateless; awaits calls and operators, and nobody
/// but consoles awaits it, so the call graph keeps no cycle.
/// </summary>
[StatelessWorker]
public sealed class SupervisionGrain(ILogger<SupervisionGrain> logger) : Grain, ISupervisionGrain
{
    /// <inheritdoc />
    public async Task<CallSnapshot> AnnounceTakeOverAsync(string supervisor, Guid callId, string reason, DateTimeOffset at)
    {
        await EnsureSupervisesAsync(supervisor, await GrainFactory.GetCall(callId).GetAsync());
        await EnsureFreeToTakeAsync(supervisor, callId);
        return await GrainFactory.GetCall(callId).AnnounceTakeOverAsync(supervisor, reason, at);
    }

    /// <inheritdoc />
    public async Task<CallSnapshot> TakeOverAsync(string supervisor, Guid callId, string reason)
    {
        var call = GrainFactory.GetCall(callId);
        var before = await call.GetAsync();
        await EnsureSupervisesAsync(supervisor, before);
        await EnsureFreeToTakeAsync(supervisor, callId);
        var taken = await call.TakeOverAsync(supervisor, reason);
        await GrainFactory.GetOperator(supervisor).TakeCallAsync(taken.CentreId, callId);
        if (before.ConnectedOperator is { } previous)
        {
            await GrainFactory.GetOperator(previous).ReleaseCallAsync(callId, PresenceCause.TakenOver(supervisor));
        }

        logger.LogWarning("Call {CallId} taken over by supervisor {Supervisor}: {Reason}", callId, supervisor, reason);
        return taken;
    }

    /// <summary>Only an enabled supervisor of the call's own centre moves a call.</summary>
    private async Task EnsureSupervisesAsync(string supervisor, CallSnapshot call)
    {
        var account = await GrainFactory.GetAccount(supervisor).GetAsync();
        var action = $"take over or move call {call.CallId}";
        if (!account.Exists || account.Disabled || account.Profile is not { } profile || !profile.Roles.Contains(AccountRole.Supervisor))
        {
            throw new AccessRefusedException(supervisor, action, "only an enabled supervisor may");
        }

        if (profile.CentreId != call.CentreId)
        {
            throw new AccessRefusedException(supervisor, action, $"they supervise centre {profile.CentreId} and the call is centre {call.CentreId}'s");
        }
    }

    private async Task EnsureFreeToTakeAsync(string supervisor, Guid callId)
    {
        var taker = await GrainFactory.GetOperator(supervisor).GetAsync();
        if (taker.Presence is OperatorPresence.OnCall or OperatorPresence.WrapUp)
        {
            throw new InvalidPresenceChangeException(supervisor, taker.Presence, $"take over call {callId}", "not to be on another call or in wrap-up");
        }
    }

    /// <inheritdoc />
    public async Task<CallSnapshot> ReassignAsync(string supervisor, Guid callId, string toLogin, string reason)
    {
        var call = GrainFactory.GetCall(callId);
        var before = await call.GetAsync();
        await EnsureSupervisesAsync(supervisor, before);
        var target = await GrainFactory.GetOperator(toLogin).GetAsync();
        if (target.Presence != OperatorPresence.Available || target.CentreId != before.CentreId)
        {
            throw new InvalidPresenceChangeException(toLogin, target.Presence, $"be given call {callId}", $"Available in centre {before.CentreId}");
        }

        var reassigned = await call.ReassignAsync(supervisor, toLogin, reason);
        logger.LogWarning("Call {CallId} reassigned to {Operator} by supervisor {Supervisor}: {Reason}", callId, toLogin, supervisor, reason);
        if (reassigned.Status == CallStatus.Connected)
        {
            await GrainFactory.GetOperator(toLogin).TakeCallAsync(reassigned.CentreId, callId);
            if (before.ConnectedOperator is { } previous)
            {
                await GrainFactory.GetOperator(previous).ReleaseCallAsync(callId, PresenceCause.Reassigned(toLogin, supervisor));
            }
        }

        return reassigned;
    }
}
