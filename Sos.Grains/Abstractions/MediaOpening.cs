namespace Sos.Grains.Abstractions;

/// <summary>What a call tells its media session when it opens.</summary>
/// <param name="KioskId">The kiosk whose camera and microphone are the caller's side.</param>
/// <param name="CentreId">The operations centre that handles the call.</param>
/// <param name="OpenedAt">When the call opened: the evidence is filed under its day.</param>
[GenerateSerializer, Immutable, Alias("Sos.MediaOpening")]
public sealed record MediaOpening([property: Id(0)] string KioskId, [property: Id(1)] string CentreId, [property: Id(2)] DateTimeOffset OpenedAt);
