using System.Collections.Immutable;
using Sos.Grains.Abstractions;

namespace Sos.Grains.Kiosks;

/// <summary>A kiosk's persisted state: what the console sees, plus the press ids it has answered.</summary>
/// <param name="Kiosk">Registration, lifecycle, health, open call, counters.</param>
/// <param name="Presses">Press ids received recently, with the call each one got.</param>
[GenerateSerializer, Immutable, Alias("Sos.KioskState")]
public sealed record KioskState(
    [property: Id(0)] KioskSnapshot Kiosk,
    [property: Id(1)] ImmutableDictionary<Guid, PressRecord> Presses)
{
    /// <summary>The state of a kiosk id nobody registered.</summary>
    public static KioskState None(string kioskId) =>
        new(new KioskSnapshot(kioskId, null, KioskLifecycle.Commissioning, null, null, null, 0, 0), ImmutableDictionary<Guid, PressRecord>.Empty);
}
