using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Sos.Grains.Abstractions;

namespace Sos.Grains.Kiosks;

/// <summary>The kiosk's supervision of itself: heartbeats, health faults, its offline timer and reminder, and alerts.</summary>
public sealed partial class KioskGrain
{
    /// <inheritdoc />
    public async Task<KioskSnapshot> HeartbeatAsync(KioskHealth health)
    {
        var kiosk = RequireRegistered();
        var now = clock.GetUtcNow();
        var updated = kiosk with { LastHeartbeatAt = now, Health = health };
        var cameOnline = kiosk.Connectivity != KioskConnectivity.Online;
        if (cameOnline)
        {
            updated = updated with { Connectivity = KioskConnectivity.Online, ConnectivitySince = now };
            updated = Clear(updated, KioskAlertKind.Offline, now, "heartbeats arrive again");
        }

        updated = ApplyHealth(updated, health, now);
        if (cameOnline || kiosk.Health != health)
        {
            await ChangeAsync(Current with { Kiosk = updated });
        }
        else
        {
            // Nothing changed: kept in memory only, and written with the next change. A new activation does not trust
            // the stored heartbeat's time (see OfflineDeadline).
            state.State = Current with { Kiosk = updated };
        }

        if (cameOnline)
        {
            logger.LogInformation("Kiosk {KioskId} is online", KioskId);
            await KeepSupervisionReminderAsync(true);
        }

        UpdateTimer();
        return updated;
    }

    /// <inheritdoc />
    public Task<KioskSnapshot> StationAnsweredAsync() =>
        HeartbeatAsync(RequireRegistered().Health ?? new KioskHealth(CameraOk: true, AudioOk: true, Tampered: false, PowerSource.Mains, Firmware: null));

    /// <inheritdoc />
    public Task StationCalledBackAsync(bool answered, string detail) => SeenAsync(KioskAlertKind.StationNoAnswer, !answered, detail);

    /// <inheritdoc />
    public Task CameraWatchedAsync(bool sending, string detail) => SeenAsync(KioskAlertKind.CameraSilent, !sending, detail);

    /// <summary>An alert Sos itself sees (not one a heartbeat reports): raised while <paramref name="wrong"/>, cleared otherwise.</summary>
    private async Task SeenAsync(KioskAlertKind kind, bool wrong, string detail)
    {
        var kiosk = RequireRegistered();
        var now = clock.GetUtcNow();
        var next = wrong ? Raise(kiosk, kind, now, detail) : Clear(kiosk, kind, now, detail);
        if (next != kiosk)
        {
            await ChangeAsync(Current with { Kiosk = next });
            logger.LogInformation("Kiosk {KioskId}: {Detail}", KioskId, detail);
        }
    }

