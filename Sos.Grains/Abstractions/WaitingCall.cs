using System.Collections.Immutable;

namespace Sos.Grains.Abstractions;

/// <summary>A call that routing is trying to get answered.</summary>
/// <param name="CallId">The call.</param>
/// <param name="KioskId">Its kiosk.</param>
/// <param name="Priority">Its priority.</param>
/// <param name="WaitingSince">When it began to wait.</param>
/// <param name="RingingOperators">Who it rings now; empty while queued.</param>
/// <param name="RingDeadline">When the current ring times out.</param>
/// <param name="Attempts">Offers made so far.</param>
/// <param name="MissedBy">Operators who let it ring out; it is offered to others first.</param>
/// <param name="Escalated">Supervisors were alerted about it.</param>
[GenerateSerializer, Immutable, Alias("Sos.WaitingCall")]
public sealed record WaitingCall(
    [property: Id(0)] Guid CallId,
    [property: Id(1)] string KioskId,
    [property: Id(2)] CallPriority Priority,
    [property: Id(3)] DateTimeOffset WaitingSince,
    [property: Id(4)] ImmutableArray<string> RingingOperators,
    [property: Id(5)] DateTimeOffset? RingDeadline,
    [property: Id(6)] int Attempts,
    [property: Id(7)] ImmutableArray<string> MissedBy,
    [property: Id(8)] bool Escalated)
{
    /// <summary>Whether it rings somebody now.</summary>
    public bool IsRinging => !RingingOperators.IsDefaultOrEmpty;
}
