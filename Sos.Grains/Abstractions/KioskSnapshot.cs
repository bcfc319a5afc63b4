using System.Collections.Immutable;

namespace Sos.Grains.Abstractions;

/// <summary>A kiosk as the console and gateways see it.</summary>
/// <param name="KioskId">The kiosk's stable id, such as <c>pvl-embankment-01</c>.</param>
/// <param name="Registration">Name, address, place and centre; null until registered.</param>
/// <param name="Lifecycle">Where the kiosk is in its life.</param>
/// <param name="LastHeartbeatAt">When it last reported in (UTC).</param>
/// <param name="Health">What it last reported.</param>
/// <param name="OpenCallId">The call its presses currently join, if any.</param>
/// <param name="PressCount">Presses received in all.</param>
/// <param name="CallCount">Calls opened in all.</param>
/// <param name="Connectivity">Whether its heartbeats arrive, as its supervision sees it.</param>
/// <param name="ConnectivitySince">When <paramref name="Connectivity"/> last changed.</param>
/// <param name="Alerts">Alerts active now (offline, faults, stuck button), oldest first.</param>
/// <param name="AlertHistory">The latest alerts raised and cleared, oldest first (at most <see cref="AlertHistoryLength"/>).</param>
/// <param name="SecretIssuedAt">When its current device secret was issued; null while it has none.</param>
/// <param name="Maintenance">Its test calls and maintenance tickets.</param>
/// <param name="CameraCredentialsSetAt">When its camera's user and password were last set; null while it has none (they are never shown).</param>
/// <param name="SipPasswordSetAt">When its registering SIP intercom's password was last set; null while it has none (it is never shown).</param>
[GenerateSerializer, Immutable, Alias("Sos.KioskSnapshot")]
public sealed record KioskSnapshot(
    [property: Id(0)] string KioskId,
    [property: Id(1)] KioskRegistration? Registration,
    [property: Id(2)] KioskLifecycle Lifecycle,
    [property: Id(3)] DateTimeOffset? LastHeartbeatAt,
    [property: Id(4)] KioskHealth? Health,
    [property: Id(5)] Guid? OpenCallId,
    [property: Id(6)] long PressCount,
    [property: Id(7)] long CallCount,
    [property: Id(8)] KioskConnectivity Connectivity,
    [property: Id(9)] DateTimeOffset? ConnectivitySince,
    [property: Id(10)] ImmutableArray<KioskAlert> Alerts,
    [property: Id(11)] ImmutableArray<KioskAlertEvent> AlertHistory,
    [property: Id(12)] DateTimeOffset? SecretIssuedAt,
    [property: Id(13)] KioskMaintenance Maintenance,
    [property: Id(14)] DateTimeOffset? CameraCredentialsSetAt = null,
    [property: Id(15)] DateTimeOffset? SipPasswordSetAt = null)
{
    /// <summary>How many alert events a kiosk keeps in <see cref="AlertHistory"/>.</summary>
    public const int AlertHistoryLength = 100;

    /// <summary>Whether an administrator has registered the kiosk.</summary>
    public bool IsRegistered => Registration is not null;

    /// <summary>Whether the alert of <paramref name="kind"/> is active.</summary>
    public bool HasAlert(KioskAlertKind kind) => Alerts.Any(a => a.Kind == kind);
}
