using Sos.Grains.Abstractions;

namespace Sos.Grains.Kiosks;

/// <summary>
/// The id of the call a press opens, derived from the kiosk and press ids (<see cref="NameBasedIds"/>), so that every
/// attempt of one press names the same call even when the kiosk's own record of it was lost.
/// </summary>
public static class PressCallIds
{
    /// <summary>The call id of the press <paramref name="pressId"/> on <paramref name="kioskId"/>.</summary>
    public static Guid For(string kioskId, Guid pressId) => NameBasedIds.For(kioskId, pressId);
}
