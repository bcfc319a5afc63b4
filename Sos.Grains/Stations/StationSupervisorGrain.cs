using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sos.Grains.Abstractions;

namespace Sos.Grains.Stations;

/// <summary>The stations the supervisor knows, kiosk → SIP address, and which of them register.</summary>
/// <param name="Stations">Kiosk id → the station's SIP address (its address of record, for one that registers).</param>
/// <param name="Registering">The kiosks whose station registers: heard by its registration, not asked OPTIONS.</param>
[GenerateSerializer, Immutable, Alias("Sos.StationSupervisorState")]
public sealed record StationSupervisorState(
    [property: Id(0)] ImmutableDictionary<string, string> Stations,
    [property: Id(1)] ImmutableHashSet<string>? Registering = null)
{
    /// <summary>No station yet.</summary>
    public static readonly StationSupervisorState Empty = new(ImmutableDictionary<string, string>.Empty, []);
}

/// <summary>
/// Keeps every SIP intercom supervised by what it offers and turns each sign of life into the kiosk's heartbeat: the SIP
/// server's OPTIONS for a station Sos calls at its address, its registration in the SIP server's location table for one
/// that registers (a registration that lapses is missed like an unanswered OPTIONS). While it knows a station it checks
/// them every <see cref="StationOptions.ProbeInterval"/>; a reminder wakes it again after its silo was lost. A SIP
/// server that does not answer leaves the stations unheard (they go Offline), and is said once in the log until it
/// answers again.
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

    // Where each registering station registered from, as last read (kept in memory: read again every probe).
    private readonly Dictionary<string, string> contacts = [];

    private ImmutableDictionary<string, string> Stations => state.RecordExists ? state.State.Stations : StationSupervisorState.Empty.Stations;

    private ImmutableHashSet<string> Registering => state.RecordExists && state.State.Registering is { } registering ? registering : [];

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        UpdateTimer();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task WatchAsync(string kioskId, SipStation? station)
    {
        var before = Stations.GetValueOrDefault(kioskId);
        var registered = Registering.Contains(kioskId);
        var uri = station?.Uri;
        var registers = station?.Registers == true;
        if (before == uri && registered == registers)
        {
            return;
        }

        state.State = new StationSupervisorState(
            uri is null ? Stations.Remove(kioskId) : Stations.SetItem(kioskId, uri),
            registers ? Registering.Add(kioskId) : Registering.Remove(kioskId));
        await state.WriteStateAsync();
        contacts.Remove(kioskId);
        if (before is not null && !registered)
        {
            await probe.RemoveAsync(before, kioskId, CancellationToken.None);
        }

        if (uri is not null && !registers && options.Value.Supervision)
        {
            await probe.AddAsync(uri, kioskId, CancellationToken.None);
        }

        logger.LogInformation("Station of kiosk {KioskId}: {Uri}{Registers}", kioskId, uri ?? "no longer a SIP intercom", registers ? " (registers)" : string.Empty);
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
        Task.FromResult(StationPresses.StationsOf(Senders(), from, source, sourcePort));

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> RegistrantsOfAsync(string aor) =>
        Task.FromResult<IReadOnlyList<string>>([.. Stations.Where(s => Registering.Contains(s.Key) && StationPresses.IsAor(s.Value, aor)).Select(s => s.Key).Order(StringComparer.Ordinal)]);

    /// <inheritdoc />
    public async Task<string?> ContactOfAsync(string kioskId)
    {
        if (Stations.GetValueOrDefault(kioskId) is not { } uri || !Registering.Contains(kioskId))
        {
            return null;
        }

        // Read now: the station may have registered from elsewhere since the last probe.
        if (await probe.RegisteredAsync(uri, CancellationToken.None) is not var (reach, contact))
        {
            return contacts.GetValueOrDefault(kioskId);
        }

        Remember(kioskId, reach == StationReach.Up ? contact : null);
        return contact;
    }

    private IEnumerable<KeyValuePair<string, StationSender>> Senders() =>
        Stations.Select(s => KeyValuePair.Create(s.Key, new StationSender(s.Value, Registering.Contains(s.Key), contacts.GetValueOrDefault(s.Key))));

    private void Remember(string kioskId, string? contact)
    {
        if (contact is null)
        {
            contacts.Remove(kioskId);
        }
        else
        {
            contacts[kioskId] = contact;
        }
    }

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

    /// <summary>
    /// Each station's last OPTIONS or its registration: an answer, or a registration, is its heartbeat; one the server
    /// forgot is added again.
    /// </summary>
    private async Task ProbeAsync(CancellationToken cancellationToken)
    {
        foreach (var (kioskId, uri) in Stations)
        {
            StationReach? reach;
            if (Registering.Contains(kioskId))
            {
                var registration = await probe.RegisteredAsync(uri, cancellationToken);
                reach = registration?.Reach;
                if (registration is var (registeredReach, contact))
                {
                    Remember(kioskId, registeredReach == StationReach.Up ? contact : null);
                }
            }
            else
            {
                reach = await probe.ReachAsync(uri, kioskId, cancellationToken);
            }

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
