using Microsoft.Extensions.Logging;
using Sos.Grains.Abstractions;

namespace Sos.Silo.Demo;

/// <summary>
/// The kiosks of the embedded demo: Pavlodar call points on the Irtysh embankment and in parks and squares, with
/// approximate coordinates (illustrative, not survey data). Every host that seeds a demo uses this one list.
/// </summary>
public static class DemoKiosks
{
    /// <summary>The demo kiosks, by id.</summary>
    public static IReadOnlyDictionary<string, KioskRegistration> All { get; } = new Dictionary<string, KioskRegistration>(StringComparer.Ordinal)
    {
        ["pvl-embankment-01"] = new("Central Embankment", "Irtysh embankment, at the river station", 52.2880, 76.9420, "Central", SosConstants.DefaultCentreId),
        ["pvl-embankment-02"] = new("Embankment, north", "Irtysh embankment, at the pedestrian bridge", 52.2955, 76.9385, "Central", SosConstants.DefaultCentreId),
        ["pvl-square-01"] = new("Central Square", "Central Square, at the fountain", 52.2858, 76.9512, "Central", SosConstants.DefaultCentreId),
        ["pvl-park-victory-01"] = new("Victory Park", "Victory Park, main alley", 52.2742, 76.9628, "Central", SosConstants.DefaultCentreId),
        ["pvl-park-youth-01"] = new("Youth Park", "Youth Park, at the playground", 52.2968, 76.9705, "North", SosConstants.DefaultCentreId),
        ["pvl-square-station-01"] = new("Station Square", "Railway station square", 52.2725, 76.9760, "South", SosConstants.DefaultCentreId),
        ["pvl-park-dendro-01"] = new("Dendropark", "Dendropark, east gate", 52.2990, 76.9560, "North", SosConstants.DefaultCentreId),
        ["pvl-square-bus-01"] = new("Bus Station Square", "Bus station forecourt", 52.2790, 76.9455, "South", SosConstants.DefaultCentreId),
    };

    /// <summary>Whether <paramref name="kioskId"/> is a demo kiosk.</summary>
    public static bool Contains(string kioskId) => All.ContainsKey(kioskId);

    /// <summary>
    /// Registers every demo kiosk that is not registered yet and puts it in service; kiosks already registered are left
    /// as an administrator may have changed them. Returns how many were added. Safe to call on every start.
    /// </summary>
    public static async Task<int> SeedAsync(IGrainFactory grains, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        var added = 0;
        foreach (var (kioskId, registration) in All)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var kiosk = grains.GetKiosk(kioskId);
            if ((await kiosk.GetAsync()).IsRegistered)
            {
                continue;
            }

            await kiosk.RegisterAsync(registration, Actors.System);
            await kiosk.ChangeLifecycleAsync(KioskLifecycle.InService, Actors.System);
            added++;
        }

        if (added > 0)
        {
            logger?.LogInformation("Seeded {Count} demo kiosks", added);
        }

        return added;
    }
}
