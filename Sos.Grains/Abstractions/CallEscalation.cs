namespace Sos.Grains.Abstractions;

/// <summary>A call that waited past the service-level threshold without an answer: supervisors should step in.</summary>
/// <param name="CallId">The call.</param>
/// <param name="KioskId">Its kiosk.</param>
/// <param name="WaitingSince">When it began to wait.</param>
/// <param name="EscalatedAt">When Sos raised the escalation.</param>
[GenerateSerializer, Immutable, Alias("Sos.CallEscalation")]
public sealed record CallEscalation(
    [property: Id(0)] Guid CallId,
    [property: Id(1)] string KioskId,
    [property: Id(2)] DateTimeOffset WaitingSince,
    [property: Id(3)] DateTimeOffset EscalatedAt);
