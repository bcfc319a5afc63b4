using System.Collections.Immutable;

namespace Sos.Grains.Abstractions;

/// <summary>
/// What a call tells its centre's routing, one way, whenever its part in routing changes: it waits (queued, or ringing
/// whom, on which attempt), or it no longer waits. Routing follows the newest notice of each call.
/// </summary>
/// <param name="CallId">The call.</param>
/// <param name="KioskId">Its kiosk.</param>
/// <param name="Priority">Its priority.</param>
/// <param name="WaitingSince">When it began to wait.</param>
/// <param name="Waiting">Whether it still waits for an answer.</param>
/// <param name="Attempt">Offers made so far.</param>
/// <param name="Ringing">Who it rings now; empty while queued.</param>
/// <param name="Missed">Operators who just let it ring out.</param>
/// <param name="Declined">Operators who just could not take it (no longer free, or gone).</param>
/// <param name="Retry">An offer failed for a reason of the system (storage): offer it again at the next tick, not at once.</param>
/// <param name="Sequence">The call's step count when it sent this: a higher one is newer.</param>
/// <param name="HomeCentreId">The centre the call belongs to (its kiosk's); a partner holds it only while it overflows there.</param>
[GenerateSerializer, Immutable, Alias("Sos.CallNotice")]
public sealed record CallNotice(
    [property: Id(0)] Guid CallId,
    [property: Id(1)] string KioskId,
    [property: Id(2)] CallPriority Priority,
    [property: Id(3)] DateTimeOffset WaitingSince,
    [property: Id(4)] bool Waiting,
    [property: Id(5)] int Attempt,
    [property: Id(6)] ImmutableArray<string> Ringing,
    [property: Id(7)] ImmutableArray<string> Missed,
    [property: Id(8)] ImmutableArray<string> Declined,
    [property: Id(9)] bool Retry,
    [property: Id(10)] int Sequence,
    [property: Id(11)] string HomeCentreId = "");
