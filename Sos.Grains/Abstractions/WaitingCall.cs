using System.Collections.Immutable;

namespace Sos.Grains.Abstractions;

/// <summary>A call in routing's queue, as routing holds it in memory (the call itself holds its offer).</summary>
/// <param name="CallId">The call.</param>
/// <param name="KioskId">Its kiosk.</param>
/// <param name="Priority">Its priority.</param>
/// <param name="WaitingSince">When it began to wait.</param>
/// <param name="OfferedTo">Who its current offer rings, as the call last told (or as routing asked); empty while queued.</param>
/// <param name="Attempts">Offers made so far.</param>
/// <param name="MissedBy">Operators who let it ring out; it is offered to others first.</param>
/// <param name="Escalated">Supervisors were alerted about it.</param>
/// <param name="HomeCentreId">The centre it belongs to, when it overflowed here from a partner; null for the centre's own.</param>
[GenerateSerializer, Immutable, Alias("Sos.WaitingCall")]
public sealed record WaitingCall(
    [property: Id(0)] Guid CallId,
    [property: Id(1)] string KioskId,
    [property: Id(2)] CallPriority Priority,
    [property: Id(3)] DateTimeOffset WaitingSince,
    [property: Id(4)] ImmutableArray<string> OfferedTo,
    [property: Id(5)] int Attempts,
    [property: Id(6)] ImmutableArray<string> MissedBy,
    [property: Id(7)] bool Escalated,
    [property: Id(8)] string? HomeCentreId = null)
{
    /// <summary>Whether an offer of it is out now.</summary>
    public bool IsRinging => !OfferedTo.IsDefaultOrEmpty;
}
