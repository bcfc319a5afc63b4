using System.Collections.Immutable;

namespace Sos.Grains.Abstractions;

/// <summary>
/// The ids of the kiosks of one operations centre, keyed by centre id: what the wall and the admin pages list.
/// It follows the centre's kiosk-changes stream by itself, and registrations also add to it directly, so a kiosk
/// whose change notification was lost is still listed.
/// </summary>
public interface IKioskDirectoryGrain : IGrainWithStringKey
{
    /// <summary>Adds a kiosk id; adding it again changes nothing.</summary>
    Task AddAsync(string kioskId);

    /// <summary>Every kiosk id seen in the centre, in order.</summary>
    Task<ImmutableArray<string>> GetAsync();
}
