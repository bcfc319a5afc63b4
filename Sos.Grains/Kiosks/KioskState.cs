using System.Collections.Immutable;
using Sos.Grains.Abstractions;

namespace Sos.Grains.Kiosks;

/// <summary>A kiosk's persisted state: what the console sees, plus the press ids it has answered and its secret's hash.</summary>
/// <param name="Kiosk">Registration, lifecycle, health, supervision, open call, counters.</param>
/// <param name="Presses">Press ids received recently, with the call each one got.</param>
/// <param name="SecretHash">The SHA-256 of its device secret (see <see cref="KioskSecrets"/>); null while none was issued.</param>
/// <param name="Ticketed">The active alerts that have already opened (or joined) a maintenance ticket: each episode once.</param>
/// <param name="CameraCredentials">The RTSP camera's user and password, kept here only (the snapshot says when they were set).</param>
/// <param name="SipPassword">The password a registering SIP intercom signs in to the registrar with, kept here only (the snapshot says when it was set).</param>
[GenerateSerializer, Immutable, Alias("Sos.KioskState")]
public sealed record KioskState(
    [property: Id(0)] KioskSnapshot Kiosk,
    [property: Id(1)] ImmutableDictionary<Guid, PressRecord> Presses,
    [property: Id(2)] string? SecretHash = null,
    [property: Id(3)] ImmutableArray<KioskAlert> Ticketed = default,
    [property: Id(4)] CameraCredentials? CameraCredentials = null,
    [property: Id(5)] string? SipPassword = null)
{
    /// <summary>The state of a kiosk id nobody registered.</summary>
    public static KioskState None(string kioskId) =>
        new(
            new KioskSnapshot(kioskId, null, KioskLifecycle.Commissioning, null, null, null, 0, 0, KioskConnectivity.Unknown, null, [], [], null, KioskMaintenance.None),
            ImmutableDictionary<Guid, PressRecord>.Empty,
            null,
            []);

    /// <summary>
    /// The state with every collection set: state written before a collection existed reads back without it
    /// (a default array), and is mended here before anything looks at it.
    /// </summary>
    public KioskState Mended() =>
        Kiosk.Alerts.IsDefault || Kiosk.AlertHistory.IsDefault || Presses is null || Ticketed.IsDefault || Kiosk.Maintenance is null
            ? this with
            {
                Kiosk = Kiosk with
                {
                    Alerts = Kiosk.Alerts.IsDefault ? [] : Kiosk.Alerts,
                    AlertHistory = Kiosk.AlertHistory.IsDefault ? [] : Kiosk.AlertHistory,
                    Maintenance = Kiosk.Maintenance ?? KioskMaintenance.None,
                },
                Presses = Presses ?? ImmutableDictionary<Guid, PressRecord>.Empty,
                Ticketed = Ticketed.IsDefault ? [] : Ticketed,
            }
            : this;
}
