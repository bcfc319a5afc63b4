using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sos.Grains.Abstractions;
using Sos.Grains.Storage;
using Sos.Grains.Streams;

namespace Sos.Grains.Kiosks;

/// <summary>
/// One SOS call point. A press is made durable here (press id → call id) before the call is opened and before it
/// is acknowledged, so a retried press always finds its call, also after a restart. The kiosk also supervises itself:
/// its own timer turns it Offline when its heartbeats stop, and its alerts (offline, faults, stuck button) are raised,
/// cleared and recorded here, so nobody has to poll kiosks from outside.
/// </summary>
public sealed class KioskGrain(
    [PersistentState("kiosk", SosConstants.StateStore)] IPersistentState<KioskState> state,
    [FromKeyedServices(SosConstants.ClockKey)] TimeProvider clock,
    IOptions<KioskSupervisionOptions> supervision,
    ILogger<KioskGrain> logger) : Grain, IKioskGrain, IRemindable
{
    /// <summary>How long a press id is remembered for retries.</summary>
    public static readonly TimeSpan PressRetention = TimeSpan.FromDays(7);

    /// <summary>How many press ids are remembered at most (a stuck button must not grow the state without bound).</summary>
    public const int MaxRememberedPresses = 10_000;

    /// <summary>The reminder that brings an Online kiosk's supervision back after its activation was lost.</summary>
    public const string SupervisionReminder = "supervision";

    /// <summary>The shortest and longest heartbeat interval a kiosk may be registered with.</summary>
    public static readonly (TimeSpan Min, TimeSpan Max) HeartbeatIntervalRange = (TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));

    /// <summary>A heartbeat that changes nothing is written at most this often.</summary>
    private static readonly TimeSpan HeartbeatWriteInterval = TimeSpan.FromMinutes(1);

    /// <summary>Press times within the stuck-button window, oldest first (kept in memory: a rate, not a record).</summary>
    private readonly Queue<DateTimeOffset> recentPresses = new();

    private IGrainTimer? supervisionTimer;
    private DateTimeOffset activatedAt;
    private DateTimeOffset lastWrittenAt;
    private DateTimeOffset? lastPressAt;

    private KioskSupervisionOptions Supervision => supervision.Value;

    private string KioskId => this.GetPrimaryKeyString();

    private KioskState Current => state.RecordExists ? state.State : KioskState.None(KioskId);

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.RecordExists)
        {
            state.State = state.State.Mended();
        }

        // A kiosk that was Online when its previous activation was lost is judged from its stored heartbeat, which may be
        // up to the coalescing interval old (see OfflineDeadline).
        activatedAt = clock.GetUtcNow();
        lastWrittenAt = activatedAt;
        if (Current.Kiosk.HasAlert(KioskAlertKind.StuckButton))
        {
            lastPressAt = activatedAt;
        }

        UpdateTimer();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<KioskSnapshot> RegisterAsync(KioskRegistration registration)
    {
        Validate(KioskId, registration);
        var kiosk = Current.Kiosk with { Registration = registration };
        await ChangeAsync(Current with { Kiosk = kiosk });
        logger.LogInformation("Kiosk {KioskId} registered as {KioskName} in centre {CentreId}", KioskId, registration.Name, registration.CentreId);
        return kiosk;
    }

    /// <inheritdoc />
    public async Task<KioskSnapshot> ChangeLifecycleAsync(KioskLifecycle lifecycle)
    {
        var kiosk = RequireRegistered();
        if (kiosk.Lifecycle == lifecycle)
        {
            return kiosk;
        }

        var allowed = KioskLifecycleRules.AllowedFrom(kiosk.Lifecycle);
        if (!allowed.Contains(lifecycle))
        {
            var expected = allowed.Count == 0 ? "nothing: it is decommissioned" : $"one of {string.Join(", ", allowed)}";
            throw new InvalidKioskTransitionException(KioskId, kiosk.Lifecycle, lifecycle, expected);
        }

        var changed = kiosk with { Lifecycle = lifecycle };
        await ChangeAsync(Current with { Kiosk = changed });
        logger.LogInformation("Kiosk {KioskId} is now {Lifecycle}", KioskId, lifecycle);
        return changed;
    }

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
        var changed = cameOnline || kiosk.Health != health;
        if (changed || now - lastWrittenAt >= HeartbeatWriteInterval)
        {
            await ChangeAsync(Current with { Kiosk = updated }, publish: changed);
        }
        else
        {
            // Coalesced: kept in memory, written with the next change or the next minute's heartbeat. A new activation
            // allows for the stored heartbeat being that stale (see OfflineDeadline).
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
            var detail = $"no heartbeat since {kiosk.LastHeartbeatAt:O}; expected every {HeartbeatInterval(kiosk).TotalSeconds:0.###} s";
            next = Raise(next with { Connectivity = KioskConnectivity.Offline, ConnectivitySince = now }, KioskAlertKind.Offline, now, detail);
            wentOffline = true;
        }

        if (kiosk.HasAlert(KioskAlertKind.StuckButton) && now - (lastPressAt ?? activatedAt) >= Supervision.StuckButtonWindow)
        {
            next = Clear(next, KioskAlertKind.StuckButton, now, $"no press for {Supervision.StuckButtonWindow.TotalSeconds:0} s");
        }

        if (!ReferenceEquals(next, kiosk))
        {
            await ChangeAsync(Current with { Kiosk = next });
        }

        if (wentOffline)
        {
            logger.LogWarning("Kiosk {KioskId} is offline: no heartbeat since {LastHeartbeatAt}", KioskId, kiosk.LastHeartbeatAt);
            await KeepSupervisionReminderAsync(false);
        }

        UpdateTimer();
        return next;
    }

    /// <inheritdoc />
    public async Task<string> IssueSecretAsync()
    {
        var kiosk = RequireRegistered();
        var secret = KioskSecrets.Create(KioskId);
        var replaced = Current.SecretHash is not null;
        await ChangeAsync(Current with { SecretHash = KioskSecrets.Hash(secret), Kiosk = kiosk with { SecretIssuedAt = clock.GetUtcNow() } });
        logger.LogInformation("Kiosk {KioskId} was issued a device secret (rotation: {Replaced})", KioskId, replaced);
        return secret;
    }

    /// <inheritdoc />
    public Task<KioskSecretCheck> VerifySecretAsync(string secret)
    {
        RequireRegistered();
        var check = Current.SecretHash switch
        {
            null => KioskSecretCheck.NoneIssued,
            { } hash when KioskSecrets.Matches(secret, hash) => KioskSecretCheck.Valid,
            _ => KioskSecretCheck.Invalid,
        };
        return Task.FromResult(check);
    }

    /// <inheritdoc />
    public async Task<PressReceipt> PressAsync(PressRequest press)
    {
        var kiosk = RequireRegistered();
        var now = clock.GetUtcNow();
        if (Current.Presses.TryGetValue(press.PressId, out var known))
        {
            return await ReplayAsync(kiosk, press, known);
        }

        var callId = PressCallIds.For(KioskId, press.PressId);
        var counted = CountPress(kiosk, now) with { PressCount = kiosk.PressCount + 1 };
        if (kiosk.OpenCallId is { } openCallId && openCallId != callId)
        {
            if ((await GrainFactory.GetCall(callId).GetAsync()).Exists)
            {
                // A retried press whose first answer was lost before the kiosk remembered it: it opened this call.
                return await ReplayAsync(kiosk, press, new PressRecord(callId, false, now));
            }

            var joined = await GrainFactory.GetCall(openCallId).JoinPressAsync(press.PressId, press.PressedAt);
            if (joined is not null)
            {
                await ChangeAsync(Remember(press.PressId, new PressRecord(openCallId, true, now)) with { Kiosk = counted });
                UpdateTimer();
                logger.LogInformation("Press {PressId} on kiosk {KioskId} joined call {CallId}", press.PressId, KioskId, openCallId);
                return new PressReceipt(openCallId, joined.Status, true);
            }
        }

        // The kiosk's record of the press and the call (with its place in the waiting list) are written side by side:
        // the call id follows from the kiosk and press ids, so a retry finds the same call whichever write was lost.
        var recorded = ChangeAsync(Remember(press.PressId, new PressRecord(callId, false, now)) with
        {
            Kiosk = counted with { OpenCallId = callId, CallCount = kiosk.CallCount + 1 },
        });
        var opening = GrainFactory.GetCall(callId).OpenAsync(OpeningFor(kiosk, press));
        await Task.WhenAll(recorded, opening);
        UpdateTimer();
        var opened = await opening;
        await SubmitAsync(opened);
        return new PressReceipt(callId, opened.Status, false);
    }

    /// <inheritdoc />
    public async Task<CallStatus> CancelAsync(Guid callId)
    {
        RequireRegistered();
        var call = GrainFactory.GetCall(callId);
        var current = await call.GetAsync();
        if (!current.Exists || current.KioskId != KioskId)
        {
            throw new UnknownCallException(callId, $"is not a call of kiosk '{KioskId}'");
        }

        var after = await call.HangUpFromKioskAsync();
        if (after.Status == CallStatus.Abandoned)
        {
            await CallEndedAsync(callId);
        }

        return after.Status;
    }

    /// <inheritdoc />
    public Task<KioskSnapshot> GetAsync() => Task.FromResult(Current.Kiosk);

    /// <inheritdoc />
    public async Task CallEndedAsync(Guid callId)
    {
        var kiosk = Current.Kiosk;
        if (kiosk.OpenCallId == callId)
        {
            await ChangeAsync(Current with { Kiosk = kiosk with { OpenCallId = null } });
        }
    }

    /// <summary>The supervision backstop: activating the grain restarted its timer; check now, and stop if idle.</summary>
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == SupervisionReminder)
        {
            await SuperviseAsync();
            if (Current.Kiosk.Connectivity != KioskConnectivity.Online)
            {
                await KeepSupervisionReminderAsync(false);
            }
        }
    }

    private async Task<PressReceipt> ReplayAsync(KioskSnapshot kiosk, PressRequest press, PressRecord known)
    {
        var call = GrainFactory.GetCall(known.CallId);
        if (known.Joined)
        {
            return new PressReceipt(known.CallId, (await call.GetAsync()).Status, true);
        }

        // The first attempt may have stopped between remembering the press and opening the call: opening is
        // idempotent, and resending a queued call to routing changes nothing if routing already holds it.
        var opened = await call.OpenAsync(OpeningFor(kiosk, press));
        if (opened.Status == CallStatus.Queued)
        {
            await SubmitAsync(opened);
        }

        logger.LogInformation("Press {PressId} on kiosk {KioskId} retried; same call {CallId}", press.PressId, KioskId, known.CallId);
        return new PressReceipt(known.CallId, opened.Status, false);
    }

    /// <summary>Counts a new press towards the stuck-button rate; raises the alert when the rate crosses the limit.</summary>
    private KioskSnapshot CountPress(KioskSnapshot kiosk, DateTimeOffset now)
    {
        lastPressAt = now;
        recentPresses.Enqueue(now);
        while (recentPresses.Count > 0 && now - recentPresses.Peek() > Supervision.StuckButtonWindow)
        {
            recentPresses.Dequeue();
        }

        if (recentPresses.Count < Supervision.StuckButtonPresses || kiosk.HasAlert(KioskAlertKind.StuckButton))
        {
            return kiosk;
        }

        logger.LogWarning("Kiosk {KioskId} button looks stuck: {Presses} presses within {Window}", KioskId, recentPresses.Count, Supervision.StuckButtonWindow);
        return Raise(kiosk, KioskAlertKind.StuckButton, now, $"{recentPresses.Count} presses within {Supervision.StuckButtonWindow.TotalSeconds:0} s");
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

    private TimeSpan HeartbeatInterval(KioskSnapshot kiosk) => kiosk.Registration?.HeartbeatInterval ?? Supervision.DefaultHeartbeatInterval;

    /// <summary>
    /// When the kiosk is Offline unless it reports in. Heartbeats seen by this activation count as they are. A heartbeat
    /// read from storage may be stale by up to the coalescing interval, so after a new activation the kiosk is given the
    /// benefit of the doubt: its last heartbeat counts as late as the activation, but never later than the stored one
    /// plus the coalescing interval (a kiosk silent for longer than that is Offline at once).
    /// </summary>
    private DateTimeOffset OfflineDeadline(KioskSnapshot kiosk)
    {
        var last = kiosk.LastHeartbeatAt ?? activatedAt;
        if (last < activatedAt)
        {
            var latestPossible = last + HeartbeatWriteInterval + HeartbeatInterval(kiosk);
            last = activatedAt < latestPossible ? activatedAt : latestPossible;
        }

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

    private KioskState Remember(Guid pressId, PressRecord record)
    {
        var presses = Current.Presses;
        var cutoff = record.ReceivedAt - PressRetention;
        var expired = presses.Where(p => p.Value.ReceivedAt < cutoff).Select(p => p.Key).ToList();
        presses = presses.RemoveRange(expired);
        if (presses.Count >= MaxRememberedPresses)
        {
            presses = presses.RemoveRange(presses.OrderBy(p => p.Value.ReceivedAt).Take(presses.Count - MaxRememberedPresses + 1).Select(p => p.Key).ToList());
        }

        return Current with { Presses = presses.SetItem(pressId, record) };
    }

    private CallOpening OpeningFor(KioskSnapshot kiosk, PressRequest press) =>
        new(KioskId, kiosk.Registration!, press.PressId, press.PressedAt, kiosk.Lifecycle == KioskLifecycle.Commissioning);

    /// <summary>
    /// Tells the centre's routing that the call waits, over the routing-requests stream, or directly when the stream
    /// refuses it (its queue was on a silo that just died). Never fails the press: the call is already in the centre's
    /// durable waiting list, which routing catches up with every <c>Sos:Routing:WaitingListInterval</c>.
    /// </summary>
    private async Task SubmitAsync(CallSnapshot call)
    {
        var request = new RoutingRequest(call.CallId, KioskId, call.Priority, call.OpenedAt);
        if (!await this.GetStreamProvider(SosConstants.StreamProvider).RoutingRequests(call.CentreId).TryPublishAsync(request, logger))
        {
            GrainFactory.GetRouting(call.CentreId).SubmitAsync(request).Ignore();
            logger.LogWarning("Routing request for call {CallId} went to routing directly: the stream refused it", call.CallId);
        }
    }

    private async Task ChangeAsync(KioskState next, bool publish = true)
    {
        await state.CommitAsync(next);
        lastWrittenAt = clock.GetUtcNow();
        if (publish && next.Kiosk.Registration is { } registration)
        {
            await this.GetStreamProvider(SosConstants.StreamProvider).KioskChanges(registration.CentreId).TryPublishAsync(next.Kiosk, logger);
        }
    }

    private KioskSnapshot RequireRegistered() =>
        Current.Kiosk.IsRegistered ? Current.Kiosk : throw new UnknownKioskException(KioskId);

    private static void Validate(string kioskId, KioskRegistration registration)
    {
        var problems = new List<string>();
        if (!KioskIds.IsValid(kioskId))
        {
            problems.Add($"an id of 1–{KioskIds.MaxLength} lower-case letters, digits, '-' or '_' (not '{kioskId}')");
        }

        if (string.IsNullOrWhiteSpace(registration.Name))
        {
            problems.Add("a name");
        }

        if (string.IsNullOrWhiteSpace(registration.CentreId))
        {
            problems.Add("an operations-centre id");
        }

        if (registration.Latitude is < -90 or > 90 || double.IsNaN(registration.Latitude))
        {
            problems.Add("a latitude between -90 and 90");
        }

        if (registration.Longitude is < -180 or > 180 || double.IsNaN(registration.Longitude))
        {
            problems.Add("a longitude between -180 and 180");
        }

        if (registration.HeartbeatInterval is { } interval && (interval < HeartbeatIntervalRange.Min || interval > HeartbeatIntervalRange.Max))
        {
            problems.Add($"a heartbeat interval between {HeartbeatIntervalRange.Min.TotalSeconds:0} s and {HeartbeatIntervalRange.Max.TotalHours:0} h");
        }

        if (problems.Count > 0)
        {
            throw new SosDomainException($"A kiosk registration needs {string.Join(", ", problems)}.");
        }
    }
}
