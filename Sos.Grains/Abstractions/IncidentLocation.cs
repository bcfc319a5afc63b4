namespace Sos.Grains.Abstractions;

/// <summary>Where an incident is.</summary>
/// <param name="Latitude">WGS 84 latitude in degrees.</param>
/// <param name="Longitude">WGS 84 longitude in degrees.</param>
/// <param name="Address">The address as people say it; null when only coordinates are known.</param>
/// <param name="District">The city district; null when unknown.</param>
/// <param name="Source">Where it came from: <c>kiosk</c>, <c>caller</c> (a phone's fix), <c>operator</c> (corrected by hand).</param>
/// <param name="AccuracyMeters">How far off it may be, in metres; null when exact or unknown.</param>
[GenerateSerializer, Immutable, Alias("Sos.IncidentLocation")]
public sealed record IncidentLocation(
    [property: Id(0)] double Latitude,
    [property: Id(1)] double Longitude,
    [property: Id(2)] string? Address,
    [property: Id(3)] string? District,
    [property: Id(4)] string Source,
    [property: Id(5)] double? AccuracyMeters = null)
{
    /// <summary>Whether the coordinates are on the Earth.</summary>
    public bool IsValid => Geo.IsOnEarth(Latitude, Longitude);

    /// <summary>Where a kiosk stands.</summary>
    public static IncidentLocation OfKiosk(KioskRegistration kiosk) =>
        new(kiosk.Latitude, kiosk.Longitude, kiosk.Address, kiosk.District, IncidentLocationSources.Kiosk);

    /// <summary>Where a citizen's phone says it is, with its accuracy.</summary>
    public static IncidentLocation OfPhone(CitizenLocation fix) =>
        new(fix.Latitude, fix.Longitude, null, null, IncidentLocationSources.Caller, fix.AccuracyMeters);
}
