namespace Sos.Grains.Abstractions;

/// <summary>A call asks an operator to ring with it, for its offer number <paramref name="Attempt"/>, until <paramref name="Deadline"/>.</summary>
/// <param name="CallId">The call.</param>
/// <param name="Attempt">The call's offer this ring belongs to.</param>
/// <param name="Deadline">When the call stops ringing them.</param>
[GenerateSerializer, Immutable, Alias("Sos.OperatorRing")]
public sealed record OperatorRing(
    [property: Id(0)] Guid CallId,
    [property: Id(1)] int Attempt,
    [property: Id(2)] DateTimeOffset Deadline);
