namespace Sos.Grains.Abstractions;

/// <summary>One entry of a kiosk's alert history: an alert raised or cleared.</summary>
/// <param name="At">When (UTC).</param>
/// <param name="Kind">Which alert.</param>
/// <param name="Raised">True when it was raised, false when it cleared.</param>
/// <param name="Detail">What the kiosk reported, or why.</param>
[GenerateSerializer, Immutable, Alias("Sos.KioskAlertEvent")]
public sealed record KioskAlertEvent(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] KioskAlertKind Kind,
    [property: Id(2)] bool Raised,
    [property: Id(3)] string? Detail);
