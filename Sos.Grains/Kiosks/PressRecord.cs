namespace Sos.Grains.Kiosks;

/// <summary>What a kiosk remembers of one press id, so a retried press gets the same answer.</summary>
/// <param name="CallId">The call the press opened or joined.</param>
/// <param name="Joined">Whether it joined an open call.</param>
/// <param name="ReceivedAt">When Sos received it first.</param>
[GenerateSerializer, Immutable, Alias("Sos.PressRecord")]
public sealed record PressRecord(
    [property: Id(0)] Guid CallId,
    [property: Id(1)] bool Joined,
    [property: Id(2)] DateTimeOffset ReceivedAt);
