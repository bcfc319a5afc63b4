namespace Sos.Grains.Abstractions;

/// <summary>Where a citizen's phone says it is (AML/ELS-like): a fix with its accuracy, its method and its time.</summary>
/// <param name="Latitude">WGS 84 latitude in degrees.</param>
/// <param name="Longitude">WGS 84 longitude in degrees.</param>
/// <param name="AccuracyMeters">The radius it may be off by, in metres.</param>
/// <param name="Method"><c>gnss</c>, <c>wifi</c>, <c>cell</c> or <c>manual</c> (see <see cref="Methods"/>).</param>
/// <param name="FixAt">When the phone took the fix.</param>
[GenerateSerializer, Immutable, Alias("Sos.CitizenLocation")]
public sealed record CitizenLocation(
    [property: Id(0)] double Latitude,
    [property: Id(1)] double Longitude,
    [property: Id(2)] double AccuracyMeters,
    [property: Id(3)] string Method,
    [property: Id(4)] DateTimeOffset FixAt)
{
    /// <summary>How a phone may have found itself.</summary>
    public static readonly IReadOnlyList<string> Methods = ["gnss", "wifi", "cell", "manual"];
}