    /// <inheritdoc />
    public async Task<KioskSnapshot> SuperviseAsync()
    {
        var kiosk = Current.Kiosk;
        if (!kiosk.IsRegistered)
        {
            return kiosk;
        }

        var now = clock.GetUtcNow();
        var next = kiosk;
        var wentOffline = false;
        if (kiosk.Connectivity == KioskConnectivity.Online && kiosk.Lifecycle != KioskLifecycle.Decommissioned && now > OfflineDeadline(kiosk))
        {
            var detail = IsStation(kiosk) && kiosk.Registration is { Sip.Registers: true }
                ? $"the station's SIP registration has lapsed (it has not been registered, nor sent a heartbeat, since {kiosk.LastHeartbeatAt:O}; looked at every {HeartbeatInterval(kiosk).TotalSeconds:0.###} s)"
                : IsStation(kiosk)
                ? $"the station has not answered SIP OPTIONS (nor sent a heartbeat) since {kiosk.LastHeartbeatAt:O}; asked every {HeartbeatInterval(kiosk).TotalSeconds:0.###} s"
                : $"no heartbeat since {kiosk.LastHeartbeatAt:O}; expected every {HeartbeatInterval(kiosk).TotalSeconds:0.###} s";
            next = Raise(next with { Connectivity = KioskConnectivity.Offline, ConnectivitySince = now }, KioskAlertKind.Offline, now, detail);
            Telemetry.SosMetrics.KioskWentOffline(kiosk.Registration?.CentreId ?? string.Empty);
            wentOffline = true;
        }

        if (kiosk.HasAlert(KioskAlertKind.StuckButton) && now - (lastPressAt ?? activatedAt) >= Supervision.StuckButtonWindow)
        {
            next = Clear(next, KioskAlertKind.StuckButton, now, $"no press for {Supervision.StuckButtonWindow.TotalSeconds:0} s");
        }

        var supervised = Current with { Kiosk = next };
        var maintained = Maintain(supervised, now);
        if (!ReferenceEquals(next, kiosk) || !ReferenceEquals(maintained, supervised))
        {
            await ChangeAsync(maintained);
        }

        if (wentOffline)
        {
            logger.LogWarning("Kiosk {KioskId} is offline: no heartbeat since {LastHeartbeatAt}", KioskId, kiosk.LastHeartbeatAt);
            await KeepSupervisionReminderAsync(false);
        }

        UpdateTimer();
        await KeepMaintenanceReminderAsync();
        return maintained.Kiosk;
    }

