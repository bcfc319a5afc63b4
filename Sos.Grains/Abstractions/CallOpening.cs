namespace Sos.Grains.Abstractions;

/// <summary>What a kiosk tells a new call about itself and the press that opened it.</summary>
/// <param name="KioskId">The kiosk that was pressed.</param>
/// <param name="Kiosk">The kiosk's registration at the time of the press.</param>
/// <param name="PressId">The opening press.</param>
/// <param name="PressedAt">When the device saw the press.</param>
/// <param name="IsTest">The kiosk is in commissioning: a test call.</param>
[GenerateSerializer, Immutable, Alias("Sos.CallOpening")]
public sealed record CallOpening(
    [property: Id(0)] string KioskId,
    [property: Id(1)] KioskRegistration Kiosk,
    [property: Id(2)] Guid PressId,
    [property: Id(3)] DateTimeOffset PressedAt,
    [property: Id(4)] bool IsTest);
