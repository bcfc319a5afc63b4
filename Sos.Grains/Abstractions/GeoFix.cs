namespace Sos.Grains.Abstractions;

/// <summary>A position as a device measured it.</summary>
/// <param name="Latitude">WGS 84 latitude in degrees.</param>
/// <param name="Longitude">WGS 84 longitude in degrees.</param>
/// <param name="AccuracyMeters">The radius it is good to, in metres; null when the device did not say.</param>
/// <param name="At">When the device measured it.</param>
/// <param name="Method">How: <c>gps</c>, <c>wifi</c>, <c>cell</c>, <c>manual</c>, <c>browser</c>, <c>avl</c>; null when unknown.</param>
[GenerateSerializer, Immutable, Alias("Sos.GeoFix")]
public sealed record GeoFix(
    [property: Id(0)] double Latitude,
    [property: Id(1)] double Longitude,
    [property: Id(2)] double? AccuracyMeters,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4)] string? Method = null)
{
    /// <summary>Whether the coordinates are on the Earth and the accuracy, if given, is a distance.</summary>
    public bool IsValid =>
        Geo.IsOnEarth(Latitude, Longitude) && AccuracyMeters is null or (>= 0 and < 1_000_000);

    /// <summary>The great-circle distance to another point, in metres (haversine, mean Earth radius).</summary>
    public double MetersTo(double latitude, double longitude) => Geo.Meters(Latitude, Longitude, latitude, longitude);
}
