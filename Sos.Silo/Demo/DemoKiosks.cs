using Sos.Grains.Abstractions;

namespace Sos.Silo.Demo;

/// <summary>
/// The Pavlodar call points of the embedded demo (approximate coordinates, not survey data). Seeded in service on
/// first start; a kiosk already registered is left as it is.
/// </summary>
public static class DemoKiosks
{
    /// <summary>Every demo kiosk with its registration.</summary>
    public static IReadOnlyList<(string Id, KioskRegistration Registration)> All { get; } =
    [
        ("pvl-embankment-01", new KioskRegistration("Central Embankment", "Irtysh embankment, by the river station", 52.288, 76.942, "Central", SosConstants.DefaultCentreId)),
        ("pvl-square-01", new KioskRegistration("Central Square", "Central square, by the fountain", 52.285, 76.955, "Central", SosConstants.DefaultCentreId)),
        ("pvl-park-01", new KioskRegistration("City Park", "City park, main alley by the gates", 52.279, 76.948, "Central", SosConstants.DefaultCentreId)),
        ("pvl-station-01", new KioskRegistration("Railway Station Square", "Station square, by the taxi rank", 52.296, 76.968, "Northern", SosConstants.DefaultCentreId)),
        ("pvl-park-02", new KioskRegistration("Riverside Park", "Riverside park, by the playground", 52.299, 76.936, "Northern", SosConstants.DefaultCentreId)),
        ("pvl-square-02", new KioskRegistration("Victory Square", "Victory square, by the bus stop", 52.272, 76.975, "Southern", SosConstants.DefaultCentreId)),
    ];

    /// <summary>Registers every demo kiosk not yet registered and puts it in service.</summary>
    public static async Task SeedAsync(IGrainFactory grains)
    {
        foreach (var (id, registration) in All)
        {
            var kiosk = grains.GetKiosk(id);
            if ((await kiosk.GetAsync()).IsRegistered)
            {
                continue;
            }

            await kiosk.RegisterAsync(registration);
            await kiosk.ChangeLifecycleAsync(KioskLifecycle.InService);
        }
    }
}
