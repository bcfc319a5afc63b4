using Sos.Grains.Abstractions;

namespace Sos.Silo.Demo;

/// <summary>
/// The patrol units of the embedded demo: Pavlodar cars and foot patrols at approximate places in the city
/// (illustrative), the first two crewed by the demo accounts <c>patrol1</c> and <c>patrol2</c>.
/// </summary>
public static class DemoUnits
{
    /// <summary>The demo centre's incident number prefix.</summary>
    public const string IncidentPrefix = "PVL";

    /// <summary>The demo units with where each stands when the demo starts.</summary>
    public static IReadOnlyList<(UnitProfile Profile, double Latitude, double Longitude)> All { get; } =
    [
        (new UnitProfile("PVL-11", UnitKind.Car, "Central", SosConstants.DefaultCentreId, ["patrol1"]), 52.2851, 76.9440),
        (new UnitProfile("PVL-12", UnitKind.Car, "North", SosConstants.DefaultCentreId, ["patrol2"]), 52.2990, 76.9650),
        (new UnitProfile("PVL-14", UnitKind.Car, "South", SosConstants.DefaultCentreId, []), 52.2705, 76.9700),
        (new UnitProfile("PVL-21", UnitKind.Foot, "Central", SosConstants.DefaultCentreId, []), 52.2893, 76.9405),
        (new UnitProfile("PVL-22", UnitKind.Foot, "Central", SosConstants.DefaultCentreId, []), 52.2760, 76.9600),
        (new UnitProfile("PVL-31", UnitKind.Motorcycle, "North", SosConstants.DefaultCentreId, []), 52.3040, 76.9480),
    ];

    /// <summary>
    /// Registers every demo unit not registered yet, on duty where it stands now; units already registered are left as
    /// an administrator or their crew changed them. The demo centre's incidents are numbered PVL-….
    /// </summary>
    public static async Task SeedAsync(IGrainFactory grains, TimeProvider clock)
    {
        foreach (var (profile, latitude, longitude) in All)
        {
            var unit = grains.GetUnit(profile.Callsign);
            if ((await unit.GetAsync()).IsRegistered)
            {
                continue;
            }

            await unit.RegisterAsync(profile, Actors.System);
            await unit.ReportPositionAsync(new GeoFix(latitude, longitude, 15, clock.GetUtcNow(), "manual"));
            await unit.SetStatusAsync(UnitStatus.Available, Actors.System);
        }

        var register = grains.GetIncidentRegister(SosConstants.DefaultCentreId);
        if (await register.PrefixAsync() != IncidentPrefix)
        {
            await register.SetPrefixAsync(IncidentPrefix, Actors.System);
        }
    }
}
