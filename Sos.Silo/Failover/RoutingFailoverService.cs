using Microsoft.Extensions.Logging;
using Sos.Grains.Abstractions;

namespace Sos.Silo.Failover;

/// <summary>
/// Runs on every silo. When a silo is declared dead, the routing grains that lived there lost their timers, and
/// nothing else would call them: this wakes the routing of every centre, which reloads its persisted queue and
/// offers, acts on deadlines that passed, and rings waiting calls again. Every live silo does it; waking a routing
/// grain twice changes nothing.
/// </summary>
public sealed partial class RoutingFailoverService(
    IClusterMembershipService membership,
    IGrainFactory grains,
    ILogger<RoutingFailoverService> logger) : ILifecycleParticipant<ISiloLifecycle>
{
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
                var died = snapshot.CreateUpdate(previous).Changes.Where(m => m.Status == SiloStatus.Dead).ToList();
                previous = snapshot;
                foreach (var silo in died)
                {
                    LogSiloDied(logger, silo.SiloAddress.ToString());
                }

                if (died.Count > 0)
                {
                    await WakeRoutingAsync();
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task WakeRoutingAsync()
    {
        try
        {
            var centres = await grains.GetCentreRegistry().GetCentresAsync();
            await Task.WhenAll(centres.Select(centre => grains.GetRouting(centre).TickAsync()));
            LogRoutingWoken(logger, centres.Length);
        }
        catch (Exception exception)
        {
            // The registry or a routing grain may itself be moving off the dead silo; the call watchdogs remain.
            LogWakeFailed(logger, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Silo {Silo} was declared dead; waking the routing of every centre")]
    private static partial void LogSiloDied(ILogger logger, string silo);

    [LoggerMessage(Level = LogLevel.Information, Message = "Routing of {Count} centres woken after a silo died")]
    private static partial void LogRoutingWoken(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Waking routing after a silo died failed")]
    private static partial void LogWakeFailed(ILogger logger, Exception exception);
}
