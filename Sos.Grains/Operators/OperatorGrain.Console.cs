using Microsoft.Extensions.Logging;
using Sos.Grains.Abstractions;

namespace Sos.Grains.Operators;

/// <summary>The operator's console lease and their timer: heartbeats, sign-out of a silent console, the wrap-up's end.</summary>
public sealed partial class OperatorGrain
{
    /// <inheritdoc />
    public async Task<OperatorSnapshot> HeartbeatAsync()
    {
        consoleHeardAt = clock.GetUtcNow();
        if (!Stored.HasConsole)
        {
            await ChangeAsync(Stored with { HasConsole = true });
        }
        else
        {
            TellRouting();
        }

        UpdateTimer();
        return Operator;
    }

    /// <inheritdoc />
    public Task AnnounceAsync()
    {
        TellRouting();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task TickAsync()
    {
        var now = clock.GetUtcNow();
        if (ring is { } stale && now > stale.Deadline + Options.OfferGrace)
        {
            // The call's word that its ring ended never came (lost with a silo); its deadline has long passed.
            ring = null;
            lapsedRing = stale;
            await PublishAsync();
        }

        var silence = now - consoleHeardAt;
        if (Stored.HasConsole && Operator.Presence is OperatorPresence.Available or OperatorPresence.Ringing && silence >= Options.ConsoleTimeout)
        {
            LeaveRing($"console of {Login} lost");
            await ChangeAsync(Stored with { Presence = OperatorPresence.Offline, PresenceSince = now, PresenceReason = PresenceCause.ConsoleSilent(silence.TotalSeconds).English, Cause = PresenceCause.ConsoleSilent(silence.TotalSeconds), CallId = null });
            logger.LogWarning("Operator {Operator} signed out: console silent for {Seconds} s", Login, silence.TotalSeconds);
        }

        if (Stored is { Presence: OperatorPresence.WrapUp, WrapUpUntil: { } until } && until <= now)
        {
            await EndWrapUpAsync();
        }

        UpdateTimer();
    }

    /// <summary>Runs the timer while there is something to watch: a watched console, a wrap-up, a ring.</summary>
    private void UpdateTimer()
    {
        var presence = Stored.Presence;
        var watch = ring is not null || presence == OperatorPresence.WrapUp || (Stored.HasConsole && presence == OperatorPresence.Available);
        if (watch && timer is null)
        {
            timer = this.RegisterGrainTimer(
                static (grain, _) => grain.TimerTickAsync(),
                this,
                new GrainTimerCreationOptions { DueTime = Options.TickInterval, Period = Options.TickInterval, KeepAlive = true });
        }
        else if (!watch && timer is not null)
        {
            timer.Dispose();
            timer = null;
        }
    }

    private async Task TimerTickAsync()
    {
        try
        {
            await TickAsync();
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Operator {Operator} could not act on a deadline; it tries again", Login);
        }
    }
}
