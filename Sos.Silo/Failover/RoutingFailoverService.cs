using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sos.Grains.Abstractions;
using Sos.Grains.Calls;

namespace Sos.Silo.Failover;

/// <summary>
/// Runs on every silo and makes calls move on by themselves when the cluster changes:
/// <list type="bullet">
/// <item>When a silo is declared dead, the routing grains that lived there lost their timers, and nothing else would
/// call them: this wakes the routing of every centre, which reloads its persisted queue and offers, acts on deadlines
/// that passed, and rings waiting calls again.</item>
/// <item>When a silo dies or joins, routing requests can be lost: memory streams drop the events that were in a dead
/// silo's queue or pulling agent, and the events a pulling agent had taken when its queue moved to another silo.
/// The watchdog reminders of the waiting calls are their durable list: this reads them from the reminder table and
/// hands each waiting call to its centre's routing directly, so a lost request costs the time to notice the change,
/// not a watchdog period.</item>
/// <item>For a while after a change, the hand-over is repeated (<see cref="SweepsAfterChange"/>): the streams take some
/// seconds to move a dead silo's queues to live pulling agents, and a press acknowledged meanwhile has its routing
/// request held there; the sweep finds its call waiting and hands it over, instead of leaving it to its watchdog.</item>
/// </list>
/// Every live silo does all of it; routing takes a call it already holds as a no-op, so doing it twice changes nothing.
/// </summary>
public sealed partial class RoutingFailoverService(
    IClusterMembershipService membership,
    IGrainFactory grains,
    IServiceProvider services,
    ILogger<RoutingFailoverService> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>
    /// Tries of each wake and hand-over. Right after a death is declared, a silo's caches can still send a request to the
    /// dead silo, which fails at once; the next try, a moment later, reaches the grain's new activation.
    /// </summary>
    private const int Attempts = 5;

    private static readonly TimeSpan Backoff = TimeSpan.FromMilliseconds(200);

    /// <summary>When the hand-over of waiting calls is repeated after a cluster change, counted from the change.</summary>
    private static readonly TimeSpan[] SweepsAfterChange = [TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(16)];

    private readonly CancellationTokenSource stopping = new();
    private Task? watching;

    /// <inheritdoc />
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(RoutingFailoverService), ServiceLifecycleStage.Active, StartAsync, StopAsync);

    private Task StartAsync(CancellationToken cancellationToken)
    {
        watching = Task.Run(() => WatchAsync(stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        await stopping.CancelAsync();
        if (watching is not null)
        {
            await watching.WaitAsync(cancellationToken);
        }
    }

    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        var previous = membership.CurrentSnapshot;
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(cancellationToken))
            {
                var changes = snapshot.CreateUpdate(previous).Changes;
                previous = snapshot;
                var died = changes.Where(m => m.Status == SiloStatus.Dead).ToList();
                var joined = changes.Where(m => m.Status == SiloStatus.Active).ToList();
                foreach (var silo in died)
                {
                    LogSiloDied(logger, silo.SiloAddress.ToString());
                }

                if (died.Count > 0)
                {
                    await WakeRoutingAsync(cancellationToken);
                }

                if (died.Count > 0 || joined.Count > 0)
                {
                    await ResubmitWaitingCallsAsync(cancellationToken);
                    _ = SweepAfterChangeAsync(cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Hands the waiting calls over again at each of <see cref="SweepsAfterChange"/>.</summary>
    private async Task SweepAfterChangeAsync(CancellationToken cancellationToken)
    {
        var changedAt = TimeProvider.System.GetTimestamp();
        try
        {
            foreach (var after in SweepsAfterChange)
            {
                var wait = after - TimeProvider.System.GetElapsedTime(changedAt);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, cancellationToken);
                }

                await ResubmitWaitingCallsAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task WakeRoutingAsync(CancellationToken cancellationToken)
    {
        try
        {
            var centres = await RetryAsync(() => grains.GetCentreRegistry().GetCentresAsync(), cancellationToken);
            await Task.WhenAll(centres.Select(centre => RetryAsync(async () =>
            {
                await grains.GetRouting(centre).TickAsync();
                return true;
            }, cancellationToken)));
            LogRoutingWoken(logger, centres.Length);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            // The resubmission below and the call watchdogs remain.
            LogWakeFailed(logger, exception);
        }
    }

    /// <summary>Hands every waiting call (every call with a watchdog reminder) to its centre's routing.</summary>
    private async Task ResubmitWaitingCallsAsync(CancellationToken cancellationToken)
    {
        if (services.GetService<IReminderTable>() is not { } reminders)
        {
            return;
        }

        try
        {
            // (0, 0) is the whole ring: every reminder of this service, whichever silo ticks it.
            var table = await RetryAsync(() => reminders.ReadRows(0, 0), cancellationToken);
            var waiting = table.Reminders
                .Where(r => r.ReminderName == CallSessionGrain.WaitingWatchdogReminder)
                .Select(r => r.GrainId)
                .Distinct()
                .ToList();
            var resubmitted = await Task.WhenAll(waiting.Select(call => ResubmitAsync(call, cancellationToken)));
            LogResubmitted(logger, resubmitted.Count(r => r), waiting.Count);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            LogResubmitFailed(logger, exception);
        }
    }

    private async Task<bool> ResubmitAsync(GrainId callGrain, CancellationToken cancellationToken)
    {
        try
        {
            return await RetryAsync(async () =>
            {
                var call = await grains.GetGrain<ICallSessionGrain>(callGrain).GetAsync();
                if (!call.IsWaiting)
                {
                    return false;
                }

                // Directly, not over the stream: this is the path that must not lose it. Routing reads the call while
                // handling the request; nothing here is a grain, so nothing waits on itself.
                await grains.GetRouting(call.CentreId).SubmitAsync(new RoutingRequest(RoutingRequestKind.CallQueued, call.CallId, call.KioskId, call.Priority, call.OpenedAt));
                return true;
            }, cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            LogCallResubmitFailed(logger, exception, callGrain.ToString());
            return false;
        }
    }

    /// <summary>Runs <paramref name="action"/> until it succeeds, at most <see cref="Attempts"/> times; a refusal of the domain is not retried.</summary>
    private static async Task<T> RetryAsync<T>(Func<Task<T>> action, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await action();
            }
            catch (Exception exception) when (exception is not SosDomainException && attempt < Attempts && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(Backoff * attempt, cancellationToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Silo {Silo} was declared dead; waking the routing of every centre")]
    private static partial void LogSiloDied(ILogger logger, string silo);

    [LoggerMessage(Level = LogLevel.Information, Message = "Routing of {Count} centres woken after a silo died")]
    private static partial void LogRoutingWoken(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Waking routing after a silo died failed")]
    private static partial void LogWakeFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cluster changed: {Resubmitted} of {Watched} watched calls still wait and were handed to routing again")]
    private static partial void LogResubmitted(ILogger logger, int resubmitted, int watched);

    [LoggerMessage(Level = LogLevel.Error, Message = "Handing waiting calls to routing again after a cluster change failed; their watchdogs remain")]
    private static partial void LogResubmitFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Handing call {Call} to routing again failed; its watchdog remains")]
    private static partial void LogCallResubmitFailed(ILogger logger, Exception exception, string call);
}
