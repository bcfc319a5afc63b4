using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sos.Grains.Abstractions;
using Sos.Grains.Media;
using Sos.Grains.Telemetry;

namespace Sos.Grains.Kiosks;

/// <summary>
/// One SOS call point. A press is made durable here (press id → call id) before the call is opened and before it
/// is acknowledged, so a retried press always finds its call, also after a restart. The kiosk also supervises itself:
/// its own timer turns it Offline when its heartbeats stop, and its alerts (offline, faults, stuck button) are raised,
/// cleared and recorded here, so nobody has to poll kiosks from outside.
/// </summary>
public sealed partial class KioskGrain(
    [PersistentState("kiosk", SosConstants.StateStore)] IPersistentState<KioskState> state,
    [FromKeyedServices(SosConstants.ClockKey)] TimeProvider clock,
    IOptions<KioskSupervisionOptions> supervision,
    IOptions<Stations.StationOptions> stations,
    MediaLoopback loopbacks,
    ILogger<KioskGrain> logger) : Grain, IKioskGrain, IRemindable
{
    /// <summary>How long a press id is remembered for retries.</summary>
    public static readonly TimeSpan PressRetention = TimeSpan.FromDays(7);

    /// <summary>
    /// How many press ids the kiosk remembers at most, so its state (written on every press) stays small. A press that
    /// opened a call is found again by its derived call id anyway; the ones remembered matter for presses that joined.
    /// </summary>
    public const int MaxRememberedPresses = 64;

    /// <summary>The reminder that brings an Online kiosk's supervision back after its activation was lost.</summary>
    public const string SupervisionReminder = "supervision";

    /// <summary>The shortest and longest heartbeat interval a kiosk may be registered with.</summary>
    public static readonly (TimeSpan Min, TimeSpan Max) HeartbeatIntervalRange = (TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));

    /// <summary>Press times within the stuck-button window, oldest first (kept in memory: a rate, not a record).</summary>
    private readonly Queue<DateTimeOffset> recentPresses = new();

    private IGrainTimer? supervisionTimer;
    private DateTimeOffset activatedAt;
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
        if (Current.Kiosk.HasAlert(KioskAlertKind.StuckButton))
        {
            lastPressAt = activatedAt;
        }

        UpdateTimer();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<KioskSnapshot> RegisterAsync(KioskRegistration registration, string actor)
    {
        KioskRegistrationRules.Validate(KioskId, registration);
        var before = Current.Kiosk.Registration;
        var kiosk = Current.Kiosk with { Registration = registration };
        var state = Current;
        if (registration.Camera is null && state.CameraCredentials is not null)
        {
            // No camera, nothing to sign in to: its credentials go with it.
            state = state with { CameraCredentials = null };
            kiosk = kiosk with { CameraCredentialsSetAt = null };
        }

        if (!Registers(registration) && state.SipPassword is not null)
        {
            // No registering station: nobody signs in with the password.
            state = state with { SipPassword = null };
            kiosk = kiosk with { SipPasswordSetAt = null };
        }

        if (kiosk.Maintenance.NextTestAt is { } due && due > clock.GetUtcNow() + TestCallInterval(kiosk))
        {
            // A shorter test call interval counts from now.
            kiosk = kiosk with { Maintenance = kiosk.Maintenance with { NextTestAt = clock.GetUtcNow() + TestCallInterval(kiosk) } };
        }

        var registered = Maintain(state with { Kiosk = kiosk }, clock.GetUtcNow());
        kiosk = registered.Kiosk;
        await ChangeAsync(registered);
        await KeepMaintenanceReminderAsync();
        logger.LogInformation("Kiosk {KioskId} registered as {KioskName} in centre {CentreId}", KioskId, registration.Name, registration.CentreId);
        var station = registration is { MediaKind: KioskMediaKind.SipIntercom, Sip: { } sip } ? sip : null;
        if (station is not null || before is { MediaKind: KioskMediaKind.SipIntercom, Sip: not null })
        {
            // A SIP intercom is heard through the SIP server's OPTIONS or its registration (told again on every
            // registration: harmless).
            await GrainFactory.GetGrain<IStationSupervisorGrain>(0).WatchAsync(KioskId, station);
        }

        if (before?.Camera?.AlwaysOn == true || registration.Camera?.AlwaysOn == true)
        {
            // An always-on camera is kept mounted by its own grain, which reads the registration again.
            await GrainFactory.GetGrain<IKioskCameraGrain>(KioskId).ChangedAsync();
        }

        if (before != registration)
        {
            await AuditAsync(actor, AuditActions.KioskRegistered, before is null ? Describe(registration) : $"was {Describe(before)}; now {Describe(registration)}");
        }

        return kiosk;
    }

    /// <inheritdoc />
    public async Task<KioskSnapshot> ChangeLifecycleAsync(KioskLifecycle lifecycle, string actor)
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

        var moved = Maintain(Current with { Kiosk = kiosk with { Lifecycle = lifecycle } }, clock.GetUtcNow());
        var changed = moved.Kiosk;
        await ChangeAsync(moved);
        await KeepMaintenanceReminderAsync();
        logger.LogInformation("Kiosk {KioskId} is now {Lifecycle}", KioskId, lifecycle);
        if (kiosk.Registration?.Camera?.AlwaysOn == true && lifecycle == KioskLifecycle.Decommissioned)
        {
            await GrainFactory.GetGrain<IKioskCameraGrain>(KioskId).ChangedAsync();
        }

        await AuditAsync(actor, AuditActions.KioskLifecycleChanged, $"{kiosk.Lifecycle} → {lifecycle}");
        return changed;
    }

    /// <inheritdoc />
    public async Task<string> IssueSecretAsync(string actor)
    {
        var kiosk = RequireRegistered();
        var secret = KioskSecrets.Create(KioskId);
        var replaced = Current.SecretHash is not null;
        await ChangeAsync(Current with { SecretHash = KioskSecrets.Hash(secret), Kiosk = kiosk with { SecretIssuedAt = clock.GetUtcNow() } });
        logger.LogInformation("Kiosk {KioskId} was issued a device secret (rotation: {Replaced})", KioskId, replaced);
        await AuditAsync(actor, AuditActions.KioskSecretIssued, replaced ? "a new secret replaced the previous one" : "a first secret was issued");
        return secret;
    }

    /// <inheritdoc />
    public async Task<KioskSnapshot> SetCameraCredentialsAsync(CameraCredentials? credentials, string actor)
    {
        var kiosk = RequireRegistered();
        if (kiosk.Registration!.Camera is null)
        {
            throw new SosDomainException("camera-credentials-invalid", $"Kiosk {KioskId} has no camera: register its RTSP URL first.");
        }

        if (credentials is not null && (!Fits(credentials.Username) || !Fits(credentials.Password)))
        {
            throw new SosDomainException("camera-credentials-invalid", "A camera's user and password are each 1–200 characters, without control characters.");
        }

        var set = kiosk with { CameraCredentialsSetAt = credentials is null ? null : clock.GetUtcNow() };
        await ChangeAsync(Current with { CameraCredentials = credentials, Kiosk = set });
        if (kiosk.Registration.Camera.AlwaysOn)
        {
            await GrainFactory.GetGrain<IKioskCameraGrain>(KioskId).ChangedAsync();
        }

        await AuditAsync(actor, AuditActions.KioskCameraCredentialsSet, credentials is null ? "the camera's user and password were cleared" : $"the camera's user and password were set (user {credentials.Username})");
        return set;

        static bool Fits(string? part) => part is { Length: > 0 and <= 200 } && !part.Any(char.IsControl);
    }

    /// <inheritdoc />
    public Task<CameraSource?> CameraSourceAsync() => Task.FromResult(
        Current.Kiosk.Registration?.Camera is { } camera ? new CameraSource(camera.RtspUrl, Current.CameraCredentials) : null);

    /// <inheritdoc />
    public async Task<KioskSnapshot> SetSipPasswordAsync(string? password, string actor)
    {
        var kiosk = RequireRegistered();
        if (!Registers(kiosk.Registration!))
        {
            throw new SosDomainException("sip-password-invalid", $"Kiosk {KioskId} is no SIP intercom that registers: register it as one first.");
        }

        if (password is not null && (password.Length is < 8 or > 200 || password.Any(char.IsControl)))
        {
            throw new SosDomainException("sip-password-invalid", "A SIP intercom's password is 8–200 characters, without control characters.");
        }

        var set = kiosk with { SipPasswordSetAt = password is null ? null : clock.GetUtcNow() };
        await ChangeAsync(Current with { SipPassword = password, Kiosk = set });
        await AuditAsync(actor, AuditActions.KioskSipPasswordSet, password is null ? "the SIP intercom's password was cleared" : "the SIP intercom's password was set");
        return set;
    }

    /// <inheritdoc />
    public Task<string?> SipPasswordAsync() => Task.FromResult(Current.Kiosk.Registration is { } registration && Registers(registration) ? Current.SipPassword : null);

    /// <summary>Whether the registration is of a SIP intercom that registers with Sos's registrar.</summary>
    private static bool Registers(KioskRegistration registration) => registration is { MediaKind: KioskMediaKind.SipIntercom, Sip.Registers: true };

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
        using var activity = SosTracing.Source.StartActivity("sos.press");
        activity?.SetTag(SosTracing.KioskIdTag, KioskId).SetTag("sos.press_id", press.PressId);
        var receipt = await TakePressAsync(press);
        activity?.SetTag(SosTracing.CallIdTag, receipt.CallId).SetTag("sos.joined", receipt.Joined);
        return receipt;
    }

    private async Task<PressReceipt> TakePressAsync(PressRequest press)
    {
        var kiosk = RequireRegistered();
        var now = clock.GetUtcNow();
        if (Current.Presses.TryGetValue(press.PressId, out var known))
        {
            return await ReplayAsync(kiosk, press, known);
        }

        var callId = PressCallIds.For(KioskId, press.PressId);
        var existing = await GrainFactory.GetCall(callId).GetAsync();
        if (existing.Exists)
        {
            // A retried press the kiosk does not remember (its first answer was lost before the kiosk wrote it, or it is
            // older than the presses kept): it opened this call. When the kiosk's own write of it was what failed, the
            // kiosk takes the call on now.
            var record = new PressRecord(callId, false, now);
            if (existing.IsOpen && kiosk.OpenCallId is null)
            {
                await ChangeAsync(Remember(press.PressId, record) with
                {
                    Kiosk = CountPress(kiosk, now) with { OpenCallId = callId, PressCount = kiosk.PressCount + 1, CallCount = kiosk.CallCount + 1 },
                });
                UpdateTimer();
            }

            return await ReplayAsync(kiosk, press, record);
        }

        var counted = CountPress(kiosk, now) with { PressCount = kiosk.PressCount + 1 };
        if (kiosk.OpenCallId is { } openCallId)
        {
            var joined = await GrainFactory.GetCall(openCallId).JoinPressAsync(press.PressId, press.PressedAt);
            if (joined is not null)
            {
                var remembered = Remember(press.PressId, new PressRecord(openCallId, true, now)) with { Kiosk = counted };
                await (counted.Alerts == kiosk.Alerts ? ChangeSoonAsync(remembered) : ChangeAsync(remembered));
                UpdateTimer();
                logger.LogInformation("Press {PressId} on kiosk {KioskId} joined call {CallId}", press.PressId, KioskId, openCallId);
                return new PressReceipt(openCallId, joined.Status, true);
            }
        }

        // The kiosk's record of the press and the call (with its place in the waiting list) are written side by side:
        // the call id follows from the kiosk and press ids, so a retry finds the same call whichever write was lost.
        var recorded = ChangeAsync(Remember(press.PressId, new PressRecord(callId, false, now)) with
        {
            Kiosk = InterruptTest(counted with { OpenCallId = callId, CallCount = kiosk.CallCount + 1 }, now),
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
            await KeepMaintenanceReminderAsync();
        }
    }

    private CallOpening OpeningFor(KioskSnapshot kiosk, PressRequest press) =>
        new(KioskId, kiosk.Registration!, press.PressId, press.PressedAt, kiosk.Lifecycle == KioskLifecycle.Commissioning);

    /// <summary>
    /// Tells the centre's routing that the call waits, over the routing-requests stream, or directly when the stream
    /// refuses it (its queue was on a silo that just died). Never fails the press: the call is already in the centre's
    /// durable waiting list, which routing catches up with every <c>Sos:Routing:WaitingListInterval</c>.
    /// </summary>
    private Task SubmitAsync(CallSnapshot call) =>
        Routing.RoutingIntake.SubmitAsync(this.GetStreamProvider(SosConstants.PressStreamProvider), GrainFactory, call, logger);

    private KioskSnapshot RequireRegistered() =>
        Current.Kiosk.IsRegistered ? Current.Kiosk : throw new UnknownKioskException(KioskId);
}
