namespace Sos.Grains.Abstractions;

/// <summary>One call in its centre's durable list of waiting calls.</summary>
/// <param name="CallId">The call.</param>
/// <param name="KioskId">Its kiosk.</param>
/// <param name="Priority">Its priority when last written.</param>
/// <param name="WaitingSince">When it began to wait (the call's opening).</param>
/// <param name="Sequence">When it was last added or changed, in the list's own order; set by the list.</param>
[GenerateSerializer, Immutable, Alias("Sos.WaitingEntry")]
public sealed record WaitingEntry(
    [property: Id(0)] Guid CallId,
    [property: Id(1)] string KioskId,
    [property: Id(2)] CallPriority Priority,
    [property: Id(3)] DateTimeOffset WaitingSince,
    [property: Id(4)] long Sequence = 0);
