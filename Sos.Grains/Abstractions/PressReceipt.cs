namespace Sos.Grains.Abstractions;

/// <summary>What Sos answers a press once the press is durable.</summary>
/// <param name="CallId">The call the press opened or joined.</param>
/// <param name="Status">The call's status now.</param>
/// <param name="Joined">True when the press joined a call that was already open.</param>
[GenerateSerializer, Immutable, Alias("Sos.PressReceipt")]
public sealed record PressReceipt(
    [property: Id(0)] Guid CallId,
    [property: Id(1)] CallStatus Status,
    [property: Id(2)] bool Joined);
