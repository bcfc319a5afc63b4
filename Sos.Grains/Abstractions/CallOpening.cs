namespace Sos.Grains.Abstractions;

/// <summary>What a kiosk (or a citizen's SOS session) tells a new call about itself and the press that opened it.</summary>
/// <param name="KioskId">The kiosk that was pressed; for a citizen's SOS <see cref="CitizenIds.Caller"/> of its session.</param>
/// <param name="Kiosk">The kiosk's registration at the time of the press; null for a citizen's SOS.</param>
/// <param name="PressId">The opening press.</param>
/// <param name="PressedAt">When the device saw the press.</param>
/// <param name="IsTest">The kiosk is in commissioning: a test call.</param>
/// <param name="Citizen">The citizen of an SOS from a phone; null for a kiosk's press.</param>
[GenerateSerializer, Immutable, Alias("Sos.CallOpening")]
public sealed record CallOpening(
    [property: Id(0)] string KioskId,
    [property: Id(1)] KioskRegistration? Kiosk,
    [property: Id(2)] Guid PressId,
    [property: Id(3)] DateTimeOffset PressedAt,
    [property: Id(4)] bool IsTest,
    [property: Id(5)] CitizenCaller? Citizen = null);
