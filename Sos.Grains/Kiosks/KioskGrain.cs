using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sos.Grains.Abstractions;
using Sos.Grains.Storage;
using Sos.Grains.Streams;

namespace Sos.Grains.Kiosks;

/// <summary>
/// One SOS call point. A press is made durable here (press id → call id) before the call is opened and before it
/// is acknowledged, so a retried press always finds its call, also after a restart.
/// </summary>
public sealed class KioskGrain(
    [PersistentState("kiosk", SosConstants.StateStore)] IPersistentState<KioskState> state,
    [FromKeyedServices(SosConstants.ClockKey)] TimeProvider clock,
    ILogger<KioskGrain> logger) : Grain, IKioskGrain
{
    /// <summary>How long a press id is remembered for retries.</summary>
    public static readonly TimeSpan PressRetention = TimeSpan.FromDays(7);

    /// <summary>How many press ids are remembered at most (a stuck button must not grow the state without bound).</summary>
    public const int MaxRememberedPresses = 10_000;

    /// <summary>A heartbeat that changes nothing is written at most this often.</summary>
    private static readonly TimeSpan HeartbeatWriteInterval = TimeSpan.FromMinutes(1);

    private string KioskId => this.GetPrimaryKeyString();

    private KioskState Current => state.RecordExists ? state.State : KioskState.None(KioskId);

    /// <inheritdoc />
    public async Task<KioskSnapshot> RegisterAsync(KioskRegistration registration)
    {
        Validate(registration);
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
        var healthChanged = kiosk.Health != health;
        var persistedLongAgo = kiosk.LastHeartbeatAt is not { } last || now - last >= HeartbeatWriteInterval;
        if (healthChanged || persistedLongAgo)
        {
            await ChangeAsync(Current with { Kiosk = updated }, publish: healthChanged);
        }
        else
        {
            // Coalesced: kept in memory, written with the next change or the next minute's heartbeat.
            state.State = Current with { Kiosk = updated };
        }

        return updated;
    }

    /// <inheritdoc />
    public async Task<PressReceipt> PressAsync(PressRequest press)
    {
        var kiosk = RequireRegistered();
        if (Current.Presses.TryGetValue(press.PressId, out var known))
        {
            return await ReplayAsync(kiosk, press, known);
        }

        var now = clock.GetUtcNow();
        if (kiosk.OpenCallId is { } openCallId)
        {
            var joined = await GrainFactory.GetCall(openCallId).JoinPressAsync(press.PressId, press.PressedAt);
            if (joined is not null)
            {
                await ChangeAsync(Remember(press.PressId, new PressRecord(openCallId, true, now)) with
                {
                    Kiosk = kiosk with { PressCount = kiosk.PressCount + 1 },
                });
                if (joined.IsWaiting)
                {
                    await SubmitAsync(RoutingRequestKind.PriorityRaised, joined);
                }

                logger.LogInformation("Press {PressId} on kiosk {KioskId} joined call {CallId}", press.PressId, KioskId, openCallId);
                return new PressReceipt(openCallId, joined.Status, true);
            }
        }

        var callId = Guid.NewGuid();
        await ChangeAsync(Remember(press.PressId, new PressRecord(callId, false, now)) with
        {
            Kiosk = kiosk with { OpenCallId = callId, PressCount = kiosk.PressCount + 1, CallCount = kiosk.CallCount + 1 },
        });
        var opened = await GrainFactory.GetCall(callId).OpenAsync(OpeningFor(kiosk, press));
        await SubmitAsync(RoutingRequestKind.CallQueued, opened);
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
            await SubmitAsync(RoutingRequestKind.CallAbandoned, after);
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
            await SubmitAsync(RoutingRequestKind.CallQueued, opened);
        }

        logger.LogInformation("Press {PressId} on kiosk {KioskId} retried; same call {CallId}", press.PressId, KioskId, known.CallId);
        return new PressReceipt(known.CallId, opened.Status, false);
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

    private async Task SubmitAsync(RoutingRequestKind kind, CallSnapshot call)
    {
        var request = new RoutingRequest(kind, call.CallId, KioskId, call.Priority, call.OpenedAt);
        await this.GetStreamProvider(SosConstants.StreamProvider).RoutingRequests(call.CentreId).TryPublishAsync(request, logger);
    }

    private async Task ChangeAsync(KioskState next, bool publish = true)
    {
        await state.CommitAsync(next);
        if (publish && next.Kiosk.Registration is { } registration)
        {
            await this.GetStreamProvider(SosConstants.StreamProvider).KioskChanges(registration.CentreId).TryPublishAsync(next.Kiosk, logger);
        }
    }

    private KioskSnapshot RequireRegistered() =>
        Current.Kiosk.IsRegistered ? Current.Kiosk : throw new UnknownKioskException(KioskId);

    private static void Validate(KioskRegistration registration)
    {
        var problems = new List<string>();
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

        if (problems.Count > 0)
        {
            throw new SosDomainException($"A kiosk registration needs {string.Join(", ", problems)}.");
        }
    }
}
