using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sos.Grains.Abstractions;

namespace Sos.Grains.Stations;

/// <summary>The stations the supervisor knows, kiosk → SIP address.</summary>
/// <param name="Stations">Kiosk id → the station's SIP address.</param>
[GenerateSerializer, Immutable, Alias("Sos.StationSupervisorState")]
public sealed record StationSupervisorState([property: Id(0)] ImmutableDictionary<string, string> Stations)
{
    /// <summary>No station yet.</summary>
    public static readonly StationSupervisorState Empty = new(ImmutableDictionary<string, string>.Empty);
}

/// <summary>
/// Keeps every SIP intercom supervised by the SIP server's OPTIONS and turns each answer into the kiosk's heartbeat.
/// While it knows a station it checks them every <see cref="StationOptions.ProbeInterval"/>; a reminder wakes it again
/// after its silo was lost. A SIP server that does not answer leaves the stations unheard (they go Offline), and is said
/// once in the log until it answers again.
/// </summary>
public sealed class StationSupervisorGrain(
    [PersistentState("stations", SosConstants.StateStore)] IPersistentState<StationSupervisorState> state,
    StationProbe probe,
    IOptions<StationOptions> options,
    ILogger<StationSupervisorGrain> logger) : Grain, IStationSupervisorGrain, IRemindable
{
    private const string WakeReminder = "stations-wake";
    private static readonly TimeSpan WakePeriod = TimeSpan.FromMinutes(1);

    private IGrainTimer? timer;
    private bool serverSilent;

    private ImmutableDictionary<string, string> Stations => state.RecordExists ? state.State.Stations : StationSupervisorState.Empty.Stations;

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        UpdateTimer();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task WatchAsync(string kioskId, string? uri)
    {
        var before = Stations.GetValueOrDefault(kioskId);
        if (before == uri)
        {
            return;
        }

        state.State = new StationSupervisorState(uri is null ? Stations.Remove(kioskId) : Stations.SetItem(kioskId, uri));
        await state.WriteStateAsync();
        if (before is not null)
        {
            await probe.RemoveAsync(before, kioskId, CancellationToken.None);
        }

        if (uri is not null && options.Value.Supervision)
        {
            await probe.AddAsync(uri, kioskId, CancellationToken.None);
        }

        logger.LogInformation("Station of kiosk {KioskId}: {Uri}", kioskId, uri ?? "no longer a SIP intercom");
        UpdateTimer();
        if (Stations.IsEmpty)
        {
            if (await this.GetReminder(WakeReminder) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }
        }
        else
        {
            await this.RegisterOrUpdateReminder(WakeReminder, WakePeriod, WakePeriod);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, string>> StationsAsync() => Task.FromResult<IReadOnlyDictionary<string, string>>(Stations);

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> StationsOfAsync(string from, string source, int? sourcePort) =>
        Task.FromResult(StationPresses.StationsOf(Stations, from, source, sourcePort));

    /// <inheritdoc />
    public Task ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask;

    private void UpdateTimer()
    {
        var watching = options.Value.Supervision && !Stations.IsEmpty;
        if (watching && timer is null)
        {
            timer = this.RegisterGrainTimer(static (grain, token) => grain.ProbeAsync(token), this,
                new GrainTimerCreationOptions { DueTime = options.Value.ProbeInterval, Period = options.Value.ProbeInterval, KeepAlive = true });
        }
        else if (!watching && timer is not null)
        {
            timer.Dispose();
            timer = null;
        }
    }

    /// <summary>Each station's last OPTIONS: an answer is its heartbeat; one the server forgot is added again.</summary>
    private async Task ProbeAsync(CancellationToken cancellationToken)
    {
        foreach (var (kioskId, uri) in Stations)
        {
            var reach = await probe.ReachAsync(uri, kioskId, cancellationToken);
            if (reach is null)
            {
                if (!serverSilent)
                {
                    serverSilent = true;
                    logger.LogWarning("The SIP server does not answer: SIP intercoms are not heard and go Offline until it does");
                }

                return;
            }

            serverSilent = false;
            switch (reach)
            {
                case StationReach.NotSupervised:
                    await probe.AddAsync(uri, kioskId, cancellationToken);
                    break;
                case StationReach.Up:
                    try
                    {
                        await GrainFactory.GetKiosk(kioskId).StationAnsweredAsync();
                    }
                    catch (UnknownKioskException)
                    {
                        await WatchAsync(kioskId, null);
                    }

                    break;
            }
        }
    }
}
