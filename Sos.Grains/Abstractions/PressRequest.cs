namespace Sos.Grains.Abstractions;

/// <summary>One press of a kiosk's button.</summary>
/// <param name="PressId">Made by the device; a retried press carries the same id and is the same press.</param>
/// <param name="PressedAt">When the device saw the press.</param>
[GenerateSerializer, Immutable, Alias("Sos.PressRequest")]
public sealed record PressRequest(
    [property: Id(0)] Guid PressId,
    [property: Id(1)] DateTimeOffset PressedAt);