    /// <summary>
    /// The supervision backstop: activating the grain restarted its timer; check now, and stop if idle. The maintenance
    /// reminder: a deadline came (a test due, an answer late, an alert long enough for a ticket); check now, and set it
    /// for the next one.
    /// </summary>
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == MaintenanceReminder)
        {
            await SuperviseAsync();
            await KeepMaintenanceReminderAsync(refresh: true);
            return;
        }

        if (reminderName == SupervisionReminder)
        {
            await SuperviseAsync();
            if (Current.Kiosk.Connectivity != KioskConnectivity.Online)
            {
                await KeepSupervisionReminderAsync(false);
            }
        }
    }

    private KioskSnapshot ApplyHealth(KioskSnapshot kiosk, KioskHealth health, DateTimeOffset now)
    {
        ReadOnlySpan<(KioskAlertKind Kind, bool Faulty, string Raised, string Cleared)> checks =
        [
            (KioskAlertKind.CameraFault, !health.CameraOk, "camera reports a fault", "camera works again"),
            (KioskAlertKind.AudioFault, !health.AudioOk, "speaker or microphone reports a fault", "audio works again"),
            (KioskAlertKind.Tampered, health.Tampered, "tamper switch open", "tamper switch closed"),
            (KioskAlertKind.OnBattery, health.Power == PowerSource.Battery, "running on battery: mains power lost", "mains power back"),
        ];
        foreach (var (kind, faulty, raised, cleared) in checks)
        {
            var active = kiosk.HasAlert(kind);
            if (faulty && !active)
            {
                kiosk = Raise(kiosk, kind, now, raised);
                logger.LogWarning("Kiosk {KioskId} alert {AlertKind}: {Detail}", KioskId, kind, raised);
            }
            else if (!faulty && active)
            {
                kiosk = Clear(kiosk, kind, now, cleared);
                logger.LogInformation("Kiosk {KioskId} alert {AlertKind} cleared: {Detail}", KioskId, kind, cleared);
            }
        }

        return kiosk;
    }

    private static KioskSnapshot Raise(KioskSnapshot kiosk, KioskAlertKind kind, DateTimeOffset at, string detail) =>
        kiosk.HasAlert(kind)
            ? kiosk
            : kiosk with
            {
                Alerts = kiosk.Alerts.Add(new KioskAlert(kind, at, detail)),
                AlertHistory = Recorded(kiosk.AlertHistory, new KioskAlertEvent(at, kind, true, detail)),
            };

    private static KioskSnapshot Clear(KioskSnapshot kiosk, KioskAlertKind kind, DateTimeOffset at, string detail) =>
        !kiosk.HasAlert(kind)
            ? kiosk
            : kiosk with
            {
                Alerts = kiosk.Alerts.RemoveAll(a => a.Kind == kind),
                AlertHistory = Recorded(kiosk.AlertHistory, new KioskAlertEvent(at, kind, false, detail)),
            };

    private static ImmutableArray<KioskAlertEvent> Recorded(ImmutableArray<KioskAlertEvent> history, KioskAlertEvent entry) =>
        history.Length < KioskSnapshot.AlertHistoryLength
            ? history.Add(entry)
            : history.RemoveRange(0, history.Length - KioskSnapshot.AlertHistoryLength + 1).Add(entry);

    /// <summary>
    /// How often the kiosk is heard from: its own heartbeat interval, and for a SIP intercom supervised by OPTIONS at least
    /// the probe interval (a station's answers are its heartbeats).
    /// </summary>
    private TimeSpan HeartbeatInterval(KioskSnapshot kiosk)
    {
        var interval = kiosk.Registration?.HeartbeatInterval ?? Supervision.DefaultHeartbeatInterval;
        return IsStation(kiosk) && stations.Value.Supervision && stations.Value.ProbeInterval > interval ? stations.Value.ProbeInterval : interval;
    }

    private static bool IsStation(KioskSnapshot kiosk) => kiosk.Registration is { MediaKind: KioskMediaKind.SipIntercom, Sip: not null };

    /// <summary>
    /// When the kiosk is Offline unless it reports in. Heartbeats seen by this activation count as they are. A heartbeat
    /// that changes nothing is never written, so the stored time says little: after a new activation the kiosk counts
    /// from the activation, and is Offline once it stays silent that long after it.
    /// </summary>
    private DateTimeOffset OfflineDeadline(KioskSnapshot kiosk)
    {
        var last = kiosk.LastHeartbeatAt is { } seen && seen > activatedAt ? seen : activatedAt;
        return last + (HeartbeatInterval(kiosk) * Math.Max(1, Supervision.MissedHeartbeats));
    }

    /// <summary>Runs the supervision timer while there is something to watch: an Online kiosk, or a stuck button.</summary>
    private void UpdateTimer()
    {
        var kiosk = Current.Kiosk;
        var watch = kiosk.IsRegistered && kiosk.Lifecycle != KioskLifecycle.Decommissioned &&
            (kiosk.Connectivity == KioskConnectivity.Online || kiosk.HasAlert(KioskAlertKind.StuckButton));
        if (watch && supervisionTimer is null)
        {
            // KeepAlive: an Online kiosk must notice its own silence, so it is not collected while it watches.
            supervisionTimer = this.RegisterGrainTimer(
                static (grain, _) => grain.TickAsync(),
                this,
                new GrainTimerCreationOptions { DueTime = Supervision.SupervisionTick, Period = Supervision.SupervisionTick, KeepAlive = true });
        }
        else if (!watch && supervisionTimer is not null)
        {
            supervisionTimer.Dispose();
            supervisionTimer = null;
        }
    }

    private async Task TickAsync()
    {
        try
        {
            await SuperviseAsync();
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Supervision of kiosk {KioskId} failed; it runs again next tick", KioskId);
        }
    }

    /// <summary>Registers (or drops) the reminder that restarts supervision after the activation is lost with its silo.</summary>
    private async Task KeepSupervisionReminderAsync(bool keep)
    {
        try
        {
            if (keep)
            {
                await this.RegisterOrUpdateReminder(SupervisionReminder, Supervision.SupervisionReminderPeriod, Supervision.SupervisionReminderPeriod);
            }
            else if (await this.GetReminder(SupervisionReminder) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }
        }
        catch (Exception exception)
        {
            // The timer supervises while this activation lives; the reminder is only the backstop.
            logger.LogWarning(exception, "Kiosk {KioskId} could not update its supervision reminder", KioskId);
        }
    }
}
