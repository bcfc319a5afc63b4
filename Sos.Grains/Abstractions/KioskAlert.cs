namespace Sos.Grains.Abstractions;

/// <summary>An alert that is active on a kiosk.</summary>
/// <param name="Kind">What is wrong.</param>
/// <param name="RaisedAt">When Sos raised it (UTC).</param>
/// <param name="Detail">What the kiosk reported, or why Sos raised it.</param>
[GenerateSerializer, Immutable, Alias("Sos.KioskAlert")]
public sealed record KioskAlert(
    [property: Id(0)] KioskAlertKind Kind,
    [property: Id(1)] DateTimeOffset RaisedAt,
    [property: Id(2)] string? Detail);
